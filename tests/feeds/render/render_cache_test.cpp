#include "feeds/render/render_cache.hpp"

#include <gtest/gtest.h>

#include "tests/feeds/render/render_fixtures.hpp"

namespace synd {
namespace {

std::vector<FeedDef> ThreeFeeds() {
  return {{.name = "a", .limit = 5}, {.name = "b", .limit = 5}, {.name = "c", .limit = 5}};
}

TEST(RenderCache, KeepsOneSetOfBuffersPerFeedAndTrimsFromTheLast) {
  RenderCache cache;
  cache.Reset(testing::TestSite(), ThreeFeeds());
  for (std::size_t f = 0; f < 3; ++f) {
    cache.buffers(f).rss.assign(1000, 'r');
    cache.buffers(f).json.assign(2000, 'j');
  }
  EXPECT_EQ(cache.buffers(0).rss, std::string(1000, 'r')) << "feeds do not share buffers";
  const std::size_t all = cache.buffer_bytes();
  EXPECT_GE(all, 9000u);
  cache.TrimBuffers(all);
  EXPECT_EQ(cache.buffer_bytes(), all) << "within the bound nothing is let go";
  cache.TrimBuffers(all - 1);
  EXPECT_EQ(cache.buffers(2).rss.capacity() + cache.buffers(2).json.capacity(),
            std::string().capacity() * 2)
      << "the last feed's buffers go first";
  EXPECT_EQ(cache.buffers(0).json, std::string(2000, 'j'));
  EXPECT_EQ(cache.buffers(1).json, std::string(2000, 'j'));
  cache.TrimBuffers(0);
  EXPECT_LE(cache.buffer_bytes(), 3 * 3 * std::string().capacity());
}

}  // namespace
}  // namespace synd

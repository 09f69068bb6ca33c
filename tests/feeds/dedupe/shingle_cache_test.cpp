#include "feeds/dedupe/shingle_cache.hpp"

#include <gtest/gtest.h>

namespace synd {
namespace {

std::vector<uint32_t> Set(uint32_t first) { return {first, first + 1, first + 2}; }

TEST(ShingleCache, FindsWhatWasPutAndTheLatestVersionOfAStory) {
  ShingleCache cache(4);
  EXPECT_EQ(cache.Find(1), nullptr);
  cache.Put(1, Set(10));
  cache.Put(2, Set(20));
  cache.Put(1, Set(30));
  ASSERT_NE(cache.Find(1), nullptr);
  EXPECT_EQ(*cache.Find(1), Set(30));
  EXPECT_EQ(*cache.Find(2), Set(20));
  EXPECT_EQ(cache.size(), 2u);
}

TEST(ShingleCache, ForgetsTheStoryWrittenLongestAgoWhenFull) {
  ShingleCache cache(3);
  cache.Put(1, Set(10));
  cache.Put(2, Set(20));
  cache.Put(3, Set(30));
  cache.Put(1, Set(11));  // story 1 is now the newest
  cache.Put(4, Set(40));
  EXPECT_EQ(cache.Find(2), nullptr);
  for (int64_t story : {1, 3, 4}) EXPECT_NE(cache.Find(story), nullptr) << story;
  EXPECT_EQ(cache.size(), 3u);
}

TEST(ShingleCache, StaysBoundedWhenTheSameStoriesAreWrittenOverAndOver) {
  ShingleCache cache(2);
  for (uint32_t i = 0; i < 1000; ++i) cache.Put(i % 2, Set(i));
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(*cache.Find(1), Set(999));
}

TEST(ShingleCache, ClearForgetsEverythingAndZeroCapacityKeepsNothing) {
  ShingleCache cache(4);
  cache.Put(1, Set(10));
  cache.Clear();
  EXPECT_EQ(cache.Find(1), nullptr);
  ShingleCache none(0);
  none.Put(1, Set(10));
  EXPECT_EQ(none.Find(1), nullptr);
}

}  // namespace
}  // namespace synd

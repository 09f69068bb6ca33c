#include "feeds/dedupe/similarity.hpp"

#include <gtest/gtest.h>

namespace synd {
namespace {

TEST(CompareShingleSets, JaccardAndContainmentOfSortedSets) {
  struct Case {
    std::vector<uint32_t> a, b;
    double jaccard, containment;
  };
  const Case cases[] = {
      {{1, 2, 3, 4}, {1, 2, 3, 4}, 1.0, 1.0},
      {{1, 2, 3, 4}, {3, 4, 5, 6}, 2.0 / 6, 0.5},
      {{1, 2}, {1, 2, 3, 4, 5, 6, 7, 8}, 0.25, 1.0},  // the shorter is contained
      {{1, 2, 3}, {4, 5, 6}, 0.0, 0.0},
      {{}, {1, 2}, 0.0, 0.0},
      {{}, {}, 0.0, 0.0},
  };
  for (const Case& c : cases) {
    const Similarity s = CompareShingleSets(c.a, c.b);
    EXPECT_DOUBLE_EQ(s.jaccard, c.jaccard) << c.a.size() << " vs " << c.b.size();
    EXPECT_DOUBLE_EQ(s.containment, c.containment) << c.a.size() << " vs " << c.b.size();
    const Similarity r = CompareShingleSets(c.b, c.a);
    EXPECT_DOUBLE_EQ(r.jaccard, s.jaccard);
    EXPECT_DOUBLE_EQ(r.containment, s.containment);
  }
}

}  // namespace
}  // namespace synd

#include "feeds/dedupe/compact_multimap.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

namespace synd {
namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20;
constexpr std::size_t kHugeTable = std::size_t{8} << 20;  // tables this big use huge pages

std::vector<uint32_t> ValuesOf(const CompactMultimap& m, uint32_t key) {
  std::vector<uint32_t> out;
  m.ForEach(key, [&](uint32_t v) { out.push_back(v); });
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<uint32_t> ValuesOf(const std::multimap<uint32_t, uint32_t>& m, uint32_t key) {
  std::vector<uint32_t> out;
  for (auto [it, end] = m.equal_range(key); it != end; ++it) out.push_back(it->second);
  std::sort(out.begin(), out.end());
  return out;
}

TEST(CompactMultimap, AgreesWithStdMultimapUnderRandomInsertsAndErases) {
  std::mt19937 rng(12345);
  CompactMultimap map;
  std::multimap<uint32_t, uint32_t> model;
  std::vector<std::pair<uint32_t, uint32_t>> present;
  for (int step = 0; step < 60000; ++step) {
    // Few distinct keys, including the extremes, so that runs collide and wrap around.
    const uint32_t key = rng() % 50 == 0 ? (rng() % 2 ? 0u : 0xFFFFFFFFu) : rng() % 5000 * 858993u;
    if (present.empty() || rng() % 3 != 0) {
      const uint32_t value = 1 + rng() % 100;
      map.Insert(key, value);
      model.emplace(key, value);
      present.emplace_back(key, value);
    } else {
      const std::size_t i = rng() % present.size();
      auto [k, v] = present[i];
      present[i] = present.back();
      present.pop_back();
      ASSERT_TRUE(map.Erase(k, v)) << k << "/" << v;
      for (auto [it, end] = model.equal_range(k); it != end; ++it) {
        if (it->second == v) {
          model.erase(it);
          break;
        }
      }
    }
    if (step % 997 == 0) {
      for (uint32_t probe : {key, 0u, 0xFFFFFFFFu, 858993u * 17}) {
        ASSERT_EQ(ValuesOf(map, probe), ValuesOf(model, probe)) << "step " << step;
      }
    }
  }
  EXPECT_EQ(map.size(), model.size());
  for (const auto& [k, v] : model) ASSERT_TRUE(map.Contains(k, v)) << k;
}

TEST(CompactMultimap, EraseOfAbsentPairFails) {
  CompactMultimap map;
  EXPECT_FALSE(map.Erase(1, 1));
  map.Insert(1, 2);
  EXPECT_FALSE(map.Erase(1, 3));
  EXPECT_FALSE(map.Erase(2, 2));
  EXPECT_TRUE(map.Erase(1, 2));
  EXPECT_EQ(map.size(), 0u);
}

TEST(CompactMultimap, StaysWithinEightBytesPerEntryAtSevenEighthsLoadAfterGrowth) {
  CompactMultimap map;
  std::mt19937 rng(7);
  for (uint32_t i = 1; i <= 100000; ++i) {
    map.Insert(rng(), i);
    // Growth by half from a load of 7/8 leaves a load of at least 7/12. The table is mapped in
    // whole pages (4 KiB, or 2 MiB from 8 MiB up), which adds less than one page.
    const std::size_t table = 8 * (i * 12 / 7 + 16);
    const std::size_t page = table < kHugeTable ? 4096 : kHugePage;
    ASSERT_LE(map.MemoryBytes(), (table + page - 1) / page * page) << i;
  }
}

TEST(CompactMultimap, ATableOfHugePagesHoldsItsEntries) {
  // 1,200,000 entries need more than 8 MiB: the table is then mapped in 2 MiB pages.
  CompactMultimap map;
  constexpr uint32_t kEntries = 1200000;
  for (uint32_t i = 1; i <= kEntries; ++i) map.Insert(i * 2654435761u, i);
  EXPECT_GE(map.MemoryBytes(), kHugeTable);
  EXPECT_EQ(map.MemoryBytes() % kHugePage, 0u);
  for (uint32_t i = 1; i <= kEntries; i += 997) {
    ASSERT_EQ(ValuesOf(map, i * 2654435761u), std::vector<uint32_t>{i}) << i;
  }
  for (uint32_t i = 1; i <= kEntries; i += 2) ASSERT_TRUE(map.Erase(i * 2654435761u, i)) << i;
  EXPECT_EQ(map.size(), kEntries / 2);
  EXPECT_TRUE(ValuesOf(map, 1 * 2654435761u).empty());
  EXPECT_EQ(ValuesOf(map, 2 * 2654435761u), std::vector<uint32_t>{2});
  // Moving hands the mapping over; the moved-from map is empty and still usable.
  CompactMultimap moved = std::move(map);
  EXPECT_EQ(moved.size(), kEntries / 2);
  EXPECT_EQ(map.size(), 0u);  // NOLINT(bugprone-use-after-move): a moved-from map is empty
  map.Insert(5, 6);
  EXPECT_EQ(ValuesOf(map, 5), std::vector<uint32_t>{6});
}

TEST(CompactMultimap, ReserveAvoidsRehashing) {
  CompactMultimap map;
  map.Reserve(1000);
  const std::size_t bytes = map.MemoryBytes();
  for (uint32_t i = 1; i <= 1000; ++i) map.Insert(i * 2654435761u, i);
  EXPECT_EQ(map.MemoryBytes(), bytes);
}

}  // namespace
}  // namespace synd

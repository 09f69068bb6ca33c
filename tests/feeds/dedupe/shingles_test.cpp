#include "feeds/dedupe/shingles.hpp"

#include <gtest/gtest.h>

#include <set>

namespace synd {
namespace {

TEST(ShingleHashes, OneShinglePerWindowOfFiveWords) {
  struct Case {
    const char* text;
    std::size_t shingles;
  };
  const Case cases[] = {
      {"", 0},
      {"one", 1},
      {"one two three four", 1},
      {"one two three four five", 1},
      {"one two three four five six", 2},
      {"one two\nthree four five six seven", 3},  // blocks do not break the window
      {"  one   two  ", 1},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ShingleHashes(c.text).size(), c.shingles) << c.text;
  }
}

TEST(ShingleHashes, NewlineAndSpaceSeparateTokensAlike) {
  EXPECT_EQ(ShingleHashes("a b c d e f"), ShingleHashes("a b\nc d\ne f"));
}

TEST(ShingleHashes, WordOrderMatters) {
  EXPECT_NE(ShingleHashes("a b c d e"), ShingleHashes("b a c d e"));
}

TEST(ShingleHashes, EachCharacterOfSpacelessScriptsIsAToken) {
  struct Case {
    const char* text;
    std::size_t shingles;
  };
  const Case cases[] = {
      {"東京都は晴れです", 4},    // 8 ideographs and kana: 8 - 5 + 1
      {"东京 下雨", 1},           // 4 characters, fewer than five: one shingle
      {"ภาษาไทยง่าย", 7},          // 11 Thai code points
      {"東京、大阪。名古屋", 3},  // CJK punctuation separates and is no token: 7 characters
      {"abc 東京 def", 1},        // 4 tokens: abc, 東, 京, def
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ShingleHashes(c.text).size(), c.shingles) << c.text;
  }
}

TEST(ShingleHashes, MixedScriptTokensMatchTheirSpacedForm) {
  EXPECT_EQ(ShingleHashes("東京都は晴れ"), ShingleHashes("東 京 都 は 晴 れ"));
}

TEST(ShingleSet, IsSortedAndUnique) {
  const std::vector<uint64_t> hashes = ShingleHashes("a b c d e a b c d e a b c d e");
  const std::vector<uint32_t> set = ShingleSet(hashes);
  EXPECT_EQ(hashes.size(), 11u);
  EXPECT_EQ(set.size(), 5u);  // five distinct windows repeat
  EXPECT_TRUE(std::is_sorted(set.begin(), set.end()));
  EXPECT_EQ(std::set<uint32_t>(set.begin(), set.end()).size(), set.size());
}

}  // namespace
}  // namespace synd

namespace synd {
namespace {

TEST(ShingleHashes, ATokenHashesAlikeWhereverItStands) {
  // Short tails are read as whole words when the text goes on, masked otherwise: both must agree.
  const std::vector<uint64_t> alone = ShingleHashes("ab cdefghijk lm nopqrstuvw xyz");
  const std::vector<uint64_t> followed =
      ShingleHashes("ab cdefghijk lm nopqrstuvw xyz and more words");
  const std::vector<uint64_t> preceded = ShingleHashes("so ab cdefghijk lm nopqrstuvw xyz");
  ASSERT_EQ(alone.size(), 1u);
  EXPECT_EQ(followed[0], alone[0]);
  EXPECT_EQ(preceded[1], alone[0]);
}

}  // namespace
}  // namespace synd

#include "feeds/dedupe/shingles.hpp"

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>
#include <vector>

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

// Both sorts (buckets up to 4,096 values, radix above) against std::sort, with repeats, with
// values that share their top byte, and on both sides of the switch.
TEST(ShingleSet, IsTheSortedDistinctUpperHalvesAtEverySize) {
  std::mt19937_64 rng(5);
  for (std::size_t n : {0, 1, 2, 3, 255, 256, 700, 4095, 4096, 4097, 9000}) {
    for (int narrow : {0, 1}) {
      std::vector<uint64_t> hashes(n);
      for (uint64_t& h : hashes) {
        h = rng();
        if (narrow) h &= 0x00FF00FF00000000ull | (uint64_t{rng() % 4} << 56);  // few buckets
      }
      for (std::size_t i = 0; i + 10 < n; i += 10) hashes[i + 3] = hashes[i];  // repeats
      std::vector<uint32_t> expected;
      for (uint64_t h : hashes) expected.push_back(static_cast<uint32_t>(h >> 32));
      std::sort(expected.begin(), expected.end());
      expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
      ASSERT_EQ(ShingleSet(hashes), expected) << n << " narrow " << narrow;
    }
  }
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

namespace synd {
namespace {

// A text with every kind of token: ASCII words of 1 to 20 bytes, punctuation inside words,
// stray control bytes, Latin with accents, Cyrillic, Han and kana (one token per character), CJK
// punctuation, an invalid UTF-8 byte, a cut-off sequence at the end.
std::string MixedText() {
  std::string text =
      "a bc def ghij klmno pqrstu vwxyzab cdefghij klmnopqrs tuvwxyzabcdefghijklm\n"
      "it's a well-known fact: \"quotes\" (parens) 1,234.56 e-mail@example.org\t"
      "caf\xC3\xA9 na\xC3\xAFve \xD0\xBF\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82 "
      "\xE6\x9D\xB1\xE4\xBA\xAC\xE3\x81\xA8\xE3\x82\xAB\xE3\x80\x82\xE5\xA4\xA7 "
      "x\x01y \x80z end";
  for (int i = 0; i < 40; ++i) text += " w" + std::to_string(i * 7919 % 1000);
  text += " \xE6\x9D";
  return text;
}

TEST(ShingleHashes, ValuesAreTheStoredOnes) {
  // Stored MinHash signatures (and so the index rebuilt from them at start-up) were computed
  // from these exact values: a change to the tokenizer or the hash would quietly stop every
  // stored story from matching its revisions. Pinned from the implementation of store schema 5.
  const std::vector<uint64_t> shingles = ShingleHashes(MixedText());
  ASSERT_EQ(shingles.size(), 67u);
  uint64_t fold = 0;
  for (uint64_t h : shingles) fold = (fold ^ h) * 0x100000001B3ull;
  EXPECT_EQ(shingles.front(), 0xfc81d2ff95a58f4aull);
  EXPECT_EQ(shingles.back(), 0xc3956dfb87741a20ull);
  EXPECT_EQ(fold, 0x94b014163796bcf6ull);
  EXPECT_EQ(ShingleHashes("one two three four five"), std::vector<uint64_t>{0xbe12f70c2a5c75bfull});
  // Texts shorter than a shingle give one shingle of all their words.
  EXPECT_EQ(ShingleHashes("one"), std::vector<uint64_t>{0x948a6605361959b9ull});
  EXPECT_EQ(ShingleHashes("one two"), std::vector<uint64_t>{0x498390503623043eull});
  EXPECT_EQ(ShingleHashes("one two three"), std::vector<uint64_t>{0xa7f70179285f0d49ull});
  EXPECT_EQ(ShingleHashes("one two three four"), std::vector<uint64_t>{0x278e96c8b53e416full});
}

}  // namespace
}  // namespace synd

#include "feeds/render/words.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace synd {
namespace {

TEST(FoldCase, FoldsCaseAndCompatibilityForms) {
  struct Case {
    std::string in, out;
  };
  const Case cases[] = {
      {"Beijing BEIJING", "beijing beijing"},
      {"Stra\u00dfe", "strasse"},
      {"\uFF22\uFF45\uFF49", "bei"},  // full-width letters
      {"\u0130stanbul", "i\u0307stanbul"},
      {"Cafe\u0301", "caf\u00e9"},
      {"soft\u00ADhyphen", "softhyphen"},
      {"\u0394\u0395\u039B\u03A4\u0391", "\u03b4\u03b5\u03bb\u03c4\u03b1"},
      {"bad \xff byte", "bad \xef\xbf\xbd byte"},
  };
  for (const Case& c : cases) EXPECT_EQ(FoldCase(c.in), c.out) << c.in;
}

TEST(SplitWords, SplitsOnPunctuationAndCharactersOfUnspacedScripts) {
  struct Case {
    std::string in;
    std::vector<std::string> words;
  };
  const Case cases[] = {
      {"china's rare-earth trade, 2025!", {"china", "s", "rare", "earth", "trade", "2025"}},
      {"  ", {}},
      {"caf\u00e9 na\u00efve", {"caf\u00e9", "na\u00efve"}},
      {"\u0627\u0644\u0635\u064a\u0646\u060c \u0628\u0643\u064a\u0646",
       {"\u0627\u0644\u0635\u064a\u0646", "\u0628\u0643\u064a\u0646"}},
      {"iphone\u5317\u4eac2", {"iphone", "\u5317", "\u4eac", "2"}},
      {"<smm-reo-txo>", {"smm", "reo", "txo"}},
  };
  for (const Case& c : cases) {
    std::vector<std::string_view> views;
    SplitWords(c.in, views);
    EXPECT_EQ(std::vector<std::string>(views.begin(), views.end()), c.words) << c.in;
  }
}

TEST(FoldCase, FoldsAsciiEightBytesAtATimeLikeOneAtATime) {
  const std::string all_ascii = [] {
    std::string s;
    for (int c = 1; c < 128; ++c) s += static_cast<char>(c);
    return s + s;
  }();
  std::string expected;
  for (const char c : all_ascii) expected += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  for (std::size_t offset = 0; offset < 9; ++offset) {
    EXPECT_EQ(FoldCase(all_ascii.substr(offset)), expected.substr(offset)) << offset;
  }
}

TEST(WordCursor, YieldsWordsLazilyAndResumesFromACopy) {
  const std::string text = "rare-earth \u5317\u4eac trade";
  WordCursor cursor(text);
  std::string_view word;
  ASSERT_TRUE(cursor.Next(word));
  EXPECT_EQ(word, "rare");
  WordCursor copy = cursor;
  ASSERT_TRUE(copy.Next(word));
  EXPECT_EQ(word, "earth");
  ASSERT_TRUE(cursor.Next(word));
  EXPECT_EQ(word, "earth");
  std::vector<std::string> rest;
  while (cursor.Next(word)) rest.emplace_back(word);
  EXPECT_EQ(rest, (std::vector<std::string>{"\u5317", "\u4eac", "trade"}));
  EXPECT_FALSE(cursor.Next(word));
}

}  // namespace
}  // namespace synd

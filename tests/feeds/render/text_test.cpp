#include "feeds/render/text.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace synd {
namespace {

TEST(CleanText, KeepsWhatXmlCarriesAndDropsWhatItCannot) {
  struct Case {
    std::string in, out;
  };
  const Case cases[] = {
      {"plain ASCII, tabs\tand\nnewlines", "plain ASCII, tabs\tand\nnewlines"},
      {"<SMM-REO-TXO> & \"q\"", "<SMM-REO-TXO> & \"q\""},
      {"bell\x07 nul\x01 esc\x1b del\x7f", "bell nul esc del"},
      {"crlf\r\nand cr\rend", "crlf\nand cr\nend"},
      {"C1 \xc2\x85 next-line", "C1  next-line"},
      {"non-characters \xef\xbf\xbe\xef\xbf\xbf gone", "non-characters  gone"},
      {"invalid \xff byte", "invalid \xef\xbf\xbd byte"},
      {"truncated \xe2\x80", "truncated \xef\xbf\xbd\xef\xbf\xbd"},
      {"overlong \xc0\xaf slash", "overlong \xef\xbf\xbd\xef\xbf\xbd slash"},
      {"curly \u201cquotes\u201d \u2014 dash", "curly \u201cquotes\u201d \u2014 dash"},
      {"\u0627\u0644\u0639\u0631\u0628\u064a\u0629", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629"},
      {"emoji \U0001F600", "emoji \U0001F600"},
  };
  for (const Case& c : cases) EXPECT_EQ(CleanText(c.in), c.out) << c.in;
}

TEST(CleanText, ComposesToNfc) {
  struct Case {
    std::string in, out;
  };
  const Case cases[] = {
      {"Cafe\u0301", "Caf\u00e9"},                       // mark after ASCII
      {"A\u030Angstr\u00f6m", "\u00c5ngstr\u00f6m"},     // already-composed ö stays
      {"\u212B sign", "\u00c5 sign"},                    // singleton decomposition
      {"\u1100\u1161\u11A8", "\uAC01"},                  // Hangul jamo compose
      {"q\u0307\u0323", "q\u0323\u0307"},                // marks reorder by class
      {"\u0627\u0653 alef madda", "\u0622 alef madda"},  // Arabic composition
      {"x \u00e9\u0301 y", "x \u00e9\u0301 y"},          // é + acute: nothing to compose
      {"e\x01\u0301", "\u00e9"},                         // a dropped control joins them
  };
  for (const Case& c : cases) EXPECT_EQ(CleanText(c.in), c.out) << c.in;
}

TEST(CleanLine, CollapsesWhiteSpaceToSingleSpaces) {
  EXPECT_EQ(CleanLine("  two\n\nlines\tand   spaces  "), "two lines and spaces");
  EXPECT_EQ(CleanLine(" \t\n"), "");
}

TEST(AppendHtmlEscaped, EscapesMarkupAmpersandsAndQuotes) {
  std::string out = "x";
  AppendHtmlEscaped(out, "<SMM-REO-TXO> & \"q\" 'a' &amp;");
  EXPECT_EQ(out, "x&lt;SMM-REO-TXO&gt; &amp; &quot;q&quot; 'a' &amp;amp;");
}

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

}  // namespace
}  // namespace synd

#include "feeds/render/text.hpp"

#include <gtest/gtest.h>

#include <string>

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

}  // namespace
}  // namespace synd

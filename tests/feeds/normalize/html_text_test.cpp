// HTML and character references in scraper text fields: decoding, tag stripping, block breaks.
#include "feeds/normalize/html_text.hpp"

#include <gtest/gtest.h>

#include "feeds/normalize/html_entities.hpp"

namespace synd {
namespace {

TEST(DecodeHtmlEntities, DecodesNamedAndNumericReferencesAndKeepsTheRest) {
  struct Case {
    std::string in;
    std::string out;
  };
  const Case cases[] = {
      {"Tom &amp; Jerry", "Tom & Jerry"},
      {"&lt;b&gt; &quot;x&quot; &apos;y&apos;", "<b> \"x\" 'y'"},
      {"caf&eacute; &ndash; &hellip; &rsquo;", "café – … ’"},
      {"&#8217;&#x2019;&#X2019;", "’’’"},
      {"&#8217 no semicolon", "’ no semicolon"},
      {"&#146; is Windows-1252", "’ is Windows-1252"},
      {"&#0; &#xD800; &#x110000; &#99999999999;", "\uFFFD \uFFFD \uFFFD \uFFFD"},
      {"AT&T and R&D", "AT&T and R&D"},
      {"&copy without semicolon", "&copy without semicolon"},
      {"&unknown; &Amp; &", "&unknown; &Amp; &"},
      {"&#; &#x; &#xZ;", "&#; &#x; &#xZ;"},
      {"&amp;amp; is decoded once", "&amp; is decoded once"},
  };
  for (const Case& c : cases) EXPECT_EQ(DecodeHtmlEntities(c.in), c.out) << c.in;
}

TEST(NamedCharacterReference, KnowsTheHtml4NamesCaseSensitively) {
  EXPECT_EQ(NamedCharacterReference("nbsp"), 0xA0u);
  EXPECT_EQ(NamedCharacterReference("Eacute"), 0xC9u);
  EXPECT_EQ(NamedCharacterReference("eacute"), 0xE9u);
  EXPECT_EQ(NamedCharacterReference("thetasym"), 0x3D1u);
  EXPECT_EQ(NamedCharacterReference("AElig"), 0xC6u);
  EXPECT_EQ(NamedCharacterReference("zwnj"), 0x200Cu);
  EXPECT_EQ(NamedCharacterReference("NBSP"), 0u);
  EXPECT_EQ(NamedCharacterReference(""), 0u);
}

TEST(LooksLikeHtml, NeedsATagOfAnHtmlElementOrAComment) {
  struct Case {
    const char* text;
    bool html;
  };
  const Case cases[] = {
      {"<p>Hello</p>", true},
      {"line one<br/>line two", true},
      {"<BR>", true},
      {"see <a href=\"https://x.example/?a=1&b=2\">this</a>", true},
      {"</div> only an end tag", true},
      {"<!-- a comment -->", true},
      {"profits rose <5% while costs fell >3%", false},
      {"Jane Doe <jane@example.org>", false},
      {"a < b and c > d", false},
      {"<unknown-element>", false},
      {"<p unterminated", false},
      {"plain text", false},
  };
  for (const Case& c : cases) EXPECT_EQ(LooksLikeHtml(c.text), c.html) << c.text;
}

std::vector<TextBlock> Paragraphs(std::initializer_list<const char*> texts) {
  std::vector<TextBlock> blocks;
  for (const char* t : texts) blocks.push_back(TextBlock{TextBlockKind::kParagraph, t});
  return blocks;
}

TEST(TextFieldBlocks, TurnsBlockElementsIntoParagraphsAndStripsTheRest) {
  struct Case {
    std::string in;
    std::vector<TextBlock> out;
  };
  const Case cases[] = {
      {"<p>One <em>two</em>\nthree.</p><p>Four&nbsp;five.</p>",
       Paragraphs({"One two three.", "Four five."})},
      {"First line<br>Second line<br/><br />Third",
       Paragraphs({"First line", "Second line", "Third"})},
      {"<div><ul><li>a</li><li>b</li></ul></div>", Paragraphs({"a", "b"})},
      {"<table><tr><td>Q1</td><td>61,200</td></tr></table>", Paragraphs({"Q1 61,200"})},
      {"<p>Text</p><script>var x = \"<p>no</p>\";</script><style>p{}</style><p>More</p>",
       Paragraphs({"Text", "More"})},
      {"<p>Kept</p><script>never closed <p>lost</p>", Paragraphs({"Kept"})},
      {"<p>a <!-- hidden --> b</p>", Paragraphs({"a b"})},
      {"<p>a<![CDATA[ <raw> ]]>b</p>", Paragraphs({"a <raw> b"})},
      {"<p>x &lt; y</p> 2 < 3", Paragraphs({"x < y", "2 < 3"})},
      {"<p title='a > b'>quoted attribute</p>", Paragraphs({"quoted attribute"})},
      {"<p>  </p><p>\xC2\xA0</p>", {}},
  };
  for (const Case& c : cases) EXPECT_EQ(TextFieldBlocks(c.in), c.out) << c.in;
}

TEST(TextFieldBlocks, GivesHeadingsAndCaptionsTheirKind) {
  const std::vector<TextBlock> blocks = TextFieldBlocks(
      "<p>Lead.</p><h2>What <b>changes</b></h2><p>Body.</p>"
      "<figure><img src=x.jpg><figcaption>The ferry.</figcaption></figure><p>End.</p>");
  const std::vector<TextBlock> expected = {
      {TextBlockKind::kParagraph, "Lead."}, {TextBlockKind::kHeading, "What changes"},
      {TextBlockKind::kParagraph, "Body."}, {TextBlockKind::kCaption, "The ferry."},
      {TextBlockKind::kParagraph, "End."},
  };
  EXPECT_EQ(blocks, expected);
}

TEST(TextFieldBlocks, ReadsPlainTextOneParagraphPerLine) {
  struct Case {
    std::string in;
    std::vector<TextBlock> out;
  };
  const Case cases[] = {
      {"First paragraph.\nSecond paragraph.",
       Paragraphs({"First paragraph.", "Second paragraph."})},
      {"One.\n\n\nTwo.\r\nThree.", Paragraphs({"One.", "Two.", "Three."})},
      {"Fish &amp; chips\nprices <5%", Paragraphs({"Fish & chips", "prices <5%"})},
      {"", {}},
  };
  for (const Case& c : cases) EXPECT_EQ(TextFieldBlocks(c.in), c.out) << c.in;
}

TEST(InlineFieldText, PutsEverythingOnOneNormalizedLine) {
  struct Case {
    std::string in;
    std::string out;
  };
  const Case cases[] = {
      {"Ferry cut as council weighs &#8216;painful&#8217; savings",
       "Ferry cut as council weighs ‘painful’ savings"},
      {"<b>Breaking:</b> storm<br>warning", "Breaking: storm warning"},
      {"  spaced\n title  ", "spaced title"},
      {"Q&amp;A: <em>why</em> it matters", "Q&A: why it matters"},
      {"a < b", "a < b"},
  };
  for (const Case& c : cases) EXPECT_EQ(InlineFieldText(c.in), c.out) << c.in;
}

}  // namespace
}  // namespace synd

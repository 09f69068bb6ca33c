#include "feeds/dedupe/fingerprint.hpp"

#include <gtest/gtest.h>

#include "feeds/ingest/ingest.hpp"

namespace synd {
namespace {

const TimePoint kReference = FromCivil(2025, 4, 22, 12, 0, 0);

std::string Dump(std::string_view updated, std::string_view apostrophe, std::string_view eol,
                 std::string_view space) {
  std::string title = "US Treasury secretary says trade war is not ‘sustainable’";
  std::string s = title + "\n\n" + title + "\nShort Url\n" + std::string(updated) + "\nFollow\n\n" +
                  title + "\n\n" + title + "\n  • Talks have yet to start\n\n" +
                  "WASHINGTON: Bessent said the world" + std::string(apostrophe) +
                  "s two largest economies" + std::string(space) + "will de-escalate.\n" +
                  "“Neither side thinks the status quo is sustainable,” he said.";
  std::string out;
  for (char c : s) {
    if (c == '\n') {
      out += eol;
    } else {
      out += c;
    }
  }
  return out;
}

std::string FingerprintOf(const std::string& bytes) {
  Result<ParsedDump> dump = ParseDump(DumpInput{bytes, "f", kReference});
  EXPECT_TRUE(dump.ok()) << dump.status().message();
  return dump.ok() ? dump->articles.at(0).fingerprint : "";
}

TEST(Fingerprint, IgnoresUpdatedLineAndTypography) {
  const std::string base = FingerprintOf(Dump("Updated 22 April 2025", "’", "\n", " "));
  ASSERT_EQ(base.size(), 32u);
  struct Case {
    const char* name;
    std::string bytes;
  };
  const Case cases[] = {
      {"other Updated", Dump("Updated 49 min 12 sec ago", "’", "\n", " ")},
      {"straight apostrophe", Dump("Updated 22 April 2025", "'", "\n", " ")},
      {"CRLF", Dump("Updated 22 April 2025", "’", "\r\n", " ")},
      {"NBSP", Dump("Updated 22 April 2025", "’", "\n", "\xC2\xA0")},
      {"all at once", Dump("Updated 3 hours ago", "'", "\r\n", "\xC2\xA0 ")},
  };
  for (const Case& c : cases) EXPECT_EQ(FingerprintOf(c.bytes), base) << c.name;
}

TEST(Fingerprint, BuildsFoldedTextWithoutDatelineOrChrome) {
  Article a;
  a.title = "Ghana’s “Fresh” Drive — To Woo Sahel";
  a.summary = {"First  BULLET"};
  a.dateline = Dateline{"ACCRA", std::nullopt};
  a.body = {{BlockType::kImage, "A photo of Accra. (REUTERS)"},
            {BlockType::kParagraph, "ACCRA: Ghana’s new leader said Tuesday."},
            {BlockType::kHeading, "BACKGROUND"},
            {BlockType::kParagraph, "Updated 3 hours ago"},
            {BlockType::kParagraph, "ECOWAS earlier said: more."}};
  EXPECT_EQ(FingerprintText(a),
            "ghana's \"fresh\" drive - to woo sahel\n"
            "first bullet\n"
            "a photo of accra. (reuters)\n"
            "ghana's new leader said tuesday.\n"
            "background\n"
            "ecowas earlier said: more.");
}

TEST(Fingerprint, ChangesWithTheTitleOrBody) {
  Article a;
  a.title = "Title";
  a.body = {{BlockType::kParagraph, "Body text."}};
  const std::string base = FingerprintHex(FingerprintText(a));
  Article retitled = a;
  retitled.title = "Title edited";
  Article edited = a;
  edited.body[0].text = "Body text changed.";
  EXPECT_NE(FingerprintHex(FingerprintText(retitled)), base);
  EXPECT_NE(FingerprintHex(FingerprintText(edited)), base);
  Article recased = a;
  recased.title = "TITLE";
  EXPECT_EQ(FingerprintHex(FingerprintText(recased)), base);
}

TEST(Fingerprint, CollapsesWhiteSpaceFromAnyInputOrFold) {
  struct Case {
    const char* text;
    const char* folded;
  };
  const Case cases[] = {
      {"plain words here", "plain words here"},
      {"  lead and trail  ", "lead and trail"},
      {"tab\there\nnewline", "tab here newline"},
      {"two  spaces at byte 7", "two spaces at byte 7"},
      {"eight  b", "eight b"},
      {"sevenxx  crossing the word boundary", "sevenxx crossing the word boundary"},
      {"abcdefg  x", "abcdefg x"},
      {"ideographic\xE3\x80\x80space and\xC2\xA0nbsp", "ideographic space and nbsp"},
      {"spacing \xC2\xA8 diaeresis", "spacing \xCC\x88 diaeresis"},
  };
  for (const Case& c : cases) {
    Article a;
    a.title = c.text;
    EXPECT_EQ(FingerprintText(a), c.folded) << c.text;
  }
}

TEST(Fingerprint, KeepsTheDatelineWhenTheArticleHasNone) {
  Article a;
  a.title = "T";
  a.body = {{BlockType::kParagraph, "KYIV: Text."}};
  EXPECT_EQ(FingerprintText(a), "t\nkyiv: text.");
  a.dateline = Dateline{"KYIV", std::nullopt};
  EXPECT_EQ(FingerprintText(a), "t\ntext.");
}

TEST(FingerprintHex, IsTheCanonicalBigEndianXxh3Of128Bits) {
  // XXH3-128 of the empty input: high 64 bits 99aa06d3014798d8, low 6001c324468d497f.
  EXPECT_EQ(FingerprintHex(""), "99aa06d3014798d86001c324468d497f");
  const std::string hex = FingerprintHex("a b c");
  EXPECT_EQ(hex.size(), 32u);
  EXPECT_EQ(hex.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(hex, FingerprintHex("a b d"));
}

}  // namespace
}  // namespace synd

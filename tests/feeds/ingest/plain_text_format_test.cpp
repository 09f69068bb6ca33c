// Plain one-article text: title line, blank line, paragraphs.
#include "feeds/ingest/plain_text_format.hpp"

#include <gtest/gtest.h>

#include "feeds/ingest/ingest.hpp"

namespace synd {
namespace {

const TimePoint kReference = FromCivil(2025, 4, 22, 12, 0, 0);

Result<ParsedDump> Parse(std::string_view text) {
  return ParseDump(DumpInput{text, "article.txt", kReference});
}

TEST(PlainText, ParsesTitleAndOneParagraphPerLine) {
  Result<ParsedDump> got = Parse(
      "\n\nEU agrees new sanctions package\n\nBRUSSELS: The European Union agreed on Friday.\n"
      "Ministers met for six hours.\n\nThe package takes effect next week.\n");
  ASSERT_TRUE(got.ok()) << got.status().message();
  EXPECT_EQ(got->format, "text");
  ASSERT_EQ(got->articles.size(), 1u);
  const Article& a = got->articles[0];
  EXPECT_EQ(a.title, "EU agrees new sanctions package");
  EXPECT_TRUE(a.summary.empty());
  ASSERT_EQ(a.body.size(), 3u);
  EXPECT_EQ(a.body[0].text, "BRUSSELS: The European Union agreed on Friday.");
  EXPECT_EQ(a.body[2].text, "The package takes effect next week.");
  ASSERT_TRUE(a.dateline);
  EXPECT_EQ(a.dateline->place, "BRUSSELS");
  EXPECT_EQ(a.source, (SourceRef{"article.txt", "text", 0}));
  EXPECT_EQ(a.fingerprint.size(), 32u);
}

TEST(PlainText, TakesBulletsAsSummaryAndUpdatedLineAsDate) {
  Result<ParsedDump> got = Parse(
      "Title here\n\n• First point\n• Second point\n\nUpdated 3 hours ago\nBody paragraph one.\n"
      "BACKGROUND\nBody paragraph two.");
  ASSERT_TRUE(got.ok()) << got.status().message();
  const Article& a = got->articles.at(0);
  EXPECT_EQ(a.summary, (std::vector<std::string>{"First point", "Second point"}));
  EXPECT_EQ(a.updated, kReference - std::chrono::hours{3});
  EXPECT_EQ(a.date_precision, DatePrecision::kHour);
  ASSERT_EQ(a.body.size(), 3u);
  EXPECT_EQ(a.body[1], (Block{BlockType::kHeading, "BACKGROUND"}));
}

TEST(PlainText, SniffsOnlyTitleBlankText) {
  const std::pair<const char*, bool> cases[] = {
      {"Title\n\nText.", true},   {"\n  \nTitle\n\nText.", true}, {"Title\nText.", false},
      {"Title\n\n\n  \n", false}, {"Only one line", false},       {"", false},
  };
  for (const auto& [text, expected] : cases) {
    EXPECT_EQ(SniffPlainText(text) > 0, expected) << text;
  }
}

TEST(PlainText, RejectsAParagraphAsTitle) {
  const std::string long_line(500, 'a');
  Result<ParsedDump> got = Parse(long_line + "\n\nSecond paragraph.");
  ASSERT_FALSE(got.ok());
  EXPECT_NE(got.status().message().find("no recognizable article"), std::string::npos);
}

}  // namespace
}  // namespace synd

// Text with a --- metadata header (trafilatura's text output, front matter).
#include "feeds/ingest/header_text_format.hpp"

#include <gtest/gtest.h>

#include "feeds/ingest/ingest.hpp"

namespace synd {
namespace {

const TimePoint kReference = FromCivil(2025, 4, 22, 12, 0, 0);

Result<ParsedDump> Parse(std::string_view bytes) {
  return ParseDump(DumpInput{bytes, "article.txt", kReference});
}

TEST(HeaderText, ReadsListsQuotesAndUnknownKeys) {
  const std::string bytes =
      "\n---\n"
      "title: \"Night market: what to know\"\n"
      "Author: Ana Blake\n"
      "tags: [market, night, food]\n"
      "categories:\n"
      "  - What's on\n"
      "  - Food\n"
      "date: 2025-04-20 18:00\n"
      "draft: false\n"
      "this line has no key\n"
      "---\n"
      "\n"
      "Stalls open at six.\n"
      "\n"
      "Entry is free.\n";
  const Result<ParsedDump> dump = Parse(bytes);
  ASSERT_TRUE(dump.ok()) << dump.status().message();
  EXPECT_EQ(dump->format, "header-text");
  const Article& a = dump->articles.at(0);
  EXPECT_EQ(a.title, "Night market: what to know");
  EXPECT_EQ(a.authors, std::vector<std::string>{"Ana Blake"});
  EXPECT_EQ(a.section, "What's on");
  EXPECT_EQ(a.tags, (std::vector<std::string>{"market", "night", "food", "What's on", "Food"}));
  EXPECT_EQ(a.published, FromCivil(2025, 4, 20, 18, 0, 0));
  EXPECT_EQ(a.date_precision, DatePrecision::kMinute);
  EXPECT_EQ(a.body.size(), 2u);
  EXPECT_EQ(dump->warnings, std::vector<std::string>{"header line 11 ignored: not \"key: value\""});
  EXPECT_EQ(a.warnings,
            (std::vector<std::string>{"header line 11 ignored: not \"key: value\"",
                                      "date \"2025-04-20 18:00\" has no time zone: taken as UTC"}));
}

TEST(HeaderText, ReportsAnUnclosedHeaderAndAMissingTitleOrText) {
  struct Case {
    std::string bytes;
    std::string message;
  };
  const Case cases[] = {
      {"---\ntitle: T\n\nBody text.\n",
       "the metadata header opened on line 1 has no closing --- line"},
      {"---\ntitle: T\n---\n", "no usable article: the article (\"T\") has no text"},
      {"---\nauthor: A B\n---\nBody.\n", "no usable article: the article has no title"},
  };
  for (const Case& c : cases) {
    const Result<ParsedDump> dump = Parse(c.bytes);
    ASSERT_FALSE(dump.ok()) << c.bytes;
    EXPECT_EQ(dump.status().message(), c.message) << c.bytes;
  }
}

TEST(SniffHeaderText, NeedsAFenceThenAKeyValueLine) {
  struct Case {
    const char* text;
    int score;
  };
  const Case cases[] = {
      {"---\ntitle: T\n---\nx", 95}, {"\n\n---  \nurl: x\n", 95},
      {"---\n\ntitle: T", 0},        {"---\n---\n", 0},
      {"Title\n---\n", 0},           {"--- title: T", 0},
  };
  for (const Case& c : cases) EXPECT_EQ(SniffHeaderText(c.text), c.score) << c.text;
}

}  // namespace
}  // namespace synd

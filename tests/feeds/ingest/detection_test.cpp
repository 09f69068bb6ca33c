// Format detection by content: the file name never decides, and a file that matches no format
// is an error saying so.
#include <gtest/gtest.h>

#include "feeds/ingest/ingest.hpp"
#include "tests/support/temp_dir.hpp"

namespace synd {
namespace {

const TimePoint kReference = FromCivil(2025, 4, 22, 12, 0, 0);

TEST(FormatDetection, TheContentDecidesNotTheName) {
  const std::string reference = testing::ReadFile(testing::DataFile("reference_dump.txt"));
  const std::string rss = testing::ReadFile(testing::DataFile("real/rss/harbour_news.rss"));
  const std::string atom = testing::ReadFile(testing::DataFile("real/atom/field_notes.atom"));
  const std::string header =
      testing::ReadFile(testing::DataFile("real/trafilatura/rover_dust.txt"));
  const std::string doc = testing::ReadFile(testing::DataFile("real/trafilatura/rover_dust.xml"));
  const std::string news_please =
      testing::ReadFile(testing::DataFile("real/news-please/sample.json"));
  struct Case {
    std::string bytes;
    std::string name;
    std::string format;
  };
  const Case cases[] = {
      {news_please, "article.txt", "json"},
      {"\xEF\xBB\xBF" + news_please, "with-bom.xml", "json"},
      {"[" + news_please + "]", "array.rss", "json"},
      {"{\"title\": \"A\", \"text\": \"a\"}\n{\"title\": \"B\", \"text\": \"b\"}\n", "x.jsonl",
       "json"},
      {rss, "feed.json", "xml"},
      {atom, "feed.txt", "xml"},
      {doc, "page.json", "xml"},
      {header, "page.xml", "header-text"},
      {reference, "dump.json", "reference"},
      {"[Update] Storm closes the coast road\n\nThe road was shut at noon.\n", "update.json",
       "text"},
      {"Title line\n\n---\ntitle: not a header\n", "x.txt", "text"},
  };
  for (const Case& c : cases) {
    const Result<ParsedDump> dump = ParseDump(DumpInput{c.bytes, c.name, kReference});
    ASSERT_TRUE(dump.ok()) << c.name << ": " << dump.status().message();
    EXPECT_EQ(dump->format, c.format) << c.name;
  }
}

TEST(FormatDetection, AFileThatMatchesNothingIsAnErrorWithTheReason) {
  struct Case {
    std::string bytes;
    std::string message;
  };
  const Case cases[] = {
      {"just one line",
       "no recognizable article: not a known dump format, and no title line "
       "followed by a blank line and text"},
      {"{not json", "invalid JSON at line 1, column 2, at \"not json\": syntax error"},
      {"<html><p>x</p></html>",
       "XML root element <html> is not RSS (<rss>, <rdf:RDF>), Atom (<feed>) or a trafilatura "
       "document (<doc>)"},
      {"---\ntitle: T\nno closing fence\n",
       "the metadata header opened on line 1 has no closing --- line"},
  };
  for (const Case& c : cases) {
    const Result<ParsedDump> dump = ParseDump(DumpInput{c.bytes, "in.txt", kReference});
    ASSERT_FALSE(dump.ok()) << c.bytes;
    EXPECT_EQ(dump.status().message(), c.message) << c.bytes;
  }
}

}  // namespace
}  // namespace synd

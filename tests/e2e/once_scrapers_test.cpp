// `syndicated once` on what real scrapers and other sites' feeds write: the real binary on a temp
// folder, each file's format detected from its content, a file with no usable article sent to
// failed/ with the reason `parse` gives, and an RSS guid naming a story as a canonical URL does.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "feeds/store/sqlite_store.hpp"
#include "tests/e2e/once_run.hpp"
#include "tests/support/temp_dir.hpp"

namespace synd {
namespace {

namespace fs = std::filesystem;

using testing::Once;
using testing::OnceRun;

constexpr const char* kConfig =
    "site:\n  base_url: https://news.example.org/\n  id_authority: news.example.org\n"
    "paths:\n  inbox: in\n  done: done\n  failed: failed\n  output: out\n  state: state\n"
    "feeds:\n  - name: all\n    title: All\n";

void CopyIn(const testing::TempDir& dir, const std::string& fixture, const std::string& name) {
  fs::create_directories(dir / "in");
  fs::copy_file(testing::DataFile("real/" + fixture), dir / "in" / name);
}

int64_t CountStories(const testing::TempDir& dir) {
  auto store = SqliteStore::Open(dir / "state" / SqliteStore::kFileName);
  EXPECT_TRUE(store.ok()) << store.status().message();
  if (!store.ok()) return -1;
  Result<int64_t> count = (*store)->CountStories();
  return count.ok() ? *count : -1;
}

TEST(OnceScraperInputs, ReadsEachScraperFormatAndFailsTheFileWithoutAnArticle) {
  testing::TempDir dir;
  testing::WriteFile(dir / "syndicated.yaml", kConfig);
  CopyIn(dir, "newspaper4k/video_article_01.json", "video_article_01.json");
  CopyIn(dir, "fundus/Reuters.json", "Reuters.json");
  CopyIn(dir, "news-please/sample.json", "sample.json");
  CopyIn(dir, "rss/harbour_news.rss", "harbour_news.rss");
  CopyIn(dir, "atom/field_notes.atom", "field_notes.atom");
  CopyIn(dir, "trafilatura/rover_dust.xml", "rover_dust.xml");
  CopyIn(dir, "trafilatura/rover_dust.txt", "rover_dust.txt");
  testing::WriteFile(dir / "in" / "lines.jsonl",
                     "{\"title\": \"Tram line reopens\", \"text\": \"The tram line reopened on "
                     "Monday after a month of track work.\"}\n"
                     "{\"title\": \"Library hours grow\", \"text\": \"The central library will "
                     "open on Sundays from May, the city said.\"}\n");
  const OnceRun run = Once(dir);

  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  const std::string reason =
      "no usable article: record 1 (\"Let me Google that for you: 2014's most popular "
      "food-related searches\") has no text";
  EXPECT_NE(run.err.find("video_article_01.json: failed: " + reason), std::string::npos) << run.err;
  EXPECT_TRUE(fs::exists(dir / "failed" / "video_article_01.json"));
  EXPECT_EQ(testing::ReadFile(dir / "failed" / "video_article_01.json.error"), reason + "\n");

  const std::pair<const char*, const char*> done[] = {
      {"Reuters.json", "json, 2 articles"},
      {"sample.json", "json, 1 article"},
      {"harbour_news.rss", "xml, "},
      {"field_notes.atom", "xml, "},
      {"rover_dust.xml", "xml, 1 article"},
      {"rover_dust.txt", "header-text, 1 article"},
      {"lines.jsonl", "json, 2 articles, 2 new"},
  };
  for (const auto& [name, summary] : done) {
    EXPECT_NE(run.out.find(std::string(name) + ": " + summary), std::string::npos) << name << "\n"
                                                                                   << run.out;
    EXPECT_TRUE(fs::exists(dir / "done" / name)) << name;
  }
  EXPECT_TRUE(fs::is_empty(dir / "in"));
}

std::string RssItem(const std::string& guid, const std::string& link, const std::string& title,
                    const std::string& text) {
  return "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Elsewhere</title>"
         "<item><title>" +
         title + "</title><link>" + link + "</link><guid isPermaLink=\"false\">" + guid +
         "</guid><pubDate>Tue, 22 Apr 2025 08:30:00 +0000</pubDate><description>" + text +
         "</description></item></channel></rss>\n";
}

TEST(OnceScraperInputs, AFeedItemWithAKnownGuidIsARevisionEvenUnderAnotherLink) {
  testing::TempDir dir;
  testing::WriteFile(dir / "syndicated.yaml", kConfig);
  testing::WriteFile(
      dir / "in" / "first.rss",
      RssItem("urn:elsewhere:481", "https://elsewhere.example/a", "Bridge closes for repairs",
              "The old bridge closes on Friday for six weeks of repairs to its deck."));
  const OnceRun first = Once(dir);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  ASSERT_NE(first.out.find("first.rss: xml, 1 article, 1 new"), std::string::npos) << first.out;

  // Same guid, a new link and wholly new wording: only the guid ties it to the story.
  testing::WriteFile(
      dir / "in" / "second.rss",
      RssItem("urn:elsewhere:481", "https://elsewhere.example/b", "Bridge reopening delayed",
              "Engineers found corroded cables, and traffic stays diverted until July."));
  // A different guid with different wording: a story of its own.
  testing::WriteFile(
      dir / "in" / "third.rss",
      RssItem("urn:elsewhere:482", "https://elsewhere.example/c", "Market moves to the square",
              "The Saturday market moves to the cathedral square for the summer season."));
  const OnceRun second = Once(dir);
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("second.rss: xml, 1 article, 0 new, 1 revised"), std::string::npos)
      << second.out;
  EXPECT_NE(second.out.find("third.rss: xml, 1 article, 1 new"), std::string::npos) << second.out;
  EXPECT_EQ(CountStories(dir), 2);
}

}  // namespace
}  // namespace synd

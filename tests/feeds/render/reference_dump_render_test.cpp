// The reference dump (tests/data/reference_dump.txt) parsed by the real parser and rendered:
// golden files byte for byte, markup in real text kept as text, every reader satisfied.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "feeds/ingest/ingest.hpp"
#include "feeds/render/feed_filter.hpp"
#include "feeds/render/feed_formats.hpp"
#include "feeds/render/html_pages.hpp"
#include "tests/feeds/render/golden.hpp"
#include "tests/feeds/render/reader_check.hpp"
#include "tests/feeds/render/render_fixtures.hpp"
#include "tests/support/temp_dir.hpp"

namespace synd {
namespace {

// The dump's file time stands in for its reference time; fixed so the goldens never move.
const TimePoint kReferenceTime = FromCivil(2025, 4, 23, 12, 0, 0);

// Stories shaped as the store makes them: one per article, `published` the stated date (the
// dump states only "Updated …" dates) else the reference time, the id dated by it and suffixed
// with the start of the fingerprint (the store mints its own; the shape is the same).
std::vector<Story> ReferenceStories() {
  const std::string bytes = testing::ReadFile(testing::DataFile("reference_dump.txt"));
  Result<ParsedDump> parsed = ParseDump(DumpInput{bytes, "reference_dump.txt", kReferenceTime});
  EXPECT_TRUE(parsed.ok()) << parsed.status().message();
  std::vector<Story> stories;
  if (!parsed.ok()) return stories;
  for (const Article& article : parsed->articles) {
    Story story;
    story.suffix = article.fingerprint.substr(0, 10);
    story.published = article.published.value_or(article.updated.value_or(kReferenceTime));
    story.updated = std::max(story.published, article.updated.value_or(story.published));
    story.first_seen = kReferenceTime;
    story.id = "tag:news.example.org," + FormatRfc3339(story.published).substr(0, 10) + ":story/" +
               story.suffix;
    story.article = article;
    stories.push_back(std::move(story));
  }
  return stories;
}

TEST(ReferenceDumpRender, MatchesGoldenFiles) {
  const std::vector<Story> stories = ReferenceStories();
  ASSERT_FALSE(stories.empty());
  const RenderedFeed feed = RenderStories(testing::TestSite(), testing::AllFeed(),
                                          "tag:news.example.org,2025:feed/all", stories);
  testing::ExpectGolden("reference.rss", feed.rss);
  testing::ExpectGolden("reference.atom", feed.atom);
  testing::ExpectGolden("reference.json", feed.json);
  testing::ExpectGolden("reference_article.html",
                        RenderArticlePage(testing::TestSite(), stories.front()));
}

TEST(ReferenceDumpRender, KeepsMarkupLikeTextAsText) {
  const RenderedFeed feed =
      RenderStories(testing::TestSite(), testing::AllFeed(), "x", ReferenceStories());
  for (const std::string* xml : {&feed.rss, &feed.atom}) {
    EXPECT_EQ(xml->find("<SMM-REO-TXO>"), std::string::npos);
    EXPECT_NE(xml->find("terbium oxide &amp;lt;SMM-REO-TXO&amp;gt;"), std::string::npos);
  }
  EXPECT_NE(feed.json.find("terbium oxide &lt;SMM-REO-TXO&gt;"), std::string::npos);
  EXPECT_NE(feed.json.find("terbium oxide <SMM-REO-TXO>"), std::string::npos);
}

TEST(ReferenceDumpRender, FiltersSelectByWholeWords) {
  const std::vector<Story> stories = ReferenceStories();
  const std::vector<FeedDef> feeds = {
      {.name = "china", .include = {.keywords = {"China", "Beijing"}}},
      {.name = "rare-earths", .include = {.keywords = {"rare earth"}}},
      {.name = "none", .include = {.keywords = {"Chin"}}}};
  const FeedMatcher matcher(feeds, testing::TestSite());
  std::size_t china = 0, rare = 0, none = 0;
  for (const Story& s : stories) {
    const std::vector<char> m = matcher.Match(s.article);
    china += m[0];
    rare += m[1];
    none += m[2];
  }
  EXPECT_GE(china, 1u);
  EXPECT_GE(rare, 1u);
  EXPECT_LE(rare, china) << "every rare-earth story of the dump is about China";
  EXPECT_EQ(none, 0u);
}

TEST(ReferenceDumpRender, EveryReaderAcceptsTheFeeds) {
  if (const std::string missing = testing::MissingReaderTools(); !missing.empty()) {
    GTEST_SKIP() << missing;
  }
  std::vector<Story> stories = ReferenceStories();
  std::stable_sort(stories.begin(), stories.end(), NewerFirst);
  std::vector<std::string> ids;
  for (const Story& s : stories) ids.push_back(s.id);
  const RenderedFeed feed = RenderStories(testing::TestSite(), testing::AllFeed(),
                                          "tag:news.example.org,2025:feed/all", stories);
  testing::TempDir dir;
  testing::WriteFile(dir / "all.rss", feed.rss);
  testing::WriteFile(dir / "all.atom", feed.atom);
  testing::WriteFile(dir / "all.json", feed.json);
  testing::WriteFile(dir / "page.html", RenderArticlePage(testing::TestSite(), stories.front()));
  const testing::CommandResult jing = testing::JingAtom({dir / "all.atom"});
  EXPECT_EQ(jing.exit_code, 0) << jing.output;
  const testing::CommandResult json = testing::CheckJsonFeed({dir / "all.json"});
  EXPECT_EQ(json.exit_code, 0) << json.output;
  const testing::CommandResult html = testing::CheckHtml({dir / "page.html"});
  EXPECT_EQ(html.exit_code, 0) << html.output;
  const auto parsed = testing::Feedparser({dir / "all.rss", dir / "all.atom"});
  for (const auto& p : parsed) {
    EXPECT_FALSE(p.at("bozo").as_bool()) << p.at("bozo_exception");
    EXPECT_EQ(testing::EntryField(p, "id"), ids);
  }
}

}  // namespace
}  // namespace synd

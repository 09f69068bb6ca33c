// The rendered feeds checked the way readers check them: jing with RFC 4287's schema,
// feedparser (bozo false, entries, ids, escaping) and JSON Schema for JSON Feed 1.1.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "feeds/render/feed_formats.hpp"
#include "tests/feeds/render/reader_check.hpp"
#include "tests/feeds/render/render_fixtures.hpp"
#include "tests/support/temp_dir.hpp"

namespace synd {
namespace {

using testing::TempDir;

class FeedReaders : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string missing = testing::MissingReaderTools(); !missing.empty()) {
      GTEST_SKIP() << missing;
    }
  }

  // Renders `stories` into dir_ as all.rss, all.atom, all.json; returns the expected ids.
  std::vector<std::string> Render(const std::string& atom_id, std::vector<Story> stories) {
    std::vector<std::string> ids;
    std::vector<Story> sorted = stories;
    std::stable_sort(sorted.begin(), sorted.end(), NewerFirst);
    for (const Story& s : sorted) ids.push_back(s.id);
    const RenderedFeed feed =
        RenderStories(testing::TestSite(), testing::AllFeed(), atom_id, std::move(stories));
    testing::WriteFile(dir_ / "all.rss", feed.rss);
    testing::WriteFile(dir_ / "all.atom", feed.atom);
    testing::WriteFile(dir_ / "all.json", feed.json);
    return ids;
  }

  TempDir dir_;
};

TEST_F(FeedReaders, JingAcceptsAtomAgainstRfc4287Schema) {
  Render("tag:news.example.org,2025:feed/all", testing::SampleStories());
  const testing::CommandResult r = testing::JingAtom(dir_ / "all.atom");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  Render("", {});
  const testing::CommandResult empty = testing::JingAtom(dir_ / "all.atom");
  EXPECT_EQ(empty.exit_code, 0) << empty.output;
}

TEST_F(FeedReaders, JsonFeedValidatesAgainstJsonFeed11Schema) {
  Render("x", testing::SampleStories());
  const testing::CommandResult r = testing::CheckJsonFeed(dir_ / "all.json");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  Render("", {});
  const testing::CommandResult empty = testing::CheckJsonFeed(dir_ / "all.json");
  EXPECT_EQ(empty.exit_code, 0) << empty.output;
}

TEST_F(FeedReaders, JsonFeedCheckerRejectsAnInvalidFeed) {
  testing::WriteFile(dir_ / "bad.json",
                     R"({"version":"https://jsonfeed.org/version/1.1","title":"t","items":[)"
                     R"({"id":"1","content_html":"x","date_published":"yesterday"},{"url":"u"}]})");
  const testing::CommandResult r = testing::CheckJsonFeed(dir_ / "bad.json");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("yesterday"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("'id' is a required property"), std::string::npos) << r.output;
}

TEST_F(FeedReaders, FeedparserReadsRssAndAtomCleanlyWithIdsInOrder) {
  const std::vector<std::string> ids =
      Render("tag:news.example.org,2025:feed/all", testing::SampleStories());
  for (const char* name : {"all.rss", "all.atom"}) {
    const auto parsed = testing::Feedparser((dir_ / name).string());
    ASSERT_TRUE(parsed.is_object()) << name;
    EXPECT_FALSE(parsed.at("bozo").as_bool()) << name << ": " << parsed.at("bozo_exception");
    EXPECT_EQ(testing::EntryField(parsed, "id"), ids) << name;
    const std::vector<std::string> titles = testing::EntryField(parsed, "title");
    ASSERT_EQ(titles.size(), 3u) << name;
    EXPECT_EQ(titles[0], "Myanmar rebels disrupt China rare earth trade & \"sparking\" <scramble>")
        << name;
    const auto& first = parsed.at("entries").at(0);
    const std::string content(first.at("content").at(0).as_string());
    EXPECT_NE(content.find("terbium oxide &lt;SMM-REO-TXO&gt;, whose"), std::string::npos)
        << name << ": " << content;
    EXPECT_EQ(first.at("link").as_string(),
              "https://www.arabnews.com/node/2594150/world?utm=feed&ref=a%20b")
        << name;
    EXPECT_EQ(first.at("tags").as_array().size(), 3u) << name;
    EXPECT_EQ(boost::json::serialize(first.at("published_parsed")), "[2025,3,28,9,0,0]") << name;
  }
}

TEST_F(FeedReaders, FeedparserSeesAtomUpdatedApartFromPublished) {
  Render("tag:news.example.org,2025:feed/all", testing::SampleStories());
  const auto parsed = testing::Feedparser((dir_ / "all.atom").string());
  ASSERT_TRUE(parsed.is_object());
  EXPECT_EQ(boost::json::serialize(parsed.at("entries").at(0).at("updated_parsed")),
            "[2025,3,28,14,5,9]");
  EXPECT_EQ(parsed.at("id").as_string(), "tag:news.example.org,2025:feed/all");
}

TEST_F(FeedReaders, FeedparserReadsEmptyFeedsCleanly) {
  Render("", {});
  for (const char* name : {"all.rss", "all.atom"}) {
    const auto parsed = testing::Feedparser((dir_ / name).string());
    ASSERT_TRUE(parsed.is_object()) << name;
    EXPECT_FALSE(parsed.at("bozo").as_bool()) << name << ": " << parsed.at("bozo_exception");
    EXPECT_TRUE(parsed.at("entries").as_array().empty()) << name;
  }
}

}  // namespace
}  // namespace synd

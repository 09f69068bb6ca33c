// The rendered feeds checked the way readers check them: jing with RFC 4287's schema,
// feedparser (bozo false, entries, ids, escaping), JSON Schema for JSON Feed 1.1, and the
// HTML5 parsing algorithm (html5lib) for the article pages and the index. Each tool
// runs once per test over all its files: starting Java or Python costs seconds here.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "feeds/render/feed_formats.hpp"
#include "feeds/render/feed_writer.hpp"
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

  // Renders `stories` as <name>.rss, .atom, .json in dir_; returns their ids in feed order.
  std::vector<std::string> Render(const std::string& name, const std::string& atom_id,
                                  std::vector<Story> stories) {
    std::vector<Story> sorted = stories;
    std::stable_sort(sorted.begin(), sorted.end(), NewerFirst);
    std::vector<std::string> ids;
    for (const Story& s : sorted) ids.push_back(s.id);
    const RenderedFeed feed =
        RenderStories(testing::TestSite(), testing::AllFeed(), atom_id, std::move(stories));
    testing::WriteFile(dir_ / (name + ".rss"), feed.rss);
    testing::WriteFile(dir_ / (name + ".atom"), feed.atom);
    testing::WriteFile(dir_ / (name + ".json"), feed.json);
    return ids;
  }

  // Runs all three readers over the feeds `names` (each with .rss, .atom and .json) and
  // expects validity, no bozo, and each feed's entry ids in `ids` order. Returns feedparser's
  // results: per name, RSS then Atom.
  std::vector<boost::json::value> ExpectReadersAccept(
      const std::vector<std::string>& names, const std::vector<std::vector<std::string>>& ids) {
    std::vector<std::filesystem::path> atoms, jsons, xmls;
    for (const std::string& name : names) {
      atoms.push_back(dir_ / (name + ".atom"));
      jsons.push_back(dir_ / (name + ".json"));
      xmls.push_back(dir_ / (name + ".rss"));
      xmls.push_back(dir_ / (name + ".atom"));
    }
    const testing::CommandResult jing = testing::JingAtom(atoms);
    EXPECT_EQ(jing.exit_code, 0) << jing.output;
    const testing::CommandResult json = testing::CheckJsonFeed(jsons);
    EXPECT_EQ(json.exit_code, 0) << json.output;
    std::vector<boost::json::value> parsed = testing::Feedparser(xmls);
    for (std::size_t i = 0; i < parsed.size(); ++i) {
      const std::string file = xmls[i].filename().string();
      EXPECT_FALSE(parsed[i].at("bozo").as_bool())
          << file << ": " << parsed[i].at("bozo_exception");
      EXPECT_EQ(testing::EntryField(parsed[i], "id"), ids[i / 2]) << file;
    }
    return parsed;
  }

  TempDir dir_;
};

TEST_F(FeedReaders, SampleAndEmptyFeedsPassEveryReader) {
  const std::vector<std::string> ids =
      Render("all", "tag:news.example.org,2025:feed/all", testing::SampleStories());
  Render("empty", "", {});
  const auto parsed = ExpectReadersAccept({"all", "empty"}, {ids, {}});
  ASSERT_EQ(parsed.size(), 4u);
  for (std::size_t i = 0; i < 2; ++i) {  // all.rss, all.atom
    const auto& first = parsed[i].at("entries").at(0);
    EXPECT_EQ(first.at("title").as_string(),
              "Myanmar rebels disrupt China rare earth trade & \"sparking\" <scramble>")
        << i;
    const std::string content(first.at("content").at(0).as_string());
    EXPECT_NE(content.find("terbium oxide &lt;SMM-REO-TXO&gt;, whose"), std::string::npos)
        << i << ": " << content;
    EXPECT_EQ(first.at("link").as_string(),
              "https://www.arabnews.com/node/2594150/world?utm=feed&ref=a%20b")
        << i;
    EXPECT_EQ(first.at("tags").as_array().size(), 3u) << i;
    EXPECT_EQ(boost::json::serialize(first.at("published_parsed")), "[2025,3,28,9,0,0]") << i;
    const auto& arabic = parsed[i].at("entries").at(2);
    EXPECT_EQ(arabic.at("authors").at(0).as_string(), "Example News Desk") << i;
  }
  // Atom tells `updated` apart from `published`; its feed id is the stored one.
  EXPECT_EQ(boost::json::serialize(parsed[1].at("entries").at(0).at("updated_parsed")),
            "[2025,3,28,14,5,9]");
  EXPECT_EQ(parsed[1].at("id").as_string(), "tag:news.example.org,2025:feed/all");
  EXPECT_EQ(parsed[3].at("id").as_string(), "http://127.0.0.1:8080/feeds/all.atom");
}

TEST_F(FeedReaders, JsonFeedCheckerRejectsAnInvalidFeed) {
  testing::WriteFile(dir_ / "bad.json",
                     R"({"version":"https://jsonfeed.org/version/1.1","title":"t","items":[)"
                     R"({"id":"1","content_html":"x","date_published":"yesterday"},{"url":"u"}]})");
  const testing::CommandResult r = testing::CheckJsonFeed({dir_ / "bad.json"});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("yesterday"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("'id' is a required property"), std::string::npos) << r.output;
}

// The real writer over a generated corpus: two feeds (one filtered), every file checked.
TEST_F(FeedReaders, EveryFeedTheWriterProducesPassesEveryReader) {
  std::vector<Story> stories = testing::GeneratedStories(80);
  std::stable_sort(stories.begin(), stories.end(), NewerFirst);
  const std::vector<FeedDef> feeds = {testing::AllFeed(60),
                                      {.name = "business",
                                       .title = "Business",
                                       .limit = 50,
                                       .include = {.sections = {"business"}}}};
  const SiteDef site = testing::TestSite();
  const StoryVisitor visit = [&](const std::function<bool(const Story&)>&,
                                 const std::function<bool(const Story&)>& sink) {
    for (const Story& s : stories) {
      if (!sink(s)) break;
    }
    return Status::Ok();
  };
  const FeedIdSource ids = [&](const FeedDef& feed, std::optional<TimePoint> first) {
    return Result<std::string>(first ? MintFeedId(site, feed, *first) : std::string());
  };
  Result<WriteReport> report = WriteFeeds(dir_.path(), site, feeds, ids, visit);
  ASSERT_TRUE(report.ok()) << report.status().message();
  std::vector<std::string> all_ids, business_ids;
  for (const Story& s : stories) {
    if (all_ids.size() < 60) all_ids.push_back(s.id);
    if (s.article.section == "Business") business_ids.push_back(s.id);
  }
  ASSERT_EQ(business_ids.size(), 40u);
  ExpectReadersAccept({"all", "business"}, {all_ids, business_ids});
  std::vector<std::filesystem::path> pages = {dir_ / "index.html"};
  for (const auto& entry : std::filesystem::directory_iterator(dir_ / "articles")) {
    pages.push_back(entry.path());
  }
  std::set<std::string> shown(all_ids.begin(), all_ids.end());
  shown.insert(business_ids.begin(), business_ids.end());
  EXPECT_EQ(pages.size(), shown.size() + 1) << "one page per shown story, and the index";
  const testing::CommandResult html = testing::CheckHtml(pages);
  EXPECT_EQ(html.exit_code, 0) << html.output;
}

TEST_F(FeedReaders, HtmlCheckerReportsParseErrors) {
  testing::WriteFile(dir_ / "bad.html", "<p>a<b>b</p>");
  const testing::CommandResult r = testing::CheckHtml({dir_ / "bad.html"});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("expected-doctype-but-got-start-tag"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace synd

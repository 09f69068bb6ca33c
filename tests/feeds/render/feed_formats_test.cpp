#include "feeds/render/feed_formats.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <pugixml.hpp>
#include <string>
#include <vector>

#include "tests/feeds/render/golden.hpp"
#include "tests/feeds/render/render_fixtures.hpp"

namespace synd {
namespace {

using testing::AllFeed;
using testing::MakeStory;
using testing::SampleStories;
using testing::TestSite;

constexpr const char* kFeedId = "tag:news.example.org,2025:feed/all";

RenderedFeed RenderSample(std::vector<Story> stories, std::size_t limit = 50) {
  const SiteDef site = TestSite();
  const FeedDef feed = AllFeed(limit);
  return RenderStories(site, feed, kFeedId, std::move(stories));
}

std::vector<std::string> RssGuids(const std::string& rss) {
  pugi::xml_document doc;
  EXPECT_TRUE(doc.load_string(rss.c_str())) << rss;
  std::vector<std::string> ids;
  for (pugi::xml_node item : doc.child("rss").child("channel").children("item")) {
    ids.push_back(item.child_value("guid"));
  }
  return ids;
}

TEST(FeedFormats, MatchGoldenFilesByteForByte) {
  const RenderedFeed feed = RenderSample(SampleStories());
  testing::ExpectGolden("all.rss", feed.rss);
  testing::ExpectGolden("all.atom", feed.atom);
  testing::ExpectGolden("all.json", feed.json);
}

TEST(FeedFormats, EmptyFeedIsValidWithFixedDatesAndSelfUrlId) {
  const RenderedFeed feed = RenderStories(TestSite(), AllFeed(), "", {});
  testing::ExpectGolden("empty.rss", feed.rss);
  testing::ExpectGolden("empty.atom", feed.atom);
  testing::ExpectGolden("empty.json", feed.json);
  EXPECT_EQ(feed.rss.find("lastBuildDate"), std::string::npos);
  EXPECT_NE(feed.atom.find("<id>http://127.0.0.1:8080/feeds/all.atom</id>"), std::string::npos);
  EXPECT_NE(feed.atom.find("<updated>1970-01-01T00:00:00Z</updated>"), std::string::npos);
}

TEST(FeedFormats, SameStoriesInAnyOrderGiveIdenticalBytes) {
  std::vector<Story> stories = SampleStories();
  const RenderedFeed first = RenderSample(stories);
  std::reverse(stories.begin(), stories.end());
  const RenderedFeed second = RenderSample(stories);
  EXPECT_EQ(first.rss, second.rss);
  EXPECT_EQ(first.atom, second.atom);
  EXPECT_EQ(first.json, second.json);
}

TEST(FeedFormats, OrdersByUpdatedThenPublishedThenId) {
  const TimePoint t = FromCivil(2025, 3, 28, 12, 0, 0);
  const std::vector<Story> stories = {
      MakeStory("old", t - std::chrono::hours(5), t - std::chrono::hours(1)),
      MakeStory("bbb", t - std::chrono::hours(2), t),
      MakeStory("aaa", t - std::chrono::hours(2), t),
      MakeStory("newer-published", t - std::chrono::hours(1), t),
      MakeStory("newest", t - std::chrono::hours(9), t + std::chrono::seconds(1)),
  };
  const std::vector<std::string> ids = RssGuids(RenderSample(stories).rss);
  std::vector<std::string> suffixes;
  for (const std::string& id : ids) suffixes.push_back(id.substr(id.rfind('/') + 1));
  EXPECT_EQ(suffixes, (std::vector<std::string>{"newest", "newer-published", "aaa", "bbb", "old"}));
}

TEST(FeedFormats, KeepsTheNewestLimitItemsAndDatesTheFeedByThem) {
  const TimePoint t = FromCivil(2025, 3, 28, 12, 0, 0);
  std::vector<Story> stories;
  for (int i = 0; i < 5; ++i) {
    stories.push_back(MakeStory("s" + std::to_string(i), t, t + std::chrono::minutes(i)));
  }
  const RenderedFeed feed = RenderSample(stories, 3);
  EXPECT_EQ(RssGuids(feed.rss).size(), 3u);
  EXPECT_NE(feed.rss.find("<lastBuildDate>Fri, 28 Mar 2025 12:04:00 +0000</lastBuildDate>"),
            std::string::npos);
  EXPECT_NE(feed.atom.find("<updated>2025-03-28T12:04:00Z</updated>"), std::string::npos);
  EXPECT_EQ(feed.rss.find("story/s1"), std::string::npos);
  const auto json = boost::json::parse(feed.json);
  EXPECT_EQ(json.at("items").as_array().size(), 3u);
}

TEST(FeedFormats, MarkupInTextStaysTextInEveryFormat) {
  const RenderedFeed feed = RenderSample(SampleStories());
  // XML: the HTML payload escapes the text once, XML escapes the HTML once more.
  for (const std::string* xml : {&feed.rss, &feed.atom}) {
    EXPECT_EQ(xml->find("<SMM-REO-TXO>"), std::string::npos);
    EXPECT_EQ(xml->find("&lt;SMM-REO-TXO&gt;"), std::string::npos);
    EXPECT_NE(xml->find("&amp;lt;SMM-REO-TXO&amp;gt;"), std::string::npos);
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_string(xml->c_str()));
  }
  const auto json = boost::json::parse(feed.json);
  const auto& item = json.at("items").at(0).as_object();
  EXPECT_NE(std::string(item.at("content_html").as_string()).find("&lt;SMM-REO-TXO&gt;, whose"),
            std::string::npos);
  EXPECT_NE(std::string(item.at("content_text").as_string()).find("<SMM-REO-TXO>, whose"),
            std::string::npos);
  EXPECT_EQ(item.at("title").as_string(),
            "Myanmar rebels disrupt China rare earth trade & \"sparking\" <scramble>");
}

TEST(FeedFormats, CarryNoCharacterXmlForbidsAndStayNfc) {
  const RenderedFeed feed = RenderSample(SampleStories());
  for (const std::string* out : {&feed.rss, &feed.atom, &feed.json}) {
    for (const char c : *out) {
      const auto u = static_cast<unsigned char>(c);
      EXPECT_TRUE(u >= 0x20 || c == '\n' || c == '\t') << "byte " << int(u);
    }
    EXPECT_EQ(out->find("\xc2\x85"), std::string::npos);
    EXPECT_EQ(out->find("\xef\xbf\xbf"), std::string::npos);
    EXPECT_NE(out->find("Caf\u00e9 and \u00c5 in decomposed form"), std::string::npos);
  }
}

TEST(FeedFormats, LinksToOwnUrlElseArticlePage) {
  const RenderedFeed feed = RenderSample(SampleStories());
  const auto json = boost::json::parse(feed.json);
  std::vector<std::string> urls;
  for (const auto& item : json.at("items").as_array()) {
    urls.emplace_back(item.at("url").as_string());
  }
  EXPECT_EQ(urls, (std::vector<std::string>{
                      "https://www.arabnews.com/node/2594150/world?utm=feed&ref=a%20b",
                      "http://127.0.0.1:8080/articles/z9y8x7w6.html",
                      "http://127.0.0.1:8080/articles/a1b2c3d4.html"}));
}

TEST(MintFeedId, UsesAuthorityYearOfFirstStoryAndName) {
  EXPECT_EQ(MintFeedId(TestSite(), AllFeed(), FromCivil(2024, 12, 31, 23, 59, 59)),
            "tag:news.example.org,2024:feed/all");
}

}  // namespace
}  // namespace synd

#include "feeds/render/feed_filter.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace synd {
namespace {

Article SampleArticle() {
  Article a;
  a.title = "Myanmar rebels disrupt China's rare-earth trade";
  a.summary = {"Rebels seek leverage against Beijing"};
  a.body = {{BlockType::kParagraph, "Chinese spot prices of terbium oxide <SMM-REO-TXO> jumped."},
            {BlockType::kHeading, "PRICE SPIKE"},
            {BlockType::kImage, "Laborers work at a mine in Kachin state"}};
  a.url = "https://www.reuters.com/world/asia/story?id=1";
  a.section = "World";
  a.tags = {"Asia Pacific", "Commodities"};
  return a;
}

struct FilterCase {
  const char* name;
  FeedFilter include;
  FeedFilter exclude;
  bool matches;
};

TEST(FeedFilter, FollowsDesignSemanticsForEveryKey) {
  const FilterCase cases[] = {
      {"empty filters take everything", {}, {}, true},
      {"keyword in title, other case", {.keywords = {"CHINA"}}, {}, true},
      {"keyword is a whole word only", {.keywords = {"chin"}}, {}, false},
      {"keyword in summary", {.keywords = {"beijing"}}, {}, true},
      {"keyword in heading", {.keywords = {"spike"}}, {}, true},
      {"keyword in caption", {.keywords = {"Kachin"}}, {}, true},
      {"keyword inside markup-like text", {.keywords = {"smm-reo-txo"}}, {}, true},
      {"phrase across a hyphen", {.keywords = {"rare earth"}}, {}, true},
      {"hyphenated keyword", {.keywords = {"rare-earth"}}, {}, true},
      {"phrase must be adjacent", {.keywords = {"rebels trade"}}, {}, false},
      {"phrase does not span fields", {.keywords = {"trade rebels"}}, {}, false},
      {"any keyword of the list", {.keywords = {"sport", "terbium"}}, {}, true},
      {"keyword without letters never matches", {.keywords = {"--"}}, {}, false},
      {"section matches section", {.sections = {"world"}}, {}, true},
      {"section matches a tag", {.sections = {"asia pacific"}}, {}, true},
      {"section is whole, not a word", {.sections = {"Asia"}}, {}, false},
      {"source falls back to the URL host's domain", {.sources = {"reuters.com"}}, {}, true},
      {"source host exact", {.sources = {"WWW.Reuters.com"}}, {}, true},
      {"source is not a suffix of a label", {.sources = {"ters.com"}}, {}, false},
      {"language falls back to the site's", {.languages = {"en"}}, {}, true},
      {"language range is a prefix of subtags", {.languages = {"en-GB"}}, {}, false},
      {"keys are AND-ed", {.keywords = {"china"}, .sections = {"Sport"}}, {}, false},
      {"all keys match",
       {.keywords = {"china"}, .sections = {"World"}, .languages = {"en"}},
       {},
       true},
      {"exclude by keyword", {.keywords = {"china"}}, {.keywords = {"oxide"}}, false},
      {"exclude by any key", {}, {.keywords = {"football"}, .sections = {"commodities"}}, false},
      {"exclude without a match keeps",
       {},
       {.keywords = {"football"}, .sources = {"bbc.co.uk"}},
       true},
      {"exclude by language", {}, {.languages = {"EN"}}, false},
  };
  const SiteDef site;  // language "en"
  const Article article = SampleArticle();
  for (const FilterCase& c : cases) {
    FeedDef feed{.name = "f", .include = c.include, .exclude = c.exclude};
    EXPECT_EQ(MatchesFeed(feed, site, article), c.matches) << c.name;
  }
}

TEST(FeedFilter, SourcePrefersSiteNameOverUrlHost) {
  Article article = SampleArticle();
  article.site = "Reuters";
  const SiteDef site;
  EXPECT_TRUE(MatchesFeed({.name = "f", .include = {.sources = {"reuters"}}}, site, article));
  EXPECT_FALSE(MatchesFeed({.name = "f", .include = {.sources = {"reuters.com"}}}, site, article));
  article.site.reset();
  article.url.reset();
  EXPECT_FALSE(MatchesFeed({.name = "f", .include = {.sources = {"reuters.com"}}}, site, article));
}

TEST(FeedFilter, LanguageComesFromArticleElseSite) {
  Article article = SampleArticle();
  SiteDef site;
  site.language = "ar";
  const FeedDef english{.name = "en", .include = {.languages = {"en"}}};
  EXPECT_FALSE(MatchesFeed(english, site, article));
  article.language = "en-GB";
  EXPECT_TRUE(MatchesFeed(english, site, article));
  const FeedDef any{.name = "any", .include = {.languages = {"*"}}};
  EXPECT_TRUE(MatchesFeed(any, site, article));
}

TEST(FeedFilter, MatchesUnicodeKeywords) {
  struct Case {
    std::string keyword, text;
    bool matches;
  };
  const Case cases[] = {
      {"\u0627\u0644\u0635\u064a\u0646",
       "\u0632\u0627\u0631 \u0627\u0644\u0635\u064a\u0646\u060c \u0627\u0644\u064a\u0648\u0645",
       true},
      {"\u5317\u4eac", "\u4eca\u5929\u5317\u4eac\u5929\u6c14", true},
      {"\u5317\u4eac", "\u5317\u65b9\u7684\u4eac\u5267", false},
      {"STRASSE", "Die Stra\u00dfe", true},
      {"caf\u00e9", "Cafe\u0301 au lait", true},
      {"\u0394\u03b5\u03bb\u03c4\u03b1", "\u0394\u0395\u039b\u03a4\u0391 news", true},
      {"uber", "\u00fcber alles", false},
  };
  for (const Case& c : cases) {
    Article article;
    article.title = c.text;
    const FeedDef feed{.name = "f", .include = {.keywords = {c.keyword}}};
    EXPECT_EQ(MatchesFeed(feed, SiteDef{}, article), c.matches) << c.keyword << " in " << c.text;
  }
}

TEST(FeedMatcher, ListsFeedsInConfigurationOrder) {
  const std::vector<FeedDef> feeds = {
      {.name = "all"},
      {.name = "sport", .include = {.keywords = {"football"}}},
      {.name = "china",
       .include = {.keywords = {"China", "Beijing"}},
       .exclude = {.keywords = {"sport"}}},
      {.name = "asia", .include = {.sections = {"asia pacific"}}},
  };
  const SiteDef site;
  EXPECT_EQ(FeedsOf(feeds, site, SampleArticle()),
            (std::vector<std::string>{"all", "china", "asia"}));
  const FeedMatcher matcher(feeds, site);
  Article article;
  article.title = "Football in Beijing: sport";
  EXPECT_EQ(matcher.FeedsOf(article), (std::vector<std::string>{"all", "sport"}));
  EXPECT_EQ(matcher.Match(article), (std::vector<char>{1, 1, 0, 0}));
}

}  // namespace
}  // namespace synd

#include "feeds/render/html_pages.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/feeds/render/golden.hpp"
#include "tests/feeds/render/render_fixtures.hpp"

namespace synd {
namespace {

using testing::TestSite;

TEST(ArticlePage, MatchesGoldenFiles) {
  testing::ExpectGolden("article_7k3f9q2m.html",
                        RenderArticlePage(TestSite(), testing::RareEarthStory()));
  testing::ExpectGolden("article_a1b2c3d4.html",
                        RenderArticlePage(TestSite(), testing::ArabicStory()));
  testing::ExpectGolden("article_z9y8x7w6.html",
                        RenderArticlePage(TestSite(), testing::ControlCharStory()));
}

TEST(ArticlePage, EscapesEveryTextAndAttribute) {
  const std::string page = RenderArticlePage(TestSite(), testing::RareEarthStory());
  EXPECT_EQ(page.find("<SMM-REO-TXO>"), std::string::npos);
  EXPECT_NE(page.find("terbium oxide &lt;SMM-REO-TXO&gt;, whose"), std::string::npos);
  EXPECT_NE(
      page.find("<h1>Myanmar rebels disrupt China rare earth trade &amp; &quot;sparking&quot; "
                "&lt;scramble&gt;</h1>"),
      std::string::npos);
  EXPECT_NE(
      page.find("href=\"https://www.arabnews.com/node/2594150/world?utm=feed&amp;ref=a%20b\""),
      std::string::npos);
  EXPECT_NE(page.find("By Reuters, Jane O'Neil &amp; Co."), std::string::npos);
  EXPECT_NE(page.find("<p class=\"meta dateline\">BANGKOK</p>"), std::string::npos);
  EXPECT_NE(page.find("<figure><figcaption>A view shows"), std::string::npos);
  EXPECT_NE(page.find("<h2>PRICE SPIKE</h2>"), std::string::npos);
  EXPECT_NE(page.find("<a href=\"http://127.0.0.1:8080/\">"), std::string::npos);
}

TEST(ArticlePage, NeverLinksToScriptUrlsAndUsesArticleLanguage) {
  const std::string control = RenderArticlePage(TestSite(), testing::ControlCharStory());
  EXPECT_EQ(control.find("javascript:"), std::string::npos);
  EXPECT_NE(control.find(
                "<link rel=\"canonical\" href=\"http://127.0.0.1:8080/articles/z9y8x7w6.html\">"),
            std::string::npos);
  EXPECT_EQ(control.find('\x07'), std::string::npos);
  const std::string arabic = RenderArticlePage(TestSite(), testing::ArabicStory());
  EXPECT_NE(arabic.find("<html lang=\"ar\">"), std::string::npos);
  EXPECT_NE(arabic.find("By Example News Desk."), std::string::npos);
}

TEST(IndexPage, ListsFeedsWithAutodiscoveryLinks) {
  std::vector<FeedDef> feeds = {testing::AllFeed(), {.name = "china", .title = "China & <Asia>"}};
  const std::string page = RenderIndexPage(TestSite(), feeds);
  testing::ExpectGolden("index.html", page);
  for (const char* link :
       {"<link rel=\"alternate\" type=\"application/rss+xml\" title=\"All stories (RSS)\" "
        "href=\"http://127.0.0.1:8080/feeds/all.rss\">",
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"China &amp; &lt;Asia&gt; "
        "(Atom)\" href=\"http://127.0.0.1:8080/feeds/china.atom\">",
        "<link rel=\"alternate\" type=\"application/feed+json\" title=\"All stories (JSON Feed)\" "
        "href=\"http://127.0.0.1:8080/feeds/all.json\">"}) {
    EXPECT_NE(page.find(link), std::string::npos) << link;
  }
  EXPECT_LT(page.find("application/feed+json"), page.find("</head>"));
}

}  // namespace
}  // namespace synd

#include "feeds/model/json_text.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <random>

#include "feeds/dedupe/event_payload.hpp"
#include "feeds/model/article_json.hpp"
#include "tests/support/awkward_article.hpp"

namespace synd {
namespace {

namespace json = boost::json;

std::string Quoted(std::string_view text) {
  std::string out;
  AppendJsonString(out, text);
  return out;
}

TEST(AppendJsonString, EscapesEveryByteAsBoostJsonDoes) {
  for (int c = 0; c < 256; ++c) {
    const std::string text = "a" + std::string(1, static_cast<char>(c)) + "b";
    EXPECT_EQ(Quoted(text), json::serialize(json::string(text))) << "byte " << c;
  }
}

TEST(AppendJsonString, MatchesBoostJsonOnRandomBytes) {
  std::mt19937 rng(7);
  for (int n = 0; n < 2000; ++n) {
    std::string text(rng() % 40, '\0');
    // Mostly printable text with escapes and UTF-8 sprinkled in, as articles have.
    for (char& c : text) c = static_cast<char>(rng() % 4 == 0 ? rng() % 256 : 32 + rng() % 95);
    ASSERT_EQ(Quoted(text), json::serialize(json::string(text))) << "case " << n;
  }
}

TEST(AppendJsonString, EscapesAtEveryOffsetOfALongString) {
  // Runs are found sixteen bytes at a time: an escape at any offset, near either end.
  for (const char special : {'"', '\\', '\n', '\x01', '\x1f'}) {
    for (std::size_t length : {15u, 16u, 17u, 31u, 32u, 33u, 100u}) {
      for (std::size_t at = 0; at < length; ++at) {
        std::string text(length, 'x');
        text[at] = special;
        if (at + 1 < length) text[length - 1] = '\xC3';  // a UTF-8 byte is copied as it is
        ASSERT_EQ(Quoted(text), json::serialize(json::string(text))) << length << " " << at;
      }
    }
  }
}

Article Full() { return testing::AwkwardArticle(); }

std::vector<std::pair<const char*, Article>> Articles() {
  Article dateline_without_date = Full();
  dateline_without_date.dateline->date.reset();
  Article only_url = Article{};
  only_url.url = "https://example.org/only";
  return {{"empty", Article{}},
          {"full", Full()},
          {"dateline without date", dateline_without_date},
          {"only a url", only_url}};
}

TEST(SerializeArticle, GivesTheBytesOfBoostJsonSerializingArticleToJson) {
  for (const auto& [name, article] : Articles()) {
    EXPECT_EQ(SerializeArticle(article), json::serialize(ArticleToJson(article))) << name;
    Result<Article> back = ParseArticle(SerializeArticle(article));
    ASSERT_TRUE(back.ok()) << name;
    EXPECT_EQ(SerializeArticle(*back), SerializeArticle(article)) << name;
  }
}

// The form EventArticleFields had when it built a Boost.JSON object: the webhook body's bytes.
std::string BoostEventFields(const Article& a) {
  json::array authors;
  for (const std::string& s : a.authors) authors.emplace_back(s);
  const std::string site = ArticleSite(a);
  const json::object fields{
      {"title", a.title},
      {"summary", SummaryText(a)},
      {"content_text", ContentText(a)},
      {"authors", std::move(authors)},
      {"source", json::object{{"site", site.empty() ? json::value(nullptr) : json::value(site)},
                              {"format", a.source.format}}}};
  const std::string out = json::serialize(fields);
  return out.substr(1, out.size() - 2);
}

TEST(EventArticleFields, GivesTheBytesOfTheBoostJsonObject) {
  for (const auto& [name, article] : Articles()) {
    EXPECT_EQ(EventArticleFields(article), BoostEventFields(article)) << name;
  }
  Article no_site = Full();
  no_site.site.reset();
  no_site.url.reset();
  EXPECT_EQ(EventArticleFields(no_site), BoostEventFields(no_site));
}

}  // namespace
}  // namespace synd

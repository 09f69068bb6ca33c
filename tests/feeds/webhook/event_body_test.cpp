#include "feeds/webhook/event_body.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "feeds/dedupe/event_payload.hpp"
#include "feeds/model/article_json.hpp"
#include "tests/support/awkward_article.hpp"

namespace synd {
namespace {

StoryHead Head(int revision) {
  StoryHead h;
  h.key = 3;
  h.id = "tag:news.example.org,2025-03-28:story/7k3f9q2m";
  h.suffix = "7k3f9q2m";
  h.published = FromCivil(2025, 3, 28);
  h.updated = FromCivil(2025, 3, 29, 10);
  h.revision = revision;
  return h;
}

Article Full() { return testing::AwkwardArticle(); }

std::vector<std::pair<const char*, Article>> Articles() {
  Article no_url = Full();
  no_url.url.reset();
  no_url.site.reset();
  Article url_host_as_site = Full();
  url_host_as_site.site.reset();
  Article no_bullets = Full();
  no_bullets.summary.clear();
  Article huge = Full();
  std::string big;
  while (big.size() < 300 * 1024) big += "Zürich “quoted” text\n ";
  huge.body = {{BlockType::kParagraph, big}};
  return {{"empty", Article{}},       {"full", Full()},
          {"no url", no_url},         {"url host as site", url_host_as_site},
          {"no bullets", no_bullets}, {"over the size limit", huge}};
}

// What the merger stores (envelope and revision) reads back as the body it used to store whole.
TEST(RenderEventBody, GivesTheBytesOfTheWholeBodyFromTheStoredArticle) {
  SiteDef site;
  site.base_url = "https://news.example.org/";
  for (const auto& [name, article] : Articles()) {
    for (EventType type : {EventType::kCreated, EventType::kUpdated}) {
      const TimePoint at = FromCivil(2025, 3, 29, 11);
      const std::vector<std::string> feeds = {"all", "china"};
      const EventEnvelope envelope = MakeEventEnvelope(type, at, Head(2), article, site, feeds);
      Result<std::string> body =
          RenderEventBody(envelope.text, envelope.article_at, SerializeArticle(article));
      ASSERT_TRUE(body.ok()) << name << ": " << body.status().message();
      EXPECT_EQ(*body, EventPayload(type, at, Head(2), article, site, feeds)) << name;
      EXPECT_LE(body->size(), kMaxEventPayloadBytes) << name;
    }
  }
}

TEST(MakeEventEnvelope, IsJsonWithTheFeedsAndWithoutTheArticle) {
  const Article a = Full();
  const EventEnvelope envelope =
      MakeEventEnvelope(EventType::kCreated, {}, Head(1), a, SiteDef{}, {"all"});
  const boost::json::value v = boost::json::parse(envelope.text);
  EXPECT_EQ(v.at("data").at("feeds"), boost::json::array{"all"});
  EXPECT_FALSE(v.at("data").as_object().contains("title"));
  EXPECT_EQ(envelope.text.find("Para one"), std::string::npos);
  EXPECT_EQ(envelope.text.substr(0, envelope.article_at).back(), '"') << "after data.url";
}

TEST(StoredEventBody, PassesAWholeBodyThrough) {
  Result<std::string> body = StoredEventBody("{\"type\":\"x\"}", std::nullopt, std::nullopt);
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(*body, "{\"type\":\"x\"}");
}

TEST(StoredEventBody, RefusesAnEnvelopeItCannotRender) {
  const std::string article = SerializeArticle(Full());
  struct Case {
    const char* name;
    std::optional<int64_t> at;
    std::optional<std::string_view> article;
  };
  const Case cases[] = {{"revision missing", 5, std::nullopt},
                        {"position past the end", 99, article},
                        {"negative position", -1, article},
                        {"not an article", 5, std::string_view("[1,2]")},
                        {"not JSON", 5, std::string_view("{\"title\":")}};
  for (const Case& c : cases) {
    Result<std::string> body = StoredEventBody("{\"a\":\"b\"}", c.at, c.article);
    ASSERT_FALSE(body.ok()) << c.name;
    EXPECT_EQ(body.status().code(), ErrorCode::kCorrupt) << c.name;
    EXPECT_NE(body.status().message().find("event body"), std::string::npos) << c.name;
  }
}

}  // namespace
}  // namespace synd

#include "feeds/dedupe/event_payload.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace synd {
namespace {

namespace json = boost::json;

StoryHead Head() {
  StoryHead h;
  h.key = 1;
  h.id = "tag:news.example.org,2025-03-28:story/7k3f9q2m";
  h.suffix = "7k3f9q2m";
  h.published = FromCivil(2025, 3, 28);
  h.updated = FromCivil(2025, 3, 29, 10);
  h.revision = 2;
  return h;
}

Article SampleArticle() {
  Article a;
  a.title = "Rare earths <SMM-REO-TXO> & \"quotes\"";
  a.summary = {"First bullet", "Second bullet"};
  a.body = {{BlockType::kParagraph, "Para one."}, {BlockType::kHeading, "HEADING"}};
  a.authors = {"A. Writer"};
  a.source = SourceRef{"/var/spool/inbox/secret-name.txt", "reference", 3};
  return a;
}

TEST(EventPayload, CarriesTheArticleAsStandardWebhooksData) {
  SiteDef site;
  site.base_url = "https://news.example.org/";
  const std::string body = EventPayload(EventType::kUpdated, FromCivil(2025, 3, 29, 11), Head(),
                                        SampleArticle(), site, {"all", "china"});
  const json::object o = json::parse(body).as_object();
  EXPECT_EQ(o.at("type"), "article.updated");
  EXPECT_EQ(o.at("timestamp"), "2025-03-29T11:00:00Z");
  const json::object& d = o.at("data").as_object();
  EXPECT_EQ(d.at("id"), "tag:news.example.org,2025-03-28:story/7k3f9q2m");
  EXPECT_EQ(d.at("url"), "https://news.example.org/articles/7k3f9q2m.html");
  EXPECT_EQ(d.at("title"), "Rare earths <SMM-REO-TXO> & \"quotes\"");
  EXPECT_EQ(d.at("summary"), "First bullet Second bullet");
  EXPECT_EQ(d.at("content_text"), "Para one.\n\nHEADING");
  EXPECT_EQ(d.at("published"), "2025-03-28T00:00:00Z");
  EXPECT_EQ(d.at("updated"), "2025-03-29T10:00:00Z");
  EXPECT_EQ(d.at("revision"), 2);
  EXPECT_EQ(d.at("feeds"), (json::array{"all", "china"}));
  EXPECT_EQ(d.at("authors"), (json::array{"A. Writer"}));
  EXPECT_EQ(d.at("source"), (json::object{{"site", nullptr}, {"format", "reference"}}));
  EXPECT_FALSE(d.contains("truncated"));
  EXPECT_EQ(body.find("secret-name"), std::string::npos) << "no file path in webhooks";
}

TEST(EventPayload, UsesTheArticleUrlAndItsHostAsSite) {
  Article a = SampleArticle();
  a.url = "https://www.reuters.com/world/story-1";
  const json::object d =
      json::parse(EventPayload(EventType::kCreated, {}, Head(), a, SiteDef{}, {}))
          .as_object()
          .at("data")
          .as_object();
  EXPECT_EQ(d.at("url"), "https://www.reuters.com/world/story-1");
  EXPECT_EQ(d.at("source").at("site"), "www.reuters.com");
  a.site = "Reuters";
  EXPECT_EQ(ArticleSite(a), "Reuters");
}

TEST(EventPayload, TruncatesContentToStayWithinTheLimit) {
  Article a = SampleArticle();
  std::string big;
  while (big.size() < 300 * 1024) big += "Zürich “quoted” text\n ";
  a.body = {{BlockType::kParagraph, big}};
  const std::string body = EventPayload(EventType::kCreated, {}, Head(), a, SiteDef{}, {});
  EXPECT_LE(body.size(), kMaxEventPayloadBytes);
  EXPECT_GT(body.size(), kMaxEventPayloadBytes * 98 / 100);  // escapes make a cut a bit larger
  const json::object d = json::parse(body).as_object().at("data").as_object();  // valid UTF-8 JSON
  EXPECT_EQ(d.at("truncated"), true);
  const std::string_view content = d.at("content_text").as_string();
  EXPECT_EQ(big.substr(0, content.size()), content);
  EXPECT_EQ(d.at("title").as_string(), a.title);

  // Tiny limit: every text field gives way, and the body still parses.
  const std::string tiny = EventPayload(EventType::kCreated, {}, Head(), a, SiteDef{}, {}, 600);
  EXPECT_LE(tiny.size(), 600u);
  EXPECT_NO_THROW((void)json::parse(tiny));
}

}  // namespace
}  // namespace synd

namespace synd {
namespace {

TEST(EventPayload, PrecomputedArticleFieldsGiveTheSameBytes) {
  Article a = SampleArticle();
  a.url = "https://example.org/a?x=\"y\"";
  const std::string fields = EventArticleFields(a);
  EXPECT_EQ(fields.front(), '"');
  const EventEnvelope envelope =
      MakeEventEnvelope(EventType::kCreated, {}, Head(), a, SiteDef{}, {"all"});
  EXPECT_EQ(EventPayload(EventType::kCreated, {}, Head(), a, SiteDef{}, {"all"}),
            SpliceEventBody(envelope.text, envelope.article_at, fields));
}

}  // namespace
}  // namespace synd

#include "feeds/webhook/body_limit.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace synd {
namespace {

std::string Body(const std::string& content, const std::string& summary = "s") {
  boost::json::object data{{"id", "tag:x,2025-01-01:story/a"},
                           {"title", "T"},
                           {"summary", summary},
                           {"content_text", content},
                           {"feeds", boost::json::array{"all"}}};
  return boost::json::serialize(
      boost::json::object{{"type", "article.created"}, {"timestamp", "t"}, {"data", data}});
}

TEST(FitWebhookBody, LeavesBodiesWithinTheLimitAlone) {
  const std::string body = Body(std::string(1000, 'x'));
  EXPECT_EQ(FitWebhookBody(body, 2000), body);
}

TEST(FitWebhookBody, CutsContentAndMarksTruncated) {
  struct Case {
    std::string content;
    std::size_t limit;
  };
  const Case cases[] = {
      {std::string(300 * 1024, 'x'), kMaxWebhookBody},
      {std::string(5000, '"'), 4000},   // each quote serializes as two bytes
      {std::string(3000, '\n'), 2000},  // escapes again
      {[] {
         std::string s;
         for (int i = 0; i < 2000; ++i) s += "\xe4\xb8\xad";  // 中
         return s;
       }(),
       3001},
  };
  for (const Case& c : cases) {
    const std::string fitted = FitWebhookBody(Body(c.content), c.limit);
    ASSERT_LE(fitted.size(), c.limit) << c.limit;
    const boost::json::value parsed = boost::json::parse(fitted);
    const boost::json::object& data = parsed.at("data").as_object();
    EXPECT_TRUE(data.at("truncated").as_bool()) << c.limit;
    const boost::json::string& text = data.at("content_text").as_string();
    EXPECT_LT(text.size(), c.content.size()) << c.limit;
    EXPECT_EQ(c.content.compare(0, text.size(), text.data(), text.size()), 0) << c.limit;
    EXPECT_EQ(data.at("summary").as_string(), "s") << c.limit;
  }
}

TEST(FitWebhookBody, CutsSummaryWhenContentIsNotEnoughAndIsDeterministic) {
  const std::string body = Body(std::string(100, 'c'), std::string(5000, 's'));
  const std::string fitted = FitWebhookBody(body, 1000);
  ASSERT_LE(fitted.size(), 1000u);
  const boost::json::value parsed = boost::json::parse(fitted);
  EXPECT_EQ(parsed.at("data").at("content_text").as_string(), "");
  EXPECT_EQ(FitWebhookBody(body, 1000), fitted);
}

TEST(FitWebhookBody, ReturnsUnfittableOrForeignBodiesUnchanged) {
  const std::string not_json(5000, 'x');
  EXPECT_EQ(FitWebhookBody(not_json, 100), not_json);
  const std::string no_data = R"({"type":"x","pad":")" + std::string(500, 'p') + "\"}";
  EXPECT_EQ(FitWebhookBody(no_data, 100), no_data);
}

}  // namespace
}  // namespace synd

#include "feeds/webhook/event_filter.hpp"

#include <gtest/gtest.h>

namespace synd {
namespace {

TEST(EventFilter, MatchesOnEventTypeAndSharedFeed) {
  const WebhookRoute all{"all", {}, {}};
  const WebhookRoute created{"created", {"article.created"}, {}};
  const WebhookRoute china{"china", {"article.created", "article.updated"}, {"china", "asia"}};
  struct Case {
    const WebhookRoute* route;
    const char* type;
    std::vector<std::string> feeds;
    bool matches;
  };
  const Case cases[] = {
      {&all, "article.updated", {}, true},
      {&created, "article.created", {"all"}, true},
      {&created, "article.updated", {"all"}, false},
      {&china, "article.updated", {"all", "asia"}, true},
      {&china, "article.created", {"all"}, false},
      {&china, "article.created", {}, false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(RouteMatches(*c.route, c.type, c.feeds), c.matches) << c.route->name << " " << c.type;
  }
}

TEST(EventFilter, ReadsDataFeedsFromTheBody) {
  Result<std::vector<std::string>> feeds =
      PayloadFeeds(R"({"type":"article.created","data":{"id":"x","feeds":["all","china"]}})");
  ASSERT_TRUE(feeds.ok()) << feeds.status().message();
  EXPECT_EQ(*feeds, (std::vector<std::string>{"all", "china"}));
  for (const char* bad :
       {"", "[]", R"({"data":{}})", R"({"data":{"feeds":"all"}})", R"({"data":{"feeds":[1]}})"}) {
    EXPECT_FALSE(PayloadFeeds(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace synd

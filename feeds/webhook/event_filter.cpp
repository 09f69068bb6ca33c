#include "feeds/webhook/event_filter.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace synd {

bool RouteMatches(const WebhookRoute& route, std::string_view type,
                  const std::vector<std::string>& event_feeds) {
  if (!route.events.empty() &&
      std::find(route.events.begin(), route.events.end(), type) == route.events.end()) {
    return false;
  }
  if (route.feeds.empty()) return true;
  return std::any_of(route.feeds.begin(), route.feeds.end(), [&](const std::string& feed) {
    return std::find(event_feeds.begin(), event_feeds.end(), feed) != event_feeds.end();
  });
}

Result<std::vector<std::string>> PayloadFeeds(std::string_view payload) {
  boost::system::error_code ec;
  const boost::json::value body = boost::json::parse(payload, ec);
  if (ec) return Status::Invalid("webhook body is not JSON: " + ec.message());
  const boost::json::object* root = body.if_object();
  const boost::json::value* data = root ? root->if_contains("data") : nullptr;
  const boost::json::object* data_object = data ? data->if_object() : nullptr;
  const boost::json::value* feeds = data_object ? data_object->if_contains("feeds") : nullptr;
  if (feeds == nullptr || !feeds->is_array()) {
    return Status::Invalid("webhook body has no data.feeds array");
  }
  std::vector<std::string> names;
  for (const boost::json::value& feed : feeds->get_array()) {
    if (!feed.is_string()) return Status::Invalid("webhook body's data.feeds holds a non-string");
    names.emplace_back(feed.get_string());
  }
  return names;
}

}  // namespace synd

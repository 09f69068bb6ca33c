// Which events go to which webhook (DESIGN.md §5 `events` and `feeds`). Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "feeds/model/status.hpp"

namespace synd {

// The part of a webhook's configuration that selects its events.
struct WebhookRoute {
  std::string name;
  std::vector<std::string> events;  // event type names; empty: every type
  std::vector<std::string> feeds;   // feed names; empty: every article
  bool operator==(const WebhookRoute&) const = default;
};

// True when `type` is among the route's events (or it lists none) and the route lists no feeds
// or shares one with `event_feeds`.
bool RouteMatches(const WebhookRoute& route, std::string_view type,
                  const std::vector<std::string>& event_feeds);

// The names in a webhook body's `data.feeds` (DESIGN.md §6). A body without the array, or one
// that is not JSON, is an error naming what is missing.
Result<std::vector<std::string>> PayloadFeeds(std::string_view payload);

}  // namespace synd

// Internal to the dispatcher: the in-memory state of one webhook. Its deliveries live in the
// store; a lane holds only what is loaded for sending and what is in flight.
#pragma once

#include <deque>
#include <optional>
#include <unordered_set>

#include "daemon/webhook/dispatcher.hpp"

namespace synd {

struct Dispatcher::Lane {
  explicit Lane(WebhookTarget t) : target(std::move(t)) {}

  WebhookTarget target;
  bool disabled = false;
  bool removed = false;           // dropped by a reconfigure; only its in-flight attempts remain
  bool may_have_due = true;       // the store may hold due deliveries not loaded yet
  std::deque<DueDelivery> ready;  // loaded, not started; commit order for ordered webhooks
  // Ids loaded, in flight, or with an unwritten outcome: never loaded twice.
  std::unordered_set<int64_t> held;
  int in_flight = 0;
  int unflushed = 0;
  std::optional<DeliveryTime> next_due;   // earliest known future attempt
  std::unordered_set<int64_t> attempted;  // one-shot mode: each delivery once
};

}  // namespace synd

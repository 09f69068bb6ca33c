// `syndicated deliveries list|retry|replay|enable` (DESIGN.md §4, issue [5/6]): operator commands
// over the webhook delivery queue. They work on the store file while the daemon runs (SQLite WAL
// with a busy timeout) and only change rows; the daemon sees the change at its next poll, within
// a second. They never print a secret or a webhook URL.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>

#include "feeds/model/time.hpp"
#include "feeds/webhook/delivery_queue.hpp"

namespace CLI {
class App;
}

namespace synd {

struct DeliveriesRequest {
  enum class Action { kList, kRetry, kRetryAllFailed, kReplay, kEnable };
  Action action = Action::kList;
  std::string webhook;  // list: filter (empty: all); replay, enable: the webhook
  bool failed_only = false;
  int64_t delivery_id = 0;
  TimePoint since{};
  int limit = 100;
};

// Runs one request against `queue` at time `now`; writes the result to `out` and problems to
// `err`; returns the exit status (0 ok, 1 nothing matched or the store failed).
int RunDeliveries(const DeliveriesRequest& request, DeliveryQueue& queue, DeliveryTime now,
                  std::ostream& out, std::ostream& err);

// Registers `deliveries` and its subcommands; the chosen one stores its exit status in
// `exit_code`. `-c FILE` selects the configuration whose state folder holds the store.
void AddDeliveriesCommand(CLI::App& app, int& exit_code);

}  // namespace synd

// The durable webhook delivery queue (issue [5/6]): per-webhook delivery rows over the store's
// event outbox, with each row's state and next attempt time, so a restart resumes the schedule.
// The dispatcher (daemon/webhook/) and the `deliveries` CLI use only this interface; the SQLite
// store implements it (feeds/store/sqlite_delivery_queue.hpp), a PostgreSQL store would too.
// Implementations do no network I/O and read no clock: `now` is always an argument.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/model/status.hpp"
#include "feeds/model/time.hpp"
#include "feeds/webhook/event_filter.hpp"

namespace synd {

// Milliseconds since the Unix epoch: retry schedules go below a second in tests.
using DeliveryTime = std::chrono::sys_time<std::chrono::milliseconds>;

enum class DeliveryState { kPending = 0, kDelivered = 1, kFailed = 2 };

// "pending", "delivered", "failed".
const char* DeliveryStateName(DeliveryState state);

// A pending delivery ready for an attempt.
struct DueDelivery {
  int64_t id = 0;  // the delivery's id (what `deliveries retry ID` takes)
  int64_t event_seq = 0;
  std::string event_id;  // the webhook-id, the same on every attempt and replay
  std::string event_type;
  int attempts = 0;  // attempts made before this one
  std::string payload;
  DeliveryTime due_at{};  // the row's next attempt time when it was read
  // Set when the event's body cannot be built (a damaged store: its revision row is missing or
  // unreadable); `payload` is then empty. Such a delivery can never be sent, and must not hold
  // back the others: the dispatcher records it as failed with this reason.
  std::string unrenderable;
};

// The outcome of one attempt, as the queue stores it.
struct AttemptRecord {
  int64_t delivery_id = 0;
  DeliveryState state = DeliveryState::kPending;
  int attempts = 0;  // attempts made, this one included
  DeliveryTime attempted_at{};
  DeliveryTime next_attempt{};  // meaningful while kPending
  int http_status = 0;          // 0: no response
  std::string error;            // short reason when not delivered; never a secret
  // The row's next attempt time as the attempt read it (DueDelivery::due_at). The outcome is
  // written only while the row is still pending at that time: a retry or replay issued while the
  // attempt was in flight wins, and the delivery is sent again.
  DeliveryTime due_at{};
};

// What Materialize did: events examined and delivery rows created per webhook.
struct MaterializeResult {
  int64_t events_examined = 0;
  std::map<std::string, int64_t, std::less<>> created;
};

struct WebhookQueueState {
  std::string name;
  bool disabled = false;
  std::string disabled_reason;
  DeliveryTime disabled_at{};
  int64_t pending = 0;
  int64_t failed = 0;     // with_totals only
  int64_t delivered = 0;  // with_totals only
};

// One row of `syndicated deliveries list`.
struct DeliveryListing {
  int64_t id = 0;
  std::string webhook;
  int64_t event_seq = 0;
  std::string event_id;
  std::string event_type;
  TimePoint event_time{};
  DeliveryState state = DeliveryState::kPending;
  int attempts = 0;
  DeliveryTime next_attempt{};
  std::optional<DeliveryTime> last_attempt;
  int http_status = 0;
  std::string error;
};

struct DeliveryQuery {
  std::string webhook;  // empty: every webhook
  bool failed_only = false;
  int limit = 1000;  // newest first
};

class DeliveryQueue {
 public:
  virtual ~DeliveryQueue() = default;

  // Declares the configured webhooks. A name seen for the first time gets a cursor after the
  // newest committed event, so a new webhook receives the events committed from now on; call it
  // before the first ingest of a process (so `once` does not skip its own events). A name no
  // longer listed loses its cursor and disabled flag (its delivery rows stay), so a webhook
  // removed and added again starts afresh and does not hold back pruning meanwhile.
  virtual Status SetWebhooks(const std::vector<std::string>& names) = 0;

  // Creates pending deliveries, due at `now`, for the events committed after each route's cursor
  // that the route matches, and moves the cursors past them, in one transaction. Examines at
  // most `max_events` events; events_examined < max_events means caught up. Unregistered routes
  // are registered first.
  virtual Result<MaterializeResult> Materialize(const std::vector<WebhookRoute>& routes,
                                                DeliveryTime now, int max_events) = 0;

  // Pending deliveries of `webhook` due at `now`, at most `limit`. Unordered: earliest due first,
  // then commit order. in_commit_order: the oldest pending deliveries in commit order, stopping
  // before the first one that is not due (what an `ordered` webhook may send). A delivery whose
  // body cannot be built comes back with DueDelivery::unrenderable set, not as an error.
  virtual Result<std::vector<DueDelivery>> Due(std::string_view webhook, DeliveryTime now,
                                               int limit, bool in_commit_order) = 0;

  // The earliest next attempt time after `after` among `webhook`'s pending deliveries, if any.
  virtual Result<std::optional<DeliveryTime>> NextDue(std::string_view webhook,
                                                      DeliveryTime after) = 0;

  // Stores attempt outcomes, all in one transaction (group commit). An outcome whose row changed
  // since its attempt read it (see AttemptRecord::due_at) is left out.
  virtual Status Record(const std::vector<AttemptRecord>& records) = 0;

  // Marks a webhook disabled (after a 410); its deliveries stay pending. Enable undoes it and
  // returns whether it was disabled.
  virtual Status Disable(std::string_view webhook, std::string_view reason, DeliveryTime now) = 0;
  virtual Result<bool> Enable(std::string_view webhook) = 0;

  // Every declared webhook with its disabled flag and pending count; with_totals also counts
  // failed and delivered rows (a scan: for the operator, not for every poll).
  virtual Result<std::vector<WebhookQueueState>> WebhookStates(bool with_totals) = 0;

  // Deletes, in one transaction, each listed webhook's delivered rows whose last attempt is
  // before its cutoff, then the events that no delivery row references any more, that every
  // cursor has passed and that were committed before `events_before`. Returns the delivery rows
  // deleted.
  virtual Result<int64_t> Prune(
      const std::map<std::string, DeliveryTime, std::less<>>& delivered_before,
      TimePoint events_before) = 0;

  // Operator commands (`syndicated deliveries ...`). They work while a daemon uses the same
  // store: the daemon sees their effect at its next poll.
  virtual Result<std::vector<DeliveryListing>> List(const DeliveryQuery& query) = 0;
  // Makes one delivery pending and due at `now` with a fresh schedule. kNotFound when no such id.
  virtual Status Retry(int64_t delivery_id, DeliveryTime now) = 0;
  // The same for every failed delivery (of `webhook`, or of all when empty); returns how many.
  virtual Result<int64_t> RetryFailed(std::string_view webhook, DeliveryTime now) = 0;
  // Makes every delivery of `webhook` whose event was committed at or after `since` pending and
  // due at `now` with a fresh schedule; the events keep their ids. Returns how many.
  virtual Result<int64_t> Replay(std::string_view webhook, TimePoint since, DeliveryTime now) = 0;
};

}  // namespace synd

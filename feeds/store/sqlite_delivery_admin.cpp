// The SQLite delivery queue's less frequent operations: webhook state, pruning and the operator
// commands behind `syndicated deliveries`. These prepare their statements per call.
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

#include "feeds/store/sqlite_delivery_queue.hpp"

namespace synd {

using delivery_sql::FromMillis;
using delivery_sql::Millis;
using delivery_sql::Statement;
using delivery_sql::Transaction;

namespace {

// Puts rows back in the queue, due by ?2. The next attempt time only ever moves earlier here
// (at least 1 ms): a row in flight was read due (its time <= now), so its requeued time differs
// from the one its attempt read, that attempt's outcome is not written (AttemptRecord::due_at),
// and the delivery goes out again as asked.
constexpr std::string_view kRequeue =
    "UPDATE deliveries SET state = 0, attempts = 0, "
    "next_attempt_ms = MIN(?2, next_attempt_ms - 1)";

// Prepares `sql`, binds with `bind`, steps through every row calling `row`.
template <typename Bind, typename Row>
Status ForEachRow(sqlite3* db, std::string_view sql, Bind bind, Row row) {
  Result<Statement> stmt = Statement::Prepare(db, sql);
  if (!stmt.ok()) return stmt.status();
  bind(*stmt);
  for (;;) {
    Result<bool> more = stmt->Step();
    if (!more.ok()) return more.status();
    if (!*more) return Status::Ok();
    row(*stmt);
  }
}

// Runs a statement that changes rows and returns how many it changed.
template <typename Bind>
Result<int64_t> Change(sqlite3* db, std::string_view sql, Bind bind) {
  Status status = ForEachRow(db, sql, bind, [](const Statement&) {});
  if (!status.ok()) return status;
  return static_cast<int64_t>(sqlite3_changes64(db));
}

}  // namespace

Status SqliteDeliveryQueue::Disable(std::string_view webhook, std::string_view reason,
                                    DeliveryTime now) {
  Result<int64_t> changed =
      Change(db_,
             "INSERT INTO webhook_cursors (webhook, last_seq, disabled_reason, disabled_at_ms) "
             "VALUES (?1, (SELECT COALESCE(MAX(seq), 0) FROM events), ?2, ?3) "
             "ON CONFLICT (webhook) DO UPDATE SET disabled_reason = excluded.disabled_reason, "
             "disabled_at_ms = excluded.disabled_at_ms",
             [&](Statement& s) { s.Bind(1, webhook).Bind(2, reason).Bind(3, Millis(now)); });
  return changed.status();
}

Result<bool> SqliteDeliveryQueue::Enable(std::string_view webhook) {
  Result<int64_t> changed = Change(db_,
                                   "UPDATE webhook_cursors SET disabled_reason = NULL, "
                                   "disabled_at_ms = NULL WHERE webhook = ?1 AND "
                                   "disabled_reason IS NOT NULL",
                                   [&](Statement& s) { s.Bind(1, webhook); });
  if (!changed.ok()) return changed.status();
  return *changed > 0;
}

Result<std::vector<WebhookQueueState>> SqliteDeliveryQueue::WebhookStates(bool with_totals) {
  std::vector<WebhookQueueState> states;
  // The pending count walks the partial index of pending rows only.
  Status status = ForEachRow(
      db_,
      "SELECT c.webhook, c.disabled_reason, c.disabled_at_ms, "
      "(SELECT COUNT(*) FROM deliveries d WHERE d.webhook = c.webhook AND d.state = 0) "
      "FROM webhook_cursors c ORDER BY c.webhook",
      [](Statement&) {},
      [&](const Statement& s) {
        WebhookQueueState state;
        state.name = s.Text(0);
        state.disabled = !s.IsNull(1);
        state.disabled_reason = s.Text(1);
        state.disabled_at = FromMillis(s.Int(2));
        state.pending = s.Int(3);
        states.push_back(std::move(state));
      });
  if (!status.ok() || !with_totals) return status.ok() ? Result(std::move(states)) : status;
  status = ForEachRow(
      db_, "SELECT webhook, state, COUNT(*) FROM deliveries WHERE state <> 0 GROUP BY 1, 2",
      [](Statement&) {},
      [&](const Statement& s) {
        for (WebhookQueueState& state : states) {
          if (state.name != s.Text(0)) continue;
          (s.Int(1) == static_cast<int>(DeliveryState::kFailed) ? state.failed : state.delivered) =
              s.Int(2);
        }
      });
  if (!status.ok()) return status;
  return states;
}

Result<int64_t> SqliteDeliveryQueue::Prune(
    const std::map<std::string, DeliveryTime, std::less<>>& delivered_before,
    TimePoint events_before) {
  // Webhooks usually share a retention: one range delete per distinct cutoff.
  std::map<DeliveryTime, std::string> by_cutoff;  // cutoff -> JSON array of webhook names
  for (const auto& [webhook, cutoff] : delivered_before) {
    std::string& names = by_cutoff[cutoff];
    names += names.empty() ? "[" : ",";
    names += boost::json::serialize(boost::json::string(webhook));
  }
  // Losing a prune on power failure only keeps rows a little longer.
  Transaction txn(db_, /*relaxed_sync=*/true);
  if (!txn.begin_status().ok()) return txn.begin_status();
  int64_t deleted = 0;
  for (const auto& entry : by_cutoff) {
    // Named members, not structured bindings: clang 14 (the fuzz build) cannot capture those.
    const auto& cutoff = entry.first;
    const std::string list = entry.second + "]";
    Result<int64_t> n = Change(db_,
                               "DELETE FROM deliveries WHERE state = 1 AND last_attempt_ms < ?1 "
                               "AND webhook IN (SELECT value FROM json_each(?2))",
                               [&](Statement& s) { s.Bind(1, Millis(cutoff)).Bind(2, list); });
    if (!n.ok()) return n.status();
    deleted += *n;
  }
  // An event stays while a delivery row refers to it (pending, failed, or delivered and still
  // within retention, for replay) and while some webhook's cursor has not passed it. NOT IN
  // builds one temporary index of the referenced events, so no index on event_seq is kept.
  Result<int64_t> events =
      Change(db_,
             "DELETE FROM events WHERE time < ?1 AND seq <= (SELECT COALESCE(MIN(last_seq), "
             "(SELECT COALESCE(MAX(seq), 0) FROM events)) FROM webhook_cursors) AND seq NOT IN "
             "(SELECT event_seq FROM deliveries)",
             [&](Statement& s) { s.Bind(1, int64_t{events_before.time_since_epoch().count()}); });
  if (!events.ok()) return events.status();
  Status status = txn.Commit();
  if (!status.ok()) return status;
  return deleted;
}

Result<std::vector<DeliveryListing>> SqliteDeliveryQueue::List(const DeliveryQuery& query) {
  std::vector<DeliveryListing> rows;
  Status status = ForEachRow(
      db_,
      "SELECT d.id, d.webhook, d.event_seq, e.id, e.type, e.time, d.state, d.attempts, "
      "d.next_attempt_ms, d.last_attempt_ms, d.last_status, d.last_error "
      "FROM deliveries d JOIN events e ON e.seq = d.event_seq "
      "WHERE (?1 = '' OR d.webhook = ?1) AND (?2 = 0 OR d.state = 2) "
      "ORDER BY d.id DESC LIMIT ?3",
      [&](Statement& s) {
        s.Bind(1, query.webhook).Bind(2, int64_t{query.failed_only}).Bind(3, int64_t{query.limit});
      },
      [&](const Statement& s) {
        DeliveryListing row;
        row.id = s.Int(0);
        row.webhook = s.Text(1);
        row.event_seq = s.Int(2);
        row.event_id = s.Text(3);
        row.event_type = s.Text(4);
        row.event_time = TimePoint(std::chrono::seconds(s.Int(5)));
        row.state = static_cast<DeliveryState>(s.Int(6));
        row.attempts = static_cast<int>(s.Int(7));
        row.next_attempt = FromMillis(s.Int(8));
        if (!s.IsNull(9)) row.last_attempt = FromMillis(s.Int(9));
        row.http_status = static_cast<int>(s.Int(10));
        row.error = s.Text(11);
        rows.push_back(std::move(row));
      });
  if (!status.ok()) return status;
  return rows;
}

Status SqliteDeliveryQueue::Retry(int64_t delivery_id, DeliveryTime now) {
  Result<int64_t> changed =
      Change(db_, std::string(kRequeue) + " WHERE id = ?1",
             [&](Statement& s) { s.Bind(1, delivery_id).Bind(2, Millis(now)); });
  if (!changed.ok()) return changed.status();
  if (*changed == 0) {
    return Status::Error(ErrorCode::kNotFound,
                         "no delivery with id " + std::to_string(delivery_id));
  }
  return Status::Ok();
}

Result<int64_t> SqliteDeliveryQueue::RetryFailed(std::string_view webhook, DeliveryTime now) {
  return Change(db_, std::string(kRequeue) + " WHERE state = 2 AND (?1 = '' OR webhook = ?1)",
                [&](Statement& s) { s.Bind(1, webhook).Bind(2, Millis(now)); });
}

Result<int64_t> SqliteDeliveryQueue::Replay(std::string_view webhook, TimePoint since,
                                            DeliveryTime now) {
  return Change(
      db_,
      std::string(kRequeue) +
          " WHERE webhook = ?1 AND event_seq IN (SELECT seq FROM events WHERE time >= ?3)",
      [&](Statement& s) {
        s.Bind(1, webhook).Bind(2, Millis(now)).Bind(3, int64_t{since.time_since_epoch().count()});
      });
}

}  // namespace synd

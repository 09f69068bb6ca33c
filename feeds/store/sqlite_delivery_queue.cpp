// The hot path of the SQLite delivery queue: cursors, materialization, due deliveries and
// attempt records. The operator commands and housekeeping are in sqlite_delivery_admin.cpp.
#include "feeds/store/sqlite_delivery_queue.hpp"

#include <algorithm>

#include "feeds/store/sqlite_schema.hpp"
#include "feeds/webhook/event_body.hpp"

namespace synd {

using delivery_sql::FromMillis;
using delivery_sql::Millis;
using delivery_sql::Statement;
using delivery_sql::Transaction;

namespace {

// A due delivery and its event; columns 6-8 are the event's stored body (kEventBodyColumns).
std::string DueColumns() {
  return std::string("SELECT d.id, d.event_seq, e.id, e.type, d.attempts, d.next_attempt_ms, ") +
         kEventBodyColumns + " FROM deliveries d JOIN events e ON e.seq = d.event_seq ";
}

}  // namespace

const char* DeliveryStateName(DeliveryState state) {
  switch (state) {
    case DeliveryState::kPending:
      return "pending";
    case DeliveryState::kDelivered:
      return "delivered";
    case DeliveryState::kFailed:
      return "failed";
  }
  return "unknown";
}

Result<std::unique_ptr<SqliteDeliveryQueue>> SqliteDeliveryQueue::OpenOn(SqliteStore& store) {
  return Open(store.db().handle());
}

Result<std::unique_ptr<SqliteDeliveryQueue>> SqliteDeliveryQueue::Open(sqlite3* db) {
  std::unique_ptr<SqliteDeliveryQueue> q(new SqliteDeliveryQueue(db));
  const std::pair<Statement*, std::string> statements[] = {
      {&q->register_,
       "INSERT OR IGNORE INTO webhook_cursors (webhook, last_seq) "
       "VALUES (?1, (SELECT COALESCE(MAX(seq), 0) FROM events))"},
      {&q->cursor_, "SELECT last_seq FROM webhook_cursors WHERE webhook = ?1"},
      {&q->window_,
       "SELECT COUNT(*), COALESCE(MAX(seq), ?1) FROM "
       "(SELECT seq FROM events WHERE seq > ?1 ORDER BY seq LIMIT ?2)"},
      {&q->bulk_insert_,
       "INSERT INTO deliveries (webhook, event_seq, state, attempts, next_attempt_ms) "
       "SELECT ?1, seq, 0, 0, ?2 FROM events WHERE seq > ?3 AND seq <= ?4 "
       "AND (?5 = '' OR instr(?5, ',' || type || ',') > 0)"},
      {&q->events_between_,
       "SELECT seq, type, payload FROM events WHERE seq > ?1 AND seq <= ?2 ORDER BY seq"},
      {&q->insert_delivery_,
       "INSERT INTO deliveries (webhook, event_seq, state, attempts, next_attempt_ms) "
       "VALUES (?1, ?2, 0, 0, ?3)"},
      {&q->move_cursor_,
       "UPDATE webhook_cursors SET last_seq = ?2 WHERE webhook = ?1 AND last_seq < ?2"},
      {&q->due_, DueColumns() + "WHERE d.webhook = ?1 AND d.state = 0 AND d.next_attempt_ms <= ?2 "
                                "ORDER BY d.next_attempt_ms, d.event_seq LIMIT ?3"},
      {&q->due_ordered_,
       DueColumns() + "WHERE d.webhook = ?1 AND d.state = 0 ORDER BY d.event_seq LIMIT ?3"},
      {&q->record_,
       "UPDATE deliveries SET state = ?2, attempts = ?3, next_attempt_ms = ?4, "
       "last_attempt_ms = ?5, last_status = ?6, last_error = ?7 "
       "WHERE id = ?1 AND state = 0 AND next_attempt_ms = ?8"},
      // Asked after every refill that drains a lane: prepared once, like the due queries.
      {&q->next_due_,
       "SELECT MIN(next_attempt_ms) FROM deliveries WHERE webhook = ?1 AND state = 0 "
       "AND next_attempt_ms > ?2"},
  };
  for (const auto& [statement, sql] : statements) {
    Result<Statement> prepared = Statement::Prepare(db, sql);
    if (!prepared.ok()) return prepared.status();
    *statement = std::move(prepared).value();
  }
  return q;
}

Status SqliteDeliveryQueue::RegisterInTransaction(const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    Status status = register_.Reset().Bind(1, name).Run();
    if (!status.ok()) return status.WithPrefix("registering webhook " + name);
  }
  return Status::Ok();
}

Status SqliteDeliveryQueue::SetWebhooks(const std::vector<std::string>& names) {
  Transaction txn(db_);
  if (!txn.begin_status().ok()) return txn.begin_status();
  Status status = RegisterInTransaction(names);
  if (!status.ok()) return status;
  Result<Statement> known = Statement::Prepare(db_, "SELECT webhook FROM webhook_cursors");
  if (!known.ok()) return known.status();
  std::vector<std::string> stale;
  for (;;) {
    Result<bool> row = known->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    std::string name = known->Text(0);
    if (std::find(names.begin(), names.end(), name) == names.end())
      stale.push_back(std::move(name));
  }
  Result<Statement> forget =
      Statement::Prepare(db_, "DELETE FROM webhook_cursors WHERE webhook = ?1");
  if (!forget.ok()) return forget.status();
  for (const std::string& name : stale) {
    status = forget->Reset().Bind(1, name).Run();
    if (!status.ok()) return status;
  }
  return txn.Commit();
}

Result<MaterializeResult> SqliteDeliveryQueue::Materialize(const std::vector<WebhookRoute>& routes,
                                                           DeliveryTime now, int max_events) {
  MaterializeResult result;
  if (routes.empty()) return result;
  // Losing this commit on power failure re-creates the same rows from the same cursor.
  Transaction txn(db_, /*relaxed_sync=*/true);
  if (!txn.begin_status().ok()) return txn.begin_status();
  std::vector<std::string> names;
  names.reserve(routes.size());
  for (const WebhookRoute& route : routes) names.push_back(route.name);
  Status status = RegisterInTransaction(names);
  if (!status.ok()) return status;
  std::map<std::string, int64_t, std::less<>> cursors;
  for (const WebhookRoute& route : routes) {
    Result<bool> row = cursor_.Reset().Bind(1, route.name).Step();
    if (!row.ok()) return row.status();
    cursors[route.name] = *row ? cursor_.Int(0) : 0;
    cursor_.Reset();
  }
  status = MaterializeEvents(routes, cursors, now, max_events, result);
  if (!status.ok()) return status;
  status = txn.Commit();
  if (!status.ok()) return status;
  return result;
}

Status SqliteDeliveryQueue::MaterializeEvents(
    const std::vector<WebhookRoute>& routes,
    const std::map<std::string, int64_t, std::less<>>& cursors, DeliveryTime now, int max_events,
    MaterializeResult& result) {
  int64_t from = INT64_MAX;
  for (const auto& [name, seq] : cursors) from = std::min(from, seq);
  Result<bool> window = window_.Reset().Bind(1, from).Bind(2, int64_t{max_events}).Step();
  if (!window.ok()) return window.status();
  result.events_examined = window_.Int(0);
  const int64_t upto = window_.Int(1);
  window_.Reset();
  if (result.events_examined == 0) return Status::Ok();
  std::vector<const WebhookRoute*> by_feed;
  for (const WebhookRoute& route : routes) {
    const int64_t cursor = cursors.find(route.name)->second;
    if (cursor >= upto) continue;
    if (!route.feeds.empty()) {
      by_feed.push_back(&route);
      continue;
    }
    // No feed filter: one statement selects the matching events inside SQLite.
    std::string types;
    for (const std::string& type : route.events) types += "," + type;
    if (!types.empty()) types += ",";
    Status status = bulk_insert_.Reset()
                        .Bind(1, route.name)
                        .Bind(2, Millis(now))
                        .Bind(3, cursor)
                        .Bind(4, upto)
                        .Bind(5, types)
                        .Run();
    if (!status.ok()) return status;
    result.created[route.name] += sqlite3_changes64(db_);
  }
  Status status = MaterializeByFeed(by_feed, cursors, from, upto, now, result);
  for (const WebhookRoute& route : routes) {
    if (!status.ok()) break;
    status = move_cursor_.Reset().Bind(1, route.name).Bind(2, upto).Run();
  }
  return status;
}

Status SqliteDeliveryQueue::MaterializeByFeed(
    const std::vector<const WebhookRoute*>& routes,
    const std::map<std::string, int64_t, std::less<>>& cursors, int64_t from, int64_t upto,
    DeliveryTime now, MaterializeResult& result) {
  if (routes.empty()) return Status::Ok();
  events_between_.Reset().Bind(1, from).Bind(2, upto);
  Status status;
  while (status.ok()) {
    Result<bool> row = events_between_.Step();
    if (!row.ok() || !*row) {
      status = row.status();
      break;
    }
    const int64_t seq = events_between_.Int(0);
    const std::string type = events_between_.Text(1);
    // A body without data.feeds matches no route that selects feeds.
    Result<std::vector<std::string>> feeds = PayloadFeeds(events_between_.Text(2));
    if (!feeds.ok()) continue;
    for (const WebhookRoute* route : routes) {
      if (cursors.find(route->name)->second >= seq || !RouteMatches(*route, type, *feeds)) continue;
      status =
          insert_delivery_.Reset().Bind(1, route->name).Bind(2, seq).Bind(3, Millis(now)).Run();
      if (!status.ok()) break;
      ++result.created[route->name];
    }
  }
  events_between_.Reset();
  return status;
}

Result<std::vector<DueDelivery>> SqliteDeliveryQueue::Due(std::string_view webhook,
                                                          DeliveryTime now, int limit,
                                                          bool in_commit_order) {
  Statement& q = in_commit_order ? due_ordered_ : due_;
  q.Reset().Bind(1, webhook).Bind(2, Millis(now)).Bind(3, int64_t{limit});
  std::vector<DueDelivery> due;
  for (;;) {
    Result<bool> row = q.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    if (in_commit_order && q.Int(5) > Millis(now)) break;
    Result<std::string> body = Body(q);
    due.push_back(DueDelivery{q.Int(0), q.Int(1), q.Text(2), q.Text(3), static_cast<int>(q.Int(4)),
                              body.ok() ? std::move(*body) : std::string(), FromMillis(q.Int(5)),
                              std::string()});
    if (!body.ok()) {
      due.back().unrenderable =
          body.status().WithPrefix("event " + std::to_string(q.Int(1))).message();
    }
  }
  q.Reset();
  return due;
}

Result<std::string> SqliteDeliveryQueue::Body(const Statement& q) {
  if (q.IsNull(7)) return q.Text(6);
  if (q.IsNull(8)) return StoredEventBody(q.Text(6), q.Int(7), std::nullopt);
  // A memo of a pure function, looked up by seq but matched on all of its inputs, so a seq
  // reused after a rolled-back transaction can never get another event's body.
  RenderedBody input{q.Text(6), q.Int(7), q.Text(8), {}};
  auto it = bodies_.find(q.Int(1));
  if (it != bodies_.end() && it->second.envelope == input.envelope &&
      it->second.article_at == input.article_at && it->second.article == input.article) {
    return it->second.body;
  }
  Result<std::string> body = StoredEventBody(input.envelope, input.article_at, input.article);
  if (!body.ok()) return body;
  input.body = *body;
  const std::size_t bytes = input.envelope.size() + input.article.size() + input.body.size();
  if (body_bytes_ + bytes > kBodyCacheBytes) {  // dropping them all keeps it simple and bounded
    bodies_.clear();
    body_bytes_ = 0;
  }
  body_bytes_ += bytes;
  bodies_.insert_or_assign(q.Int(1), std::move(input));
  return body;
}

Result<std::optional<DeliveryTime>> SqliteDeliveryQueue::NextDue(std::string_view webhook,
                                                                 DeliveryTime after) {
  Statement& q = next_due_;
  q.Reset().Bind(1, webhook).Bind(2, Millis(after));
  Result<bool> row = q.Step();
  std::optional<DeliveryTime> next;
  if (row.ok() && *row && !q.IsNull(0)) next = FromMillis(q.Int(0));
  q.Reset();
  if (!row.ok()) return row.status();
  return next;
}

Status SqliteDeliveryQueue::Record(const std::vector<AttemptRecord>& records) {
  if (records.empty()) return Status::Ok();
  // Losing this commit on power failure sends those deliveries again, with the same ids.
  Transaction txn(db_, /*relaxed_sync=*/true);
  if (!txn.begin_status().ok()) return txn.begin_status();
  for (const AttemptRecord& r : records) {
    record_.Reset()
        .Bind(1, r.delivery_id)
        .Bind(2, static_cast<int64_t>(r.state))
        .Bind(3, int64_t{r.attempts})
        .Bind(4, Millis(r.next_attempt))
        .Bind(5, Millis(r.attempted_at))
        .Bind(8, Millis(r.due_at));
    if (r.http_status != 0) record_.Bind(6, int64_t{r.http_status});
    if (!r.error.empty()) record_.Bind(7, r.error);
    Status status = record_.Run();
    if (!status.ok())
      return status.WithPrefix("recording delivery " + std::to_string(r.delivery_id));
  }
  return txn.Commit();
}

}  // namespace synd

// The SQLite implementation of DeliveryQueue (issue [5/6]): tables `webhook_cursors` and
// `deliveries` beside the store's `events` outbox, in the same database file. Shares the store's
// connection; every method runs on the thread that owns that connection. No network, no clock.
#pragma once

#include <sqlite3.h>

#include <cstddef>
#include <memory>
#include <string>
#include <unordered_map>

#include "feeds/store/sqlite_delivery_sql.hpp"
#include "feeds/store/sqlite_store.hpp"
#include "feeds/webhook/delivery_queue.hpp"

namespace synd {

class SqliteDeliveryQueue final : public DeliveryQueue {
 public:
  // Prepares the hot statements. `db` is borrowed and must outlive the queue. REQUIRES: `db`
  // is a connection to a store file that SqliteStore::Open has migrated (schema version 3 made
  // the delivery tables).
  static Result<std::unique_ptr<SqliteDeliveryQueue>> Open(sqlite3* db);

  // Open on the store's own connection: its `events` outbox is what ingest writes,
  // and the queue's transactions become savepoints inside a store transaction left open.
  // `store` must outlive the queue; same thread as the store.
  static Result<std::unique_ptr<SqliteDeliveryQueue>> OpenOn(SqliteStore& store);

  Status SetWebhooks(const std::vector<std::string>& names) override;
  Result<MaterializeResult> Materialize(const std::vector<WebhookRoute>& routes, DeliveryTime now,
                                        int max_events) override;
  Result<std::vector<DueDelivery>> Due(std::string_view webhook, DeliveryTime now, int limit,
                                       bool in_commit_order) override;
  Result<std::optional<DeliveryTime>> NextDue(std::string_view webhook,
                                              DeliveryTime after) override;
  Status Record(const std::vector<AttemptRecord>& records) override;
  Status Disable(std::string_view webhook, std::string_view reason, DeliveryTime now) override;
  Result<bool> Enable(std::string_view webhook) override;
  Result<std::vector<WebhookQueueState>> WebhookStates(bool with_totals) override;
  Result<int64_t> Prune(const std::map<std::string, DeliveryTime, std::less<>>& delivered_before,
                        TimePoint events_before) override;
  Result<std::vector<DeliveryListing>> List(const DeliveryQuery& query) override;
  Status Retry(int64_t delivery_id, DeliveryTime now) override;
  Result<int64_t> RetryFailed(std::string_view webhook, DeliveryTime now) override;
  Result<int64_t> Replay(std::string_view webhook, TimePoint since, DeliveryTime now) override;

 private:
  explicit SqliteDeliveryQueue(sqlite3* db) : db_(db) {}

  Status RegisterInTransaction(const std::vector<std::string>& names);
  Status MaterializeEvents(const std::vector<WebhookRoute>& routes,
                           const std::map<std::string, int64_t, std::less<>>& cursors,
                           DeliveryTime now, int max_events, MaterializeResult& result);

  Status MaterializeByFeed(const std::vector<const WebhookRoute*>& routes,
                           const std::map<std::string, int64_t, std::less<>>& cursors, int64_t from,
                           int64_t upto, DeliveryTime now, MaterializeResult& result);

  // The body of the due row `q` is on (kDueColumns), rendered from its revision's article when
  // the event stores an envelope. Every webhook a new event goes to asks for its body, so the
  // rendered bodies of recent events are kept, up to kBodyCacheBytes with their inputs.
  Result<std::string> Body(const delivery_sql::Statement& q);

  struct RenderedBody {
    std::string envelope;
    int64_t article_at = 0;
    std::string article;
    std::string body;
  };
  static constexpr std::size_t kBodyCacheBytes = 16 << 20;

  sqlite3* db_;
  std::unordered_map<int64_t, RenderedBody> bodies_;  // by event seq
  std::size_t body_bytes_ = 0;
  delivery_sql::Statement register_;
  delivery_sql::Statement cursor_;
  delivery_sql::Statement window_;
  delivery_sql::Statement bulk_insert_;
  delivery_sql::Statement events_between_;
  delivery_sql::Statement insert_delivery_;
  delivery_sql::Statement move_cursor_;
  delivery_sql::Statement due_;
  delivery_sql::Statement due_ordered_;
  delivery_sql::Statement record_;
  delivery_sql::Statement next_due_;
};

}  // namespace synd

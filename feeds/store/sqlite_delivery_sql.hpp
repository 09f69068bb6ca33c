// Internal to the SQLite delivery queue: a prepared statement and a transaction guard over the
// sqlite3 C API, turning result codes into Status. Not a general SQLite layer.
#pragma once

#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "feeds/model/status.hpp"
#include "feeds/webhook/delivery_queue.hpp"

namespace synd::delivery_sql {

// A DeliveryTime as the delivery tables store it: integer milliseconds since the Unix epoch.
inline int64_t Millis(DeliveryTime t) { return t.time_since_epoch().count(); }
inline DeliveryTime FromMillis(int64_t ms) { return DeliveryTime(std::chrono::milliseconds(ms)); }

// A prepared statement, reset and re-bound for each use. Borrowed connection: it must outlive
// the statement.
class Statement {
 public:
  Statement() = default;
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  static Result<Statement> Prepare(sqlite3* db, std::string_view sql);

  // Clears bindings and the previous run. Returns *this for chaining binds.
  Statement& Reset();
  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, std::string_view value);  // copied by SQLite
  Statement& BindNull(int index);

  // One step: true when a row is available, false when done; errors name the statement.
  // Done or failed, the statement is reset; after reading the rows wanted, call Reset().
  Result<bool> Step();
  // Steps to completion, ignoring rows.
  Status Run();

  int64_t Int(int column) const;
  std::string Text(int column) const;
  bool IsNull(int column) const;

 private:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  sqlite3_stmt* stmt_ = nullptr;
};

// Runs SQL text that returns no rows (DDL, BEGIN/COMMIT).
Status Exec(sqlite3* db, std::string_view sql);

// BEGIN IMMEDIATE on construction (a savepoint when the connection is already in a
// transaction); ROLLBACK on destruction unless Commit() succeeded.
// With `relaxed_sync`, the transaction commits with synchronous=NORMAL (no fsync in WAL mode) and
// the connection's setting is restored afterwards: for writes whose loss on power failure only
// repeats work (a delivery sent twice with the same webhook-id), never loses it.
class Transaction {
 public:
  explicit Transaction(sqlite3* db, bool relaxed_sync = false);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  const Status& begin_status() const { return begin_; }
  Status Commit();

 private:
  void RestoreSync();

  sqlite3* db_;
  bool nested_;
  int restore_sync_ = -1;  // the connection's synchronous level to restore, or -1
  Status begin_;
  bool open_ = false;
};

// Replaces the connection's busy handler with one that retries every 100 µs for up to `timeout`.
// SQLite's own busy_timeout sleeps 1, 2, 5, 10, 15, 20, 25... ms between tries, so a writer that
// waits behind a 5 ms commit of another connection often sleeps far longer than the commit took.
void SetFineBusyTimeout(sqlite3* db, std::chrono::milliseconds timeout);

// "<what>: <sqlite message>" as a kIo Status.
Status SqliteError(sqlite3* db, std::string_view what);

}  // namespace synd::delivery_sql

#include "feeds/store/sqlite_delivery_sql.hpp"

#include <thread>
#include <utility>

namespace synd::delivery_sql {

namespace {

constexpr std::chrono::microseconds kBusyRetry{100};

// The timeout in microseconds travels in the pointer argument itself: nothing to own or free.
int RetryWhileBusy(void* timeout_us, int tries) {
  const auto limit = static_cast<int64_t>(reinterpret_cast<intptr_t>(timeout_us));
  if (int64_t{tries} * kBusyRetry.count() >= limit) return 0;
  std::this_thread::sleep_for(kBusyRetry);
  return 1;
}

}  // namespace

void SetFineBusyTimeout(sqlite3* db, std::chrono::milliseconds timeout) {
  const auto limit_us = std::chrono::duration_cast<std::chrono::microseconds>(timeout).count();
  sqlite3_busy_handler(db, &RetryWhileBusy,
                       reinterpret_cast<void*>(static_cast<intptr_t>(limit_us)));
}

Status SqliteError(sqlite3* db, std::string_view what) {
  return Status::Io(std::string(what) + ": " + sqlite3_errmsg(db));
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement::Statement(Statement&& other) noexcept : stmt_(std::exchange(other.stmt_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = std::exchange(other.stmt_, nullptr);
  }
  return *this;
}

Result<Statement> Statement::Prepare(sqlite3* db, std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                         &stmt, nullptr) != SQLITE_OK) {
    return SqliteError(db, "preparing \"" + std::string(sql.substr(0, 60)) + "\"");
  }
  return Statement(stmt);
}

Statement& Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  return *this;
}

Statement& Statement::Bind(int index, int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::Bind(int index, std::string_view value) {
  sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}

Statement& Statement::BindNull(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Result<bool> Statement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  // Reset at once: a statement left mid-way keeps its read snapshot, and a connection holding a
  // stale snapshot cannot start a write transaction once another connection has committed.
  if (rc == SQLITE_DONE) {
    sqlite3_reset(stmt_);
    return false;
  }
  sqlite3* db = sqlite3_db_handle(stmt_);
  Status error =
      SqliteError(db, "running \"" + std::string(sqlite3_sql(stmt_)).substr(0, 60) + "\"");
  sqlite3_reset(stmt_);
  return error;
}

Status Statement::Run() {
  for (;;) {
    Result<bool> row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
  }
}

int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string Statement::Text(int column) const {
  const auto* text = sqlite3_column_text(stmt_, column);
  const int size = sqlite3_column_bytes(stmt_, column);
  return text ? std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size))
              : std::string();
}

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

Status Exec(sqlite3* db, std::string_view sql) {
  const std::string text(sql);
  char* error = nullptr;
  if (sqlite3_exec(db, text.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    return Status::Io("running \"" + text.substr(0, 60) + "\": " + message);
  }
  return Status::Ok();
}

namespace {

// PRAGMA synchronous as a number (0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA), or -1.
int SyncLevel(sqlite3* db) {
  sqlite3_stmt* stmt = nullptr;
  int level = -1;
  if (sqlite3_prepare_v2(db, "PRAGMA synchronous", -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW) {
    level = sqlite3_column_int(stmt, 0);
  }
  sqlite3_finalize(stmt);
  return level;
}

}  // namespace

Transaction::Transaction(sqlite3* db, bool relaxed_sync)
    : db_(db), nested_(sqlite3_get_autocommit(db) == 0) {
  // Inside a transaction someone else opened (the store's, on a shared connection) this becomes
  // a savepoint: it commits or rolls back with the outer transaction.
  if (nested_) {
    begin_ = Exec(db, "SAVEPOINT delivery_queue");
    open_ = begin_.ok();
    return;
  }
  if (relaxed_sync) {
    const int level = SyncLevel(db);
    if (level > 1 && Exec(db, "PRAGMA synchronous = NORMAL").ok()) restore_sync_ = level;
  }
  begin_ = Exec(db, "BEGIN IMMEDIATE");
  open_ = begin_.ok();
  if (!open_) RestoreSync();
}

Transaction::~Transaction() {
  if (open_) {
    (void)Exec(db_, nested_ ? "ROLLBACK TO delivery_queue; RELEASE delivery_queue" : "ROLLBACK");
  }
  RestoreSync();
}

Status Transaction::Commit() {
  assert(open_);
  Status status = Exec(db_, nested_ ? "RELEASE delivery_queue" : "COMMIT");
  if (status.ok()) open_ = false;
  return status;
}

void Transaction::RestoreSync() {
  if (restore_sync_ < 0) return;
  (void)Exec(db_, "PRAGMA synchronous = " + std::to_string(restore_sync_));
  restore_sync_ = -1;
}

}  // namespace synd::delivery_sql

#include "feeds/store/sqlite_db.hpp"

#include <cassert>
#include <mutex>
#include <utility>

namespace synd {
namespace {

// SQLite counts every allocation under one process-wide mutex unless told otherwise; nothing here
// reads those counts, and the store writer allocates on every statement. Must run before SQLite
// initializes itself (the first open); if something else already did, the call fails harmlessly.
void ConfigureSqliteOnce() {
  static std::once_flag once;
  std::call_once(once, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

}  // namespace

Query::Query(Query&& other) noexcept
    : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)), bind_error_(other.bind_error_) {}

Query::~Query() {
  if (stmt_ == nullptr) return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

void Query::Check(int rc) {
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
}

Query& Query::Bind(int index, int64_t value) {
  Check(sqlite3_bind_int64(stmt_, index, value));
  return *this;
}

Query& Query::Bind(int index, std::string_view text) {
  Check(sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8));
  return *this;
}

Query& Query::BindBlob(int index, const std::vector<uint8_t>& blob) {
  // A zero-length blob must still be a blob, not NULL: pass a non-null pointer.
  static constexpr uint8_t kEmpty = 0;
  Check(sqlite3_bind_blob64(stmt_, index, blob.empty() ? &kEmpty : blob.data(), blob.size(),
                            SQLITE_STATIC));
  return *this;
}

Query& Query::BindNull(int index) {
  Check(sqlite3_bind_null(stmt_, index));
  return *this;
}

Result<bool> Query::Step() {
  const char* sql = sqlite3_sql(stmt_);
  if (bind_error_ != SQLITE_OK) {
    return db_->Error(std::string("binding parameters of \"") + sql + "\"");
  }
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return db_->Error(std::string("running \"") + sql + "\"");
}

Status Query::Run() {
  Result<bool> r = Step();
  if (!r.ok()) return r.status();
  return Status::Ok();
}

int64_t Query::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string_view Query::Text(int column) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (p == nullptr) return {};
  return {p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

std::vector<uint8_t> Query::Blob(int column) const {
  const auto* p = static_cast<const uint8_t*>(sqlite3_column_blob(stmt_, column));
  const auto n = static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column));
  if (p == nullptr) return {};
  return {p, p + n};
}

bool Query::IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

Result<std::unique_ptr<SqliteDb>> SqliteDb::Open(const std::filesystem::path& file) {
  ConfigureSqliteOnce();
  sqlite3* handle = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(file.c_str(), &handle, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = handle ? sqlite3_errmsg(handle) : sqlite3_errstr(rc);
    sqlite3_close(handle);
    return Status::Io("store " + file.string() + ": cannot open: " + message);
  }
  sqlite3_extended_result_codes(handle, 1);
  return std::unique_ptr<SqliteDb>(new SqliteDb(handle, file));
}

SqliteDb::~SqliteDb() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close(handle_);
}

Status SqliteDb::Exec(std::string_view sql) {
  const std::string text(sql);
  char* message = nullptr;
  const int rc = sqlite3_exec(handle_, text.c_str(), nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return Status::Ok();
  std::string detail = message ? message : sqlite3_errstr(rc);
  sqlite3_free(message);
  const ErrorCode code = (rc & 0xFF) == SQLITE_CORRUPT ? ErrorCode::kCorrupt : ErrorCode::kIo;
  return Status::Error(code,
                       "store " + file_.string() + ": \"" + text.substr(0, 60) + "\": " + detail);
}

Result<Query> SqliteDb::Prepare(const char* sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(handle_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return Error(std::string("preparing \"") + sql + "\"");
    it = statements_.emplace(sql, stmt).first;
  }
  return Query(this, it->second);
}

Result<int64_t> SqliteDb::QueryInt(const char* sql) {
  Result<Query> q = Prepare(sql);
  if (!q.ok()) return q.status();
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Error(std::string("no result from \"") + sql + "\"");
  return q->Int(0);
}

Result<SqliteDb::Checkpointed> SqliteDb::CheckpointPassive() {
  int wal = 0;
  int copied = 0;
  const int rc =
      sqlite3_wal_checkpoint_v2(handle_, nullptr, SQLITE_CHECKPOINT_PASSIVE, &wal, &copied);
  if (rc == SQLITE_BUSY) return Checkpointed{};
  if (rc != SQLITE_OK) return Error("checkpointing the WAL");
  return Checkpointed{wal, copied};
}

int64_t SqliteDb::LastInsertRowId() const { return sqlite3_last_insert_rowid(handle_); }

int64_t SqliteDb::Changes() const { return sqlite3_changes64(handle_); }

bool SqliteDb::InTransaction() const { return sqlite3_get_autocommit(handle_) == 0; }

Status SqliteDb::Error(std::string_view what) const {
  const int rc = sqlite3_extended_errcode(handle_);
  const ErrorCode code = (rc & 0xFF) == SQLITE_CORRUPT || (rc & 0xFF) == SQLITE_NOTADB
                             ? ErrorCode::kCorrupt
                         : (rc & 0xFF) == SQLITE_CONSTRAINT ? ErrorCode::kInternal
                                                            : ErrorCode::kIo;
  return Status::Error(
      code, "store " + file_.string() + ": " + std::string(what) + ": " + sqlite3_errmsg(handle_));
}

}  // namespace synd

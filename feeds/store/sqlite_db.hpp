// SqliteDb: one SQLite connection with a cache of prepared statements, and Query, a statement in
// use. Store stage, SQLite backend only; knows nothing of stories. Not thread-safe.
// Errors become Status values naming the database file and what was being done.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "feeds/model/status.hpp"

namespace synd {

class SqliteDb;

// A cached prepared statement bound for one use; resets it and clears its bindings when it goes
// out of scope, so the cache can hand the statement out again. Binding errors are kept and
// reported by the next Step.
class Query {
 public:
  Query(SqliteDb* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Query(Query&& other) noexcept;
  Query& operator=(Query&&) = delete;
  ~Query();

  // Parameters are numbered from 1. Text and blobs are bound without a copy (the rows are
  // large): they must stay alive and unchanged until this Query is destroyed.
  Query& Bind(int index, int64_t value);
  Query& Bind(int index, std::string_view text);
  Query& BindBlob(int index, const std::vector<uint8_t>& blob);
  Query& BindNull(int index);

  // true: a row is available; false: done.
  Result<bool> Step();
  // Runs a statement that returns no rows.
  Status Run();

  // Columns are numbered from 0; valid until the next Step.
  int64_t Int(int column) const;
  std::string_view Text(int column) const;
  std::vector<uint8_t> Blob(int column) const;
  bool IsNull(int column) const;

 private:
  void Check(int rc);

  SqliteDb* db_;
  sqlite3_stmt* stmt_;
  int bind_error_ = SQLITE_OK;
};

class SqliteDb {
 public:
  // Opens or creates the database file (its folder must exist).
  static Result<std::unique_ptr<SqliteDb>> Open(const std::filesystem::path& file);
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  // Runs one or more statements that return no rows (pragmas, DDL, transaction control).
  Status Exec(std::string_view sql);
  // A cached statement for `sql`. REQUIRES: `sql` is a string literal (its address is the key).
  Result<Query> Prepare(const char* sql);
  // The value of a pragma that returns one integer (e.g. "PRAGMA user_version").
  Result<int64_t> QueryInt(const char* sql);

  // A PASSIVE checkpoint: copies committed WAL frames into the database file as far as readers
  // allow, without waiting for or blocking other connections' reads and writes. Returns the
  // frames the WAL holds and how many of them are now in the file; while another connection is
  // checkpointing it copies nothing and reports {0, 0}.
  struct Checkpointed {
    int wal_frames = 0;
    int copied_frames = 0;
  };
  Result<Checkpointed> CheckpointPassive();

  int64_t LastInsertRowId() const;
  // Rows the last INSERT, UPDATE or DELETE statement changed.
  int64_t Changes() const;
  bool InTransaction() const;
  // "store <file>: <what>: <SQLite's message>", with kIo for I/O, full disk and busy errors.
  Status Error(std::string_view what) const;
  const std::filesystem::path& file() const { return file_; }
  // The raw connection, for backend-specific extensions that keep their own statements (the
  // webhook delivery queue). Same thread rules as this object; do not close it.
  sqlite3* handle() const { return handle_; }

 private:
  SqliteDb(sqlite3* handle, std::filesystem::path file) : handle_(handle), file_(std::move(file)) {}

  sqlite3* handle_;
  std::filesystem::path file_;
  std::unordered_map<const char*, sqlite3_stmt*> statements_;
};

}  // namespace synd

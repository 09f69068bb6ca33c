// The SQLite schema as an ordered list of migrations, tracked by PRAGMA user_version. Store
// stage, SQLite backend only. To change the schema, append a migration; never edit a released one
// (a store file created by an older binary has run it already).
#pragma once

#include <span>

#include "feeds/model/status.hpp"
#include "feeds/store/sqlite_db.hpp"

namespace synd {

struct Migration {
  int version;      // user_version after it has run: 1, 2, 3, ... without gaps
  const char* sql;  // one or more statements
  // Runs with foreign key enforcement off (it cannot change inside a transaction), for a
  // migration that rebuilds a table other tables refer to; the references are checked with
  // PRAGMA foreign_key_check before the migration commits.
  bool rebuilds_table = false;
};

// The migrations of this binary, oldest first.
std::span<const Migration> SqliteMigrations();

// Brings the database from its user_version to the last migration's version, each migration in
// its own transaction (a failed one leaves the version where it was). Errors when the file's
// version is newer than the last migration: an older binary must not write a newer schema.
Status Migrate(SqliteDb& db, std::span<const Migration> migrations);

}  // namespace synd

// The SQLite schema as an ordered list of migrations, tracked by PRAGMA user_version. Store
// stage, SQLite backend only. To change the schema, append a migration; never edit a released one
// (a store file created by an older binary has run it already).
#pragma once

#include <span>

#include "feeds/model/status.hpp"
#include "feeds/store/sqlite_db.hpp"

namespace synd {

// Columns of an event `e` (in a query over `events e`) that give its stored body (schema v5):
// e.payload, e.article_at, then the article of the revision it reports when the payload is an
// envelope (article_at set), else NULL. StoredEventBody (feeds/webhook/event_body.hpp) takes
// the three.
inline constexpr const char* kEventBodyColumns =
    "e.payload, e.article_at, CASE WHEN e.article_at IS NULL THEN NULL ELSE"
    " (SELECT article FROM revisions WHERE story = e.story AND revision = e.revision) END";

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

#include "feeds/store/sqlite_schema.hpp"

#include <string>

namespace synd {
namespace {

// Version 1: ledger, stories, revisions, identity keys, feed ids, outbox.
// Times are Unix seconds (UTC). Blobs are little-endian uint32 arrays.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE files (
  content_hash   TEXT PRIMARY KEY,
  name           TEXT NOT NULL,
  reference_time INTEGER NOT NULL,
  outcome        TEXT NOT NULL CHECK (outcome IN ('done', 'failed')),
  reason         TEXT NOT NULL DEFAULT '',
  articles       INTEGER NOT NULL DEFAULT 0,
  created        INTEGER NOT NULL DEFAULT 0,
  revised        INTEGER NOT NULL DEFAULT 0,
  repeats        INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE stories (
  key        INTEGER PRIMARY KEY,
  id         TEXT NOT NULL UNIQUE,
  suffix           TEXT NOT NULL UNIQUE,
  first_seen       INTEGER NOT NULL,
  published        INTEGER NOT NULL,
  updated          INTEGER NOT NULL,
  revision         INTEGER NOT NULL
);
CREATE INDEX stories_newest_first ON stories (updated DESC, published DESC, id);

CREATE TABLE revisions (
  key         INTEGER PRIMARY KEY,
  story       INTEGER NOT NULL REFERENCES stories (key),
  revision    INTEGER NOT NULL,
  fingerprint TEXT NOT NULL,
  article     TEXT NOT NULL,
  signature   BLOB NOT NULL,
  shingles    BLOB NOT NULL,
  file_hash   TEXT NOT NULL,
  seen        INTEGER NOT NULL,
  UNIQUE (story, revision)
);
CREATE INDEX revisions_by_fingerprint ON revisions (fingerprint);

CREATE TABLE identity_keys (
  key   TEXT PRIMARY KEY,
  story INTEGER NOT NULL REFERENCES stories (key)
) WITHOUT ROWID;

CREATE TABLE feed_ids (
  name TEXT PRIMARY KEY,
  id   TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE events (
  seq      INTEGER PRIMARY KEY AUTOINCREMENT,
  id       TEXT NOT NULL UNIQUE,
  type     TEXT NOT NULL,
  story    INTEGER NOT NULL REFERENCES stories (key),
  revision INTEGER NOT NULL,
  time     INTEGER NOT NULL,
  payload  TEXT NOT NULL
);
CREATE INDEX events_by_time ON events (time);
)sql";

// Version 2: cheaper writes. The shingle set (2.4 KB a typical revision, a third of its row) is
// recomputed from the article when a near-duplicate candidate needs confirming, and a
// fingerprint is checked against the few stories the in-memory index names, so neither is
// stored or indexed: each index on a random key dirties pages all over it in every commit.
constexpr const char* kSchemaV2 = R"sql(
DROP INDEX revisions_by_fingerprint;
ALTER TABLE revisions DROP COLUMN shingles;
)sql";

// Version 3: the webhook delivery queue's tables, which binaries before it created outside the
// numbered migrations (hence IF NOT EXISTS: such a store has them already, rows and all).
// Delivery rows are created by Materialize from a per-webhook cursor over the event sequence, in
// one transaction with the cursor move, so a crash can neither lose nor double an event's rows.
// The partial indexes hold only the rows each query wants: deliveries_due (pending) serves the
// unordered due query and NextDue, deliveries_order (pending) an ordered head, and
// deliveries_delivered (delivered) lets pruning visit only rows past retention.
constexpr const char* kSchemaV3 = R"sql(
CREATE TABLE IF NOT EXISTS webhook_cursors (
  webhook TEXT PRIMARY KEY,
  last_seq INTEGER NOT NULL,
  disabled_reason TEXT,
  disabled_at_ms INTEGER
);
CREATE TABLE IF NOT EXISTS deliveries (
  id INTEGER PRIMARY KEY,
  webhook TEXT NOT NULL,
  event_seq INTEGER NOT NULL,
  state INTEGER NOT NULL,
  attempts INTEGER NOT NULL,
  next_attempt_ms INTEGER NOT NULL,
  last_attempt_ms INTEGER,
  last_status INTEGER,
  last_error TEXT
);
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (webhook, next_attempt_ms, event_seq)
  WHERE state = 0;
CREATE INDEX IF NOT EXISTS deliveries_order ON deliveries (webhook, event_seq) WHERE state = 0;
CREATE INDEX IF NOT EXISTS deliveries_delivered ON deliveries (last_attempt_ms) WHERE state = 1;
)sql";

// Version 4: stories.id is no longer UNIQUE. The id embeds the suffix, which stays UNIQUE, so
// ids stay unique; nothing looks a story up by id; and the id index took a random page write per
// new story in every commit (at 100,000 stories, 284 of the 16 KiB pages each commit rewrote).
// SQLite cannot drop a column's UNIQUE constraint, so the table is rebuilt with the same keys.
constexpr const char* kSchemaV4 = R"sql(
CREATE TABLE stories_v4 (
  key        INTEGER PRIMARY KEY,
  id         TEXT NOT NULL,
  suffix     TEXT NOT NULL UNIQUE,
  first_seen INTEGER NOT NULL,
  published  INTEGER NOT NULL,
  updated    INTEGER NOT NULL,
  revision   INTEGER NOT NULL
);
INSERT INTO stories_v4 (key, id, suffix, first_seen, published, updated, revision)
  SELECT key, id, suffix, first_seen, published, updated, revision FROM stories;
DROP TABLE stories;
ALTER TABLE stories_v4 RENAME TO stories;
CREATE INDEX stories_newest_first ON stories (updated DESC, published DESC, id);
)sql";

// Version 5: an event no longer stores a second copy of its article. `payload` holds the body's
// envelope (the body without the article's fields, which is valid JSON and carries data.feeds)
// and `article_at` the byte where the fields of the revision (story, revision) go when the body
// is read (feeds/webhook/event_body.hpp); rows from before keep their whole body and a NULL
// `article_at`. The copy was 4.6 KB of an article's 11 KB in the database, written twice (WAL,
// then file). Revisions are never deleted, so every event stays renderable, byte for byte.
constexpr const char* kSchemaV5 = R"sql(
ALTER TABLE events ADD COLUMN article_at INTEGER;
)sql";

constexpr Migration kMigrations[] = {
    {1, kSchemaV1}, {2, kSchemaV2}, {3, kSchemaV3}, {4, kSchemaV4, /*rebuilds_table=*/true},
    {5, kSchemaV5},
};

// The rows foreign_key_check reports (none when every reference resolves).
Result<int64_t> ForeignKeyViolations(SqliteDb& db) {
  return db.QueryInt("SELECT count(*) FROM pragma_foreign_key_check");
}

Status RunInTransaction(SqliteDb& db, const Migration& m) {
  if (Status s = db.Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
  // Re-read under the write lock: another process may have migrated while this one waited.
  Result<int64_t> now = db.QueryInt("PRAGMA user_version");
  if (now.ok() && *now >= m.version) return db.Exec("COMMIT");
  Status s = now.ok() ? db.Exec(m.sql) : now.status();
  if (s.ok() && m.rebuilds_table) {
    Result<int64_t> violations = ForeignKeyViolations(db);
    if (!violations.ok()) {
      s = violations.status();
    } else if (*violations > 0) {
      s = Status::Error(ErrorCode::kCorrupt,
                        std::to_string(*violations) + " rows refer to rows that do not exist");
    }
  }
  if (s.ok()) s = db.Exec("PRAGMA user_version = " + std::to_string(m.version));
  if (s.ok()) s = db.Exec("COMMIT");
  if (!s.ok()) {
    (void)db.Exec("ROLLBACK");
    return s.WithPrefix("migration to schema version " + std::to_string(m.version));
  }
  return Status::Ok();
}

Status RunOne(SqliteDb& db, const Migration& m) {
  if (!m.rebuilds_table) return RunInTransaction(db, m);
  Result<int64_t> enforced = db.QueryInt("PRAGMA foreign_keys");
  if (!enforced.ok()) return enforced.status();
  if (Status s = db.Exec("PRAGMA foreign_keys = OFF"); !s.ok()) return s;
  Status s = RunInTransaction(db, m);
  if (*enforced != 0) {
    Status on = db.Exec("PRAGMA foreign_keys = ON");
    if (s.ok()) s = on;
  }
  return s;
}

}  // namespace

std::span<const Migration> SqliteMigrations() { return kMigrations; }

Status Migrate(SqliteDb& db, std::span<const Migration> migrations) {
  Result<int64_t> version = db.QueryInt("PRAGMA user_version");
  if (!version.ok()) return version.status();
  const int64_t latest = migrations.empty() ? 0 : migrations.back().version;
  if (*version > latest) {
    return Status::Error(ErrorCode::kCorrupt,
                         "store " + db.file().string() + ": schema version " +
                             std::to_string(*version) + " is newer than this binary's (" +
                             std::to_string(latest) + "); run a newer syndicated");
  }
  for (const Migration& m : migrations) {
    if (m.version <= *version) continue;
    if (Status s = RunOne(db, m); !s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace synd

// SqliteStore: opening, transactions, the file ledger, stories, revisions and identity keys.
// The renderer's reads, feed ids and the outbox are in sqlite_store_reads.cpp.
#include "feeds/store/sqlite_store.hpp"

#include "feeds/store/sqlite_schema.hpp"
#include "feeds/store/sqlite_time.hpp"

namespace synd {
namespace {

bool ValidSavepointName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

// journal_mode=WAL silently stays on the old mode where WAL cannot work (e.g. some network file
// systems); the store's durability argument needs WAL, so refuse to run without it.
Status CheckWal(SqliteDb& db) {
  Result<Query> q = db.Prepare("PRAGMA journal_mode");
  if (!q.ok()) return q.status();
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  if (*row && q->Text(0) == "wal") return Status::Ok();
  return Status::Io("store " + db.file().string() + ": cannot use WAL journal mode here");
}

}  // namespace

const char* FileOutcomeName(FileOutcome outcome) {
  return outcome == FileOutcome::kDone ? "done" : "failed";
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::filesystem::path& file,
                                                       SqliteStoreOptions options) {
  Result<std::unique_ptr<SqliteDb>> db = SqliteDb::Open(file);
  if (!db.ok()) return db.status();
  // - busy_timeout first: setting WAL mode itself may wait for another process's lock.
  // - page_size only takes effect on a new file: 16 KiB pages hold a typical article row
  //   without overflow pages, which cuts the CPU per stored article by 27-40 % against 4 KiB,
  //   while a one-file commit still writes only a few hundred KiB of WAL.
  // - synchronous=FULL: with NORMAL a commit can vanish on power loss after its file was moved.
  // - cache_size (64 MiB) holds a whole group commit, so SQLite does not spill it mid-way.
  const std::string pragmas =
      "PRAGMA busy_timeout = " + std::to_string(options.busy_timeout.count()) +
      "; PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
      " PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;"
      " PRAGMA wal_autocheckpoint = " +
      std::to_string(options.wal_autocheckpoint_pages) + ";";
  if (Status s = (*db)->Exec(pragmas); !s.ok()) return s;
  if (Status s = CheckWal(**db); !s.ok()) return s;
  if (Status s = Migrate(**db, SqliteMigrations()); !s.ok()) return s;
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(*db)));
}

Status SqliteStore::Begin() { return db_->Exec("BEGIN IMMEDIATE"); }

Status SqliteStore::Commit() { return db_->Exec("COMMIT"); }

Status SqliteStore::Rollback() {
  // SQLite may already have rolled back by itself after an I/O or full-disk error.
  if (!db_->InTransaction()) return Status::Ok();
  return db_->Exec("ROLLBACK");
}

Status SqliteStore::Savepoint(std::string_view name) {
  if (!ValidSavepointName(name)) return Status::Invalid("bad savepoint name");
  return db_->Exec("SAVEPOINT " + std::string(name));
}

Status SqliteStore::ReleaseSavepoint(std::string_view name) {
  if (!ValidSavepointName(name)) return Status::Invalid("bad savepoint name");
  return db_->Exec("RELEASE " + std::string(name));
}

Status SqliteStore::RollbackToSavepoint(std::string_view name) {
  if (!ValidSavepointName(name)) return Status::Invalid("bad savepoint name");
  const std::string n(name);
  return db_->Exec("ROLLBACK TO " + n + "; RELEASE " + n);
}

bool SqliteStore::InTransaction() const { return db_->InTransaction(); }

Result<std::optional<FileRecord>> SqliteStore::FindFile(std::string_view content_hash) {
  Result<Query> q = db_->Prepare(
      "SELECT name, reference_time, outcome, reason, articles, created, revised, repeats"
      " FROM files WHERE content_hash = ?1");
  if (!q.ok()) return q.status();
  q->Bind(1, content_hash);
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<FileRecord>();
  FileRecord f;
  f.content_hash = std::string(content_hash);
  f.name = std::string(q->Text(0));
  f.reference_time = FromUnixSeconds(q->Int(1));
  f.outcome = q->Text(2) == "done" ? FileOutcome::kDone : FileOutcome::kFailed;
  f.reason = std::string(q->Text(3));
  f.counts = FileCounts{static_cast<int>(q->Int(4)), static_cast<int>(q->Int(5)),
                        static_cast<int>(q->Int(6)), static_cast<int>(q->Int(7))};
  return std::optional<FileRecord>(std::move(f));
}

Status SqliteStore::PutFile(const FileRecord& f) {
  Result<Query> q = db_->Prepare(
      "INSERT OR REPLACE INTO files (content_hash, name, reference_time, outcome, reason,"
      " articles, created, revised, repeats) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  if (!q.ok()) return q.status();
  q->Bind(1, f.content_hash).Bind(2, f.name).Bind(3, UnixSeconds(f.reference_time));
  q->Bind(4, std::string_view(FileOutcomeName(f.outcome))).Bind(5, f.reason);
  q->Bind(6, f.counts.articles).Bind(7, f.counts.created).Bind(8, f.counts.revised);
  q->Bind(9, f.counts.repeats);
  return q->Run();
}

Result<int64_t> SqliteStore::InsertStory(const StoryHead& h) {
  Result<Query> q = db_->Prepare(
      "INSERT INTO stories (id, suffix, first_seen, published, updated, revision)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!q.ok()) return q.status();
  q->Bind(1, h.id).Bind(2, h.suffix).Bind(3, UnixSeconds(h.first_seen));
  q->Bind(4, UnixSeconds(h.published)).Bind(5, UnixSeconds(h.updated)).Bind(6, h.revision);
  if (Status s = q->Run(); !s.ok()) return s;
  return db_->LastInsertRowId();
}

Status SqliteStore::UpdateStoryHead(const StoryHead& h) {
  Result<Query> q = db_->Prepare("UPDATE stories SET updated = ?2, revision = ?3 WHERE key = ?1");
  if (!q.ok()) return q.status();
  q->Bind(1, h.key).Bind(2, UnixSeconds(h.updated)).Bind(3, h.revision);
  return q->Run();
}

Result<std::optional<StoryHead>> SqliteStore::FindStoryHead(int64_t story_key) {
  Result<Query> q = db_->Prepare(
      "SELECT id, suffix, first_seen, published, updated, revision FROM stories WHERE key = ?1");
  if (!q.ok()) return q.status();
  q->Bind(1, story_key);
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<StoryHead>();
  StoryHead h;
  h.key = story_key;
  h.id = std::string(q->Text(0));
  h.suffix = std::string(q->Text(1));
  h.first_seen = FromUnixSeconds(q->Int(2));
  h.published = FromUnixSeconds(q->Int(3));
  h.updated = FromUnixSeconds(q->Int(4));
  h.revision = static_cast<int>(q->Int(5));
  return std::optional<StoryHead>(std::move(h));
}

Result<std::optional<int64_t>> SqliteStore::InsertStoryUnlessSuffixTaken(const StoryHead& h) {
  // DO NOTHING covers the suffix's UNIQUE constraint only: any other failure is still an error.
  Result<Query> q = db_->Prepare(
      "INSERT INTO stories (id, suffix, first_seen, published, updated, revision)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (suffix) DO NOTHING");
  if (!q.ok()) return q.status();
  q->Bind(1, h.id).Bind(2, h.suffix).Bind(3, UnixSeconds(h.first_seen));
  q->Bind(4, UnixSeconds(h.published)).Bind(5, UnixSeconds(h.updated)).Bind(6, h.revision);
  if (Status s = q->Run(); !s.ok()) return s;
  if (db_->Changes() == 0) return std::optional<int64_t>();
  return std::optional<int64_t>(db_->LastInsertRowId());
}

Result<int64_t> SqliteStore::InsertRevision(const RevisionRecord& r) {
  Result<Query> q = db_->Prepare(
      "INSERT INTO revisions (story, revision, fingerprint, article, signature, file_hash, seen)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!q.ok()) return q.status();
  q->Bind(1, r.story_key).Bind(2, r.revision).Bind(3, r.fingerprint).Bind(4, r.article_json);
  q->BindBlob(5, r.signature).Bind(6, r.file_hash).Bind(7, UnixSeconds(r.seen));
  if (Status s = q->Run(); !s.ok()) return s;
  return db_->LastInsertRowId();
}

Result<bool> SqliteStore::StoryHasFingerprint(int64_t story_key, std::string_view fingerprint) {
  Result<Query> q =
      db_->Prepare("SELECT 1 FROM revisions WHERE story = ?1 AND fingerprint = ?2 LIMIT 1");
  if (!q.ok()) return q.status();
  q->Bind(1, story_key).Bind(2, fingerprint);
  return q->Step();
}

Result<std::vector<uint8_t>> SqliteStore::LoadSignature(int64_t story_key) {
  Result<Query> q = db_->Prepare(
      "SELECT r.signature FROM stories s"
      " JOIN revisions r ON r.story = s.key AND r.revision = s.revision WHERE s.key = ?1");
  if (!q.ok()) return q.status();
  q->Bind(1, story_key);
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) {
    return Status::Error(ErrorCode::kNotFound, "store " + db_->file().string() + ": no story " +
                                                   std::to_string(story_key));
  }
  return q->Blob(0);
}

Result<std::optional<int64_t>> SqliteStore::FindIdentity(std::string_view identity_key) {
  Result<Query> q = db_->Prepare("SELECT story FROM identity_keys WHERE key = ?1");
  if (!q.ok()) return q.status();
  q->Bind(1, identity_key);
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<int64_t>();
  return std::optional<int64_t>(q->Int(0));
}

Status SqliteStore::PutIdentity(std::string_view identity_key, int64_t story_key) {
  Result<Query> q =
      db_->Prepare("INSERT OR IGNORE INTO identity_keys (key, story) VALUES (?1, ?2)");
  if (!q.ok()) return q.status();
  q->Bind(1, identity_key).Bind(2, story_key);
  return q->Run();
}

}  // namespace synd

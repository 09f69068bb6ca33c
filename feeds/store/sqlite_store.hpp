// SqliteStore: the embedded Store (DESIGN.md §8) on one SQLite file in WAL mode with
// synchronous=FULL, so a commit that returned survives power loss. Store stage. Not thread-safe;
// other processes (the CLI's `deliveries` commands) may open the same file at the same time:
// writers wait up to the busy timeout, readers never block. Keep write transactions short.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>

#include "feeds/store/sqlite_db.hpp"
#include "feeds/store/store.hpp"

namespace synd {

struct SqliteStoreOptions {
  // How long a writer waits for another process's write transaction before failing.
  std::chrono::milliseconds busy_timeout{10000};
  // A commit that leaves at least this many pages in the WAL copies them into the database file
  // before it returns (SQLite's automatic checkpoint). A writer whose WAL another connection
  // checkpoints (WalCheckpointer) sets it high: it is then only the bound on the WAL's size.
  int wal_autocheckpoint_pages = 1000;
};

class SqliteStore final : public Store {
 public:
  // The store's file name inside the configured state folder.
  static constexpr const char* kFileName = "syndicated.db";

  // Opens or creates `file` (its folder must exist), sets the pragmas and runs the migrations.
  // Errors name the file; a schema newer than this binary's is kCorrupt.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::filesystem::path& file,
                                                   SqliteStoreOptions options = {});

  Status Begin() override;
  Status Commit() override;
  Status Rollback() override;
  Status Savepoint(std::string_view name) override;
  Status ReleaseSavepoint(std::string_view name) override;
  Status RollbackToSavepoint(std::string_view name) override;
  bool InTransaction() const override;

  Result<std::optional<FileRecord>> FindFile(std::string_view content_hash) override;
  Status PutFile(const FileRecord& file) override;

  Result<int64_t> InsertStory(const StoryHead& head) override;
  Status UpdateStoryHead(const StoryHead& head) override;
  Result<std::optional<StoryHead>> FindStoryHead(int64_t story_key) override;
  Result<std::optional<int64_t>> InsertStoryUnlessSuffixTaken(const StoryHead& head) override;
  Result<int64_t> InsertRevision(const RevisionRecord& revision) override;
  Result<bool> StoryHasFingerprint(int64_t story_key, std::string_view fingerprint) override;
  Result<std::vector<uint8_t>> LoadSignature(int64_t story_key) override;

  Result<std::optional<int64_t>> FindIdentity(std::string_view identity_key) override;
  Status PutIdentity(std::string_view identity_key, int64_t story_key) override;

  Result<std::optional<Story>> LoadStory(int64_t story_key) override;
  Result<std::optional<Story>> LoadStoryBySuffix(std::string_view suffix) override;
  Status ForEachStoryNewestFirst(const std::function<bool(const Story&)>& visit) override;
  Status VisitStoriesNewestFirst(const std::function<bool(const Story&)>& wants_article,
                                 const std::function<bool(const Story&)>& visit) override;
  Result<int64_t> CountStories() override;
  Status ScanIndex(const IndexScanVisitor& visitor) override;

  Result<std::optional<std::string>> GetFeedId(std::string_view feed_name) override;
  Status SetFeedId(std::string_view feed_name, std::string_view feed_id) override;

  Result<int64_t> AppendEvent(const Event& event) override;
  Result<std::vector<Event>> EventsAfter(int64_t after_seq, std::size_t limit) override;
  Result<std::vector<Event>> EventsSince(TimePoint since, std::size_t limit) override;
  Result<std::optional<Event>> FindEvent(std::string_view event_id) override;

  // The connection, for backend-specific extensions (e.g. the webhook delivery tables) that
  // live next to this class. Same thread rules as the store.
  SqliteDb& db() { return *db_; }

 private:
  explicit SqliteStore(std::unique_ptr<SqliteDb> db) : db_(std::move(db)) {}
  Result<std::optional<Story>> LoadOneStory(Query& query);
  Result<std::vector<Event>> ReadEvents(Query& query);

  std::unique_ptr<SqliteDb> db_;
};

}  // namespace synd

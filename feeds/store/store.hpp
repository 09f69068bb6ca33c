// Store: everything syndicated remembers — the file ledger, stories and their revisions, identity
// keys, feed ids and the event outbox (DESIGN.md §1, §8). This is the interface; SqliteStore is
// the embedded implementation, and a PostgreSQL backend is meant to be another one. It holds no
// dedupe logic: the merger decides, the store keeps. Not thread-safe: one Store object per thread;
// several processes may open the same store (writers wait for each other, readers never block).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/model/status.hpp"
#include "feeds/model/story.hpp"
#include "feeds/model/time.hpp"

namespace synd {

enum class FileOutcome { kDone, kFailed };
const char* FileOutcomeName(FileOutcome outcome);  // "done", "failed"

struct FileCounts {
  int articles = 0;
  int created = 0;
  int revised = 0;
  int repeats = 0;
  bool operator==(const FileCounts&) const = default;
};

// One ingested input file, keyed by the hash of its bytes (exactly-once ingest, DESIGN.md §1).
struct FileRecord {
  std::string content_hash;
  std::string name;  // the name it had in the inbox
  TimePoint reference_time{};
  FileOutcome outcome = FileOutcome::kDone;
  std::string reason;  // why it failed; empty when done
  FileCounts counts;
  bool operator==(const FileRecord&) const = default;
};

// A story without its article: what the merger reads and writes on each decision.
struct StoryHead {
  int64_t key = 0;  // assigned by InsertStory
  std::string id;
  std::string suffix;
  TimePoint first_seen{};
  TimePoint published{};
  TimePoint updated{};
  int revision = 1;  // the current revision's number, from 1
  bool operator==(const StoryHead&) const = default;
};

// One accepted version of a story. The signature is a little-endian uint32 array (the MinHash
// signature); the store does not interpret it. The shingle set is not stored: it is recomputed
// from the article when a near-duplicate candidate needs confirming (few articles do).
struct RevisionRecord {
  int64_t key = 0;  // assigned by InsertRevision
  int64_t story_key = 0;
  int revision = 1;
  std::string fingerprint;   // hex, DESIGN.md §7
  std::string article_json;  // SerializeArticle of the normalized article
  std::vector<uint8_t> signature;
  std::string file_hash;  // the ledger entry of the file it came from
  TimePoint seen{};       // that file's reference time
};

// What the in-memory dedupe index is rebuilt from at start-up.
struct IndexScanVisitor {
  std::function<void(int64_t story_key, const std::vector<uint8_t>& signature)> current_signature;
  std::function<void(int64_t story_key, std::string_view fingerprint)> fingerprint;
  std::function<void(int64_t story_key, std::string_view identity_key)> identity;
};

class Store {
 public:
  virtual ~Store() = default;

  // --- Transactions. Every write below REQUIRES an open transaction; reads see its writes.
  // Begin takes the write lock (waiting up to the busy timeout for another writer). Savepoints
  // nest inside it, so one file can be undone without losing the others of a group commit.
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;  // durable when it returns ok
  virtual Status Rollback() = 0;
  virtual Status Savepoint(std::string_view name) = 0;
  virtual Status ReleaseSavepoint(std::string_view name) = 0;
  virtual Status RollbackToSavepoint(std::string_view name) = 0;  // and releases it
  virtual bool InTransaction() const = 0;

  // --- File ledger.
  virtual Result<std::optional<FileRecord>> FindFile(std::string_view content_hash) = 0;
  // Records a file; a second record for the same hash replaces the first.
  virtual Status PutFile(const FileRecord& file) = 0;

  // --- Stories and revisions.
  // Inserts the story row and returns its key (`head.key` is ignored). The story's current
  // version is its revision row number `head.revision`: insert that revision next.
  virtual Result<int64_t> InsertStory(const StoryHead& head) = 0;
  // Writes `updated` and `revision` of the story `head.key`.
  virtual Status UpdateStoryHead(const StoryHead& head) = 0;
  virtual Result<std::optional<StoryHead>> FindStoryHead(int64_t story_key) = 0;
  // Inserts the story row unless another story already has `head.suffix`, in one statement (no
  // look-up first, and no window between the look-up and the insert for another writer): its
  // key, or nullopt when the suffix is taken and nothing was written.
  virtual Result<std::optional<int64_t>> InsertStoryUnlessSuffixTaken(const StoryHead& head) = 0;
  // Returns the revision row's key. A story has at most one row per revision number. Revision
  // rows are never changed or deleted: outbox events take their article from them when read.
  virtual Result<int64_t> InsertRevision(const RevisionRecord& revision) = 0;
  // Whether one of the story's revisions has this fingerprint. The merger's in-memory index
  // names the few stories to ask, so the store needs no index of fingerprints.
  virtual Result<bool> StoryHasFingerprint(int64_t story_key, std::string_view fingerprint) = 0;
  // The signature of a story's current revision; kNotFound when there is no such story.
  virtual Result<std::vector<uint8_t>> LoadSignature(int64_t story_key) = 0;

  // --- Identity keys (canonical URL, external id) naming a story.
  virtual Result<std::optional<int64_t>> FindIdentity(std::string_view identity_key) = 0;
  // Adds the key; a key already present keeps naming its first story.
  virtual Status PutIdentity(std::string_view identity_key, int64_t story_key) = 0;

  // --- Reads for the renderer and the HTTP server. Stories come with their current article.
  virtual Result<std::optional<Story>> LoadStory(int64_t story_key) = 0;
  virtual Result<std::optional<Story>> LoadStoryBySuffix(std::string_view suffix) = 0;
  // Visits stories newest first (updated desc, then published desc, then id) until `visit`
  // returns false. `visit` must not call ForEachStoryNewestFirst itself.
  virtual Status ForEachStoryNewestFirst(const std::function<bool(const Story&)>& visit) = 0;
  // The same, but each story is first shown to `wants_article` with its article left empty, and
  // the article is read only when that returns true (a renderer already holding a story's
  // rendered form skips reading it); otherwise `visit` gets the story without it.
  virtual Status VisitStoriesNewestFirst(const std::function<bool(const Story&)>& wants_article,
                                         const std::function<bool(const Story&)>& visit) = 0;
  virtual Result<int64_t> CountStories() = 0;
  // Everything the dedupe index holds: each story's current signature, every revision's
  // fingerprint, every identity key.
  virtual Status ScanIndex(const IndexScanVisitor& visitor) = 0;

  // --- Feed ids (DESIGN.md §6): minted at a feed's first render and kept.
  virtual Result<std::optional<std::string>> GetFeedId(std::string_view feed_name) = 0;
  virtual Status SetFeedId(std::string_view feed_name, std::string_view feed_id) = 0;

  // --- Outbox: one row per event, written in the transaction of the stories it reports.
  // Assigns and returns `seq` (increasing in commit order, never reused); `event.seq` is ignored.
  virtual Result<int64_t> AppendEvent(const Event& event) = 0;
  // Events with seq > after_seq, in seq order, at most `limit`.
  virtual Result<std::vector<Event>> EventsAfter(int64_t after_seq, std::size_t limit) = 0;
  // Events committed at or after `since`, in seq order, at most `limit`.
  virtual Result<std::vector<Event>> EventsSince(TimePoint since, std::size_t limit) = 0;
  virtual Result<std::optional<Event>> FindEvent(std::string_view event_id) = 0;
};

}  // namespace synd

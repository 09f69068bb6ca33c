// Merger: applies one parsed input file to the store — the exactly-once ledger check, the dedupe
// decision for each article (DESIGN.md §7), story identity and dates (§6), revisions and outbox
// events — inside the caller's write transaction. Dedupe stage; pure apart from the Store: no
// clock (time comes in as values), no logging, no file system. Owns the in-memory DedupeIndex
// and keeps it equal to what the store has committed. Single-threaded.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "feeds/dedupe/dedupe_index.hpp"
#include "feeds/dedupe/shingle_cache.hpp"
#include "feeds/dedupe/sketch.hpp"
#include "feeds/model/site.hpp"
#include "feeds/store/store.hpp"

namespace synd {

struct MergeOptions {
  double jaccard = 0.8;      // revision when the shingle Jaccard similarity is at least this...
  double containment = 0.9;  // ...or the shorter text's containment in the longer is
  SiteDef site;              // id_authority for new ids; base_url for links in events
  // Names of the feeds an article belongs to (data.feeds of events); empty function: none.
  std::function<std::vector<std::string>(const Article&)> feeds_of;
};

// One input file, parsed and prepared.
struct PreparedFile {
  std::string content_hash;  // hash of the file's bytes: its ledger key
  std::string name;
  TimePoint reference_time{};  // the file's modification time
  std::vector<PreparedArticle> articles;
};

enum class Decision { kCreated, kRevised, kRepeat };
const char* DecisionName(Decision decision);  // "created", "revised", "repeat"

struct ArticleDecision {
  Decision decision = Decision::kCreated;
  int64_t story_key = 0;
  std::string story_id;
};

struct FileResult {
  // True when the ledger already held this content: nothing was written, `record` is the
  // earlier entry (move the file to done/ or failed/ by its outcome).
  bool already_ingested = false;
  FileRecord record;
  std::vector<ArticleDecision> decisions;  // one per article, in file order (empty if known)
};

class Merger {
 public:
  // Builds the index from the store. The store must outlive the merger.
  static Result<std::unique_ptr<Merger>> Open(Store& store, MergeOptions options);

  // Takes effect for the next file (a config reload). Existing ids never change.
  void SetOptions(MergeOptions options) { options_ = std::move(options); }

  // The write transaction; several files may share one (group commit). Rollback also undoes
  // the index changes made since Begin. After a failed Commit, call Rollback.
  Status Begin();
  Status Commit();
  Status Rollback();
  bool InTransaction() const { return store_.InTransaction(); }

  // REQUIRES: InTransaction(), and `file` stays alive and unchanged until the transaction ends
  // (Commit or Rollback): a failure in a later file redoes this one. Applies one file, all or
  // nothing: the ledger check (a hash ingested before writes nothing; one that failed before is
  // ingested now), one decision per article in order
  // (a revision of a story created earlier in the same file or transaction works), story and
  // revision rows, identity keys, one event per creation or revision (timestamp `now`), and the
  // ledger entry with its counts. On error nothing of this file remains in the store or the
  // index; if InTransaction() is then false the whole transaction was lost (SQLite aborted it, or
  // redoing the earlier files failed) and the index was rolled back with it.
  Result<FileResult> ApplyFile(const PreparedFile& file, TimePoint now);

  // REQUIRES: InTransaction(). Records a file that could not be parsed (outcome failed), unless
  // its content was ingested already (then already_ingested and the earlier record). Content
  // that failed before is recorded again with this reason.
  Result<FileResult> RecordFailure(const std::string& content_hash, const std::string& name,
                                   TimePoint reference_time, const std::string& reason);

  // The in-memory index size, for the ≤ 512 bytes per story budget.
  std::size_t IndexBytes() const { return index_.MemoryBytes(); }
  // Rebuilds the index from the store (start-up; or to resynchronize after an error).
  Status Rebuild();

 private:
  Merger(Store& store, MergeOptions options) : store_(store), options_(std::move(options)) {}
  Result<FileResult> ApplyArticles(const PreparedFile& file, TimePoint now);
  Result<ArticleDecision> ApplyOne(const PreparedFile& file, const PreparedArticle& article,
                                   TimePoint now);
  Result<std::optional<int64_t>> FindRepeat(const PreparedArticle& article);
  Result<std::optional<int64_t>> FindByIdentity(const PreparedArticle& article);
  Result<std::optional<int64_t>> FindNearDuplicate(const PreparedArticle& article);
  // The shingle set of the story's current version: from the cache, else recomputed from the
  // stored article into `loaded` (and then pointing there).
  Result<const std::vector<uint32_t>*> CandidateShingles(int64_t story_key,
                                                         std::vector<uint32_t>& loaded);
  Result<ArticleDecision> CreateStory(const PreparedFile& file, const PreparedArticle& article,
                                      TimePoint now);
  Result<ArticleDecision> ReviseStory(int64_t story_key, const PreparedFile& file,
                                      const PreparedArticle& article, TimePoint now);
  // Undoes the whole transaction and applies this transaction's files again: how one file's
  // failure is undone (a savepoint per file would make SQLite copy aside every page it touches).
  Status RedoTransaction();
  Status WriteRevision(const StoryHead& head, const PreparedFile& file,
                       const PreparedArticle& article);
  Status RecordIdentities(const PreparedArticle& article, int64_t story_key);
  Status AppendEvent(EventType type, const StoryHead& head, const PreparedArticle& article,
                     TimePoint now);

  // What this transaction applied, in order, for RedoTransaction: a file merged (`file` set) or
  // a failure recorded (`failure` set).
  struct Applied {
    const PreparedFile* file = nullptr;
    TimePoint now{};
    std::optional<FileRecord> failure;
  };

  Store& store_;
  MergeOptions options_;
  std::vector<Applied> applied_;
  DedupeIndex index_;
  // Revisions mostly follow their story closely (news is revised within hours), so the sets of
  // the last 4,096 stories written (about 2.4 KB each, ~10 MB) answer most confirmations.
  ShingleCache shingles_{4096};
};

}  // namespace synd

// Ingest of many inbox files in order, with group commit (DESIGN.md §1): files are prepared on
// worker threads, merged on the calling thread, committed in batches, and only then moved to
// done/ or failed/ and the folders synced. Exactly once: a crash before a commit leaves the
// batch in the inbox to be ingested again; after it, the ledger knows the files and a later run
// only moves them. Daemon shell; the caller reports (prints or logs).
#pragma once

#include <chrono>
#include <functional>
#include <vector>

#include "daemon/ingest_file.hpp"

namespace synd {

struct IngestOptions {
  unsigned threads = 2;                      // workers that read, parse and sketch
  std::size_t window = 64;                   // files prepared ahead of the merge at most
  std::size_t batch_files = 256;             // a commit at least every this many files...
  std::size_t batch_articles = 4096;         // ...or articles...
  std::chrono::milliseconds batch_age{250};  // ...or this long after the batch began
  std::function<TimePoint()> now;  // the event timestamp source (the wall clock in production)
  FeedNamesOf feeds_of;            // feed names of each article, computed by the workers
};

struct IngestReport {
  IngestOutcome outcome;
  std::string moved_to;  // the file's name in done/ or failed/; empty when the move failed
  Status move_status;    // why the move failed (the file stays in the inbox; ledger has it)
  // The name holds another version than the one ingested (UnchangedSinceRead): not moved, so
  // that the new bytes are read and ingested too (move_status says so).
  bool changed = false;
};

// Commits the merger's transaction holding `batch`, then moves each file to done/ or failed/ and
// makes the moves durable; a file changed since it was read stays in the inbox (`changed`).
// REQUIRES: merger.InTransaction(). On a failed commit the transaction
// is rolled back and no file moves (they stay in the inbox to be ingested again). A move that
// fails is reported in its IngestReport (the ledger knows the file; a later run only moves it).
Result<std::vector<IngestReport>> CommitAndMove(Merger& merger, const PathsConfig& paths,
                                                std::vector<IngestOutcome>& batch);

// The second half of CommitAndMove, for a caller that acts between the commit and the moves (the
// daemon renders feeds first: the story is durable, and feed latency does not wait for the
// moves). REQUIRES: the batch is committed.
Result<std::vector<IngestReport>> MoveCommitted(const PathsConfig& paths,
                                                std::vector<IngestOutcome>& batch);

// Ingests `entries` (from ListInbox, in that order). `report` is called once per file, in order,
// after its batch is committed, moved and synced. Returns an error when the store fails; the
// files of the uncommitted batch and all later ones are then left in the inbox untouched.
Status IngestInbox(Merger& merger, const PathsConfig& paths, std::vector<InboxEntry> entries,
                   const IngestOptions& options,
                   const std::function<void(const IngestReport&)>& report);

}  // namespace synd

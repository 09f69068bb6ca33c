#include "daemon/ingest_batch.hpp"

#include <deque>

#include "daemon/prepare_pool.hpp"

namespace synd {

Result<std::vector<IngestReport>> MoveCommitted(const PathsConfig& paths,
                                                std::vector<IngestOutcome>& batch) {
  std::vector<IngestReport> reports;
  reports.reserve(batch.size());
  bool any_failed = false;
  for (IngestOutcome& outcome : batch) {
    IngestReport r;
    r.move_status = UnchangedSinceRead(paths.inbox, outcome);
    r.changed = !r.move_status.ok();
    Result<std::string> moved =
        r.changed ? Result<std::string>(r.move_status) : FinishInboxFile(paths, outcome);
    if (moved.ok()) {
      r.moved_to = *moved;
      if (Status back = PutBackIfReplaced(paths, outcome, *moved); !back.ok()) {
        r.moved_to.clear();
        r.move_status = back;
        r.changed = true;
      }
    } else {
      r.move_status = moved.status();
    }
    any_failed = any_failed || outcome.outcome == FileOutcome::kFailed;
    r.outcome = std::move(outcome);
    reports.push_back(std::move(r));
  }
  Status synced = SyncDirectory(paths.done);
  if (synced.ok() && any_failed) synced = SyncDirectory(paths.failed);
  if (synced.ok()) synced = SyncDirectory(paths.inbox);
  if (!synced.ok()) return synced;
  return reports;
}

Result<std::vector<IngestReport>> CommitAndMove(Merger& merger, const PathsConfig& paths,
                                                std::vector<IngestOutcome>& batch) {
  if (Status s = merger.Commit(); !s.ok()) {
    (void)merger.Rollback();
    return s;
  }
  return MoveCommitted(paths, batch);
}

namespace {

Status FlushBatch(Merger& merger, const PathsConfig& paths, std::vector<IngestOutcome>& batch,
                  const std::function<void(const IngestReport&)>& report) {
  Result<std::vector<IngestReport>> reports = CommitAndMove(merger, paths, batch);
  batch.clear();
  if (!reports.ok()) return reports.status();
  for (const IngestReport& r : *reports) report(r);
  return Status::Ok();
}

}  // namespace

Status IngestInbox(Merger& merger, const PathsConfig& paths, std::vector<InboxEntry> entries,
                   const IngestOptions& options,
                   const std::function<void(const IngestReport&)>& report) {
  PreparePool pool(paths.inbox, std::move(entries), options.threads, options.window,
                   options.feeds_of);
  std::vector<IngestOutcome> batch;
  // The batch's inputs stay put until its commit: the merger redoes them if a later file of the
  // same transaction fails. Then they go back to the workers to be freed.
  std::deque<PreparedInput> held;  // a deque: the merger points into inputs already held
  auto flush = [&] {
    Status s = FlushBatch(merger, paths, batch, report);
    for (PreparedInput& input : held) pool.Dispose(std::move(input));
    held.clear();
    return s;
  };
  std::size_t batch_articles = 0;
  auto batch_start = std::chrono::steady_clock::now();
  while (std::optional<PreparedInput> next = pool.Next()) {
    if (!merger.InTransaction()) {
      if (Status s = merger.Begin(); !s.ok()) return s;
      batch_start = std::chrono::steady_clock::now();
    }
    held.push_back(std::move(*next));
    Result<IngestOutcome> outcome = ApplyPrepared(merger, held.back(), options.now());
    if (!outcome.ok()) {
      (void)merger.Rollback();
      return outcome.status();
    }
    batch_articles += static_cast<std::size_t>(outcome->counts.articles);
    batch.push_back(std::move(*outcome));
    const bool full = batch.size() >= options.batch_files ||
                      batch_articles >= options.batch_articles ||
                      std::chrono::steady_clock::now() - batch_start >= options.batch_age;
    if (full) {
      if (Status s = flush(); !s.ok()) return s;
      batch_articles = 0;
    }
  }
  if (merger.InTransaction()) return flush();
  return Status::Ok();
}

}  // namespace synd

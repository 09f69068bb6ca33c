// Pipeline: the flow of inbox files through the daemon (DESIGN.md §1), one step per line in
// Pipeline::Step*: a name arrives → classify it → prepare it on a worker (read without following
// links, hash, parse, normalize, sketch) → merge it into the store on this thread → commit (files
// that are ready together share one commit) → hand the outcomes to the app (render feeds, wake
// deliveries) → move each file to done/ or failed/ → log it. Daemon shell. Runs on the io_context
// thread; the one cross-thread path is PrepareInboxFile on the worker pool, whose result is posted
// back.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "config/config.hpp"
#include "daemon/ingest_batch.hpp"

namespace synd {

struct PipelineOptions {
  std::size_t window = 256;  // files being prepared or waiting for their commit, at most
  std::size_t window_bytes = std::size_t{256} << 20;  // no new file starts while the prepared
                                                      // files in hand hold more bytes than this
  std::size_t max_queued = 100000;  // names waiting; beyond it names are dropped and a rescan is
                                    // requested once the queue has drained (files stay in inbox)
  std::size_t batch_files = 256;    // files in one commit, at most
  std::chrono::milliseconds store_retry{5000};  // after a store failure, rescan after this long
};

struct PipelineHooks {
  // After each commit, before its files are moved (they are in the ledger: a crash now only
  // moves them on the next start), with the outcome of each file in order.
  std::function<void(const std::vector<IngestOutcome>&)> committed;
  // The pipeline dropped names (queue full, store failure): list the inbox again.
  std::function<void()> rescan;
  // A file changed in place after its read, and no event has announced it: report the name
  // again once no process has it open for writing (else it would wait for the next rescan).
  std::function<void(const std::string& name)> look_again;
  // The event timestamp (the wall clock in production).
  std::function<TimePoint()> now;
};

class Pipeline {
 public:
  // `workers`, `merger` and `io` must outlive the pipeline; join `workers` before destroying it.
  Pipeline(boost::asio::io_context& io, boost::asio::thread_pool& workers, Merger& merger,
           PathsConfig paths, PipelineOptions options, PipelineHooks hooks);
  ~Pipeline();
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  // A name reported by the watcher (or a scan). Names already queued or in hand are ignored.
  void Offer(const std::string& name);

  // Applies to names offered from now on (a config reload); files in hand finish in the folders
  // they were found in, and move to the new done/ or failed/.
  void SetPaths(const PathsConfig& paths) { paths_ = paths; }
  // How the workers name each article's feeds (for its events); files prepared from now on.
  void SetFeedsOf(FeedNamesOf feeds_of) { feeds_of_ = std::move(feeds_of); }

  // Stops taking names; queued names stay in the inbox for the next start. `done` runs once the
  // files in hand are committed and moved (at once when there are none).
  void Drain(std::function<void()> done);

  bool busy() const { return !queue_.empty() || !in_hand_.empty(); }
  std::size_t queued() const { return queue_.size(); }

 private:
  struct Slot {
    InboxEntry entry;
    std::filesystem::path inbox;  // where it was found (a reload may move the inbox meanwhile)
    std::chrono::steady_clock::time_point offered;
    std::unique_ptr<PreparedInput> prepared;  // set when the worker is done
  };

  void StepClassify();
  void StepPrepare(Slot& slot);
  void StepPrepared(const std::string& name, PreparedInput input);
  void StepCommit();
  void PostCommit();
  Status MergeBatch(std::vector<IngestOutcome>& outcomes, std::size_t count);
  Result<std::vector<IngestReport>> MoveBatch(const std::vector<Slot>& batch,
                                              std::vector<IngestOutcome>& outcomes);
  void StoreFailed(const Status& status, std::size_t count);
  void Forget(const std::string& name);
  Slot PopFront();
  void MaybeFinishDrain();

  boost::asio::io_context& io_;
  boost::asio::thread_pool& workers_;
  Merger& merger_;
  PathsConfig paths_;
  FeedNamesOf feeds_of_;
  std::size_t prepared_bytes_ = 0;  // input bytes of the prepared slots in hand
  PipelineOptions options_;
  PipelineHooks hooks_;
  std::shared_ptr<bool> alive_;  // lets posted completions see that the pipeline is gone
  std::deque<std::string> queue_;
  std::deque<Slot> in_hand_;  // in offer order; commits take ready slots from the front
  std::unordered_set<std::string> known_;       // names queued or in hand
  std::unordered_set<std::string> seen_again_;  // known names reported again since offered
  std::unordered_set<std::string> reported_folders_;
  bool dropped_names_ = false;
  bool draining_ = false;
  bool commit_posted_ = false;
  std::function<void()> drained_;
  boost::asio::steady_timer retry_timer_;
};

}  // namespace synd

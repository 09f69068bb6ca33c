#include "daemon/pipeline.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <boost/asio/post.hpp>
#include <iterator>

namespace synd {
namespace {

enum class NameKind { kGone, kFolder, kFile };

// What a name in the inbox is now, without following it. The watcher only reports names; a
// symlink or FIFO still goes through prepare, which fails it with its reason (to failed/).
NameKind Classify(const std::filesystem::path& inbox, const std::string& name, InboxEntry& entry) {
  struct stat st {};
  if (::fstatat(AT_FDCWD, (inbox / name).c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
    return NameKind::kGone;
  }
  if (S_ISDIR(st.st_mode)) return NameKind::kFolder;
  entry.name = name;
  entry.kind = S_ISREG(st.st_mode)   ? EntryKind::kRegular
               : S_ISLNK(st.st_mode) ? EntryKind::kSymlink
                                     : EntryKind::kOther;
  return NameKind::kFile;
}

// True when another file holds the name now (renamed or linked over it): it arrived whole, so it
// can be read at once even if its event has not been seen yet.
bool Replaced(const std::filesystem::path& inbox, const std::string& name,
              const FileVersion& read) {
  Result<FileVersion> now = CurrentVersion((inbox / name).string());
  return now.ok() && (now->device != read.device || now->inode != read.inode);
}

long long MillisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               start)
      .count();
}

void LogFile(const IngestReport& r, long long ms) {
  const IngestOutcome& o = r.outcome;
  if (o.outcome == FileOutcome::kFailed) {
    spdlog::warn("file={} outcome=failed reason=\"{}\" moved_to=failed/{} ms={}", o.name, o.reason,
                 r.moved_to, ms);
  } else {
    spdlog::info("file={} format={} articles={} new={} revised={} repeats={}{} ms={}", o.name,
                 o.format, o.counts.articles, o.counts.created, o.counts.revised, o.counts.repeats,
                 o.already_ingested ? " already_ingested=true" : "", ms);
  }
  if (r.changed) {
    spdlog::info("file={} {}", o.name, r.move_status.message());
  } else if (!r.move_status.ok()) {
    spdlog::error("file={} committed but not moved out of the inbox: {}", o.name,
                  r.move_status.message());
  }
}

}  // namespace

Pipeline::Pipeline(boost::asio::io_context& io, boost::asio::thread_pool& workers, Merger& merger,
                   PathsConfig paths, PipelineOptions options, PipelineHooks hooks)
    : io_(io),
      workers_(workers),
      merger_(merger),
      paths_(std::move(paths)),
      options_(options),
      hooks_(std::move(hooks)),
      alive_(std::make_shared<bool>(true)),
      retry_timer_(io) {}

Pipeline::~Pipeline() { *alive_ = false; }

void Pipeline::Offer(const std::string& name) {
  if (draining_) return;
  if (known_.count(name) != 0) {
    // Remembered: if the name's file changed after its read, this event is the only one
    // announcing the new version (StepCommit then offers it again).
    seen_again_.insert(name);
    return;
  }
  if (queue_.size() >= options_.max_queued) {
    dropped_names_ = true;  // the file stays in the inbox; the rescan after the drain finds it
    return;
  }
  known_.insert(name);
  queue_.push_back(name);
  StepClassify();
}

// Starts preparing queued names while the window has room.
void Pipeline::StepClassify() {
  while (!draining_ && !queue_.empty() && in_hand_.size() < options_.window &&
         prepared_bytes_ < options_.window_bytes) {
    const std::string name = std::move(queue_.front());
    queue_.pop_front();
    Slot slot{.entry = {},
              .inbox = paths_.inbox,
              .offered = std::chrono::steady_clock::now(),
              .prepared = nullptr};
    const NameKind kind = Classify(paths_.inbox, name, slot.entry);
    if (kind == NameKind::kFolder && reported_folders_.insert(name).second) {
      spdlog::warn("inbox holds a folder {}; folders are left alone", name);
    }
    if (kind != NameKind::kFile) {
      known_.erase(name);
      continue;
    }
    in_hand_.push_back(std::move(slot));
    StepPrepare(in_hand_.back());
  }
  if (queue_.empty() && in_hand_.empty() && dropped_names_) {
    dropped_names_ = false;
    hooks_.rescan();
  }
}

// Cross-thread path: the worker reads and parses, then posts the result back to this thread.
void Pipeline::StepPrepare(Slot& slot) {
  boost::asio::post(workers_, [this, alive = alive_, inbox = slot.inbox, entry = slot.entry,
                               feeds_of = feeds_of_] {
    PreparedInput input = PrepareInboxFile(inbox, entry, feeds_of);
    boost::asio::post(io_, [this, alive, name = entry.name, input = std::move(input)]() mutable {
      if (*alive) StepPrepared(name, std::move(input));
    });
  });
}

void Pipeline::StepPrepared(const std::string& name, PreparedInput input) {
  for (Slot& slot : in_hand_) {
    if (slot.entry.name == name && !slot.prepared) {
      prepared_bytes_ += input.bytes;
      slot.prepared = std::make_unique<PreparedInput>(std::move(input));
      break;
    }
  }
  PostCommit();
}

// Commits every prepared file at the front of the line together (group commit: in a burst,
// files that finished preparing while the previous commit ran share the next one).
void Pipeline::StepCommit() {
  std::size_t ready = 0;
  while (ready < in_hand_.size() && ready < options_.batch_files && in_hand_[ready].prepared) {
    ++ready;
  }
  if (ready == 0) return;
  std::vector<IngestOutcome> outcomes;
  if (Status s = MergeBatch(outcomes, ready); !s.ok()) return StoreFailed(s, ready);
  if (Status s = merger_.Commit(); !s.ok()) {
    (void)merger_.Rollback();
    return StoreFailed(s, ready);
  }
  std::vector<Slot> batch;
  for (std::size_t i = 0; i < ready; ++i) {
    batch.push_back(PopFront());
  }
  hooks_.committed(outcomes);
  Result<std::vector<IngestReport>> reports = MoveBatch(batch, outcomes);
  std::vector<std::string> read_again, look_again;
  for (std::size_t i = 0; i < ready; ++i) {
    const std::string& name = batch[i].entry.name;
    if (reports.ok()) LogFile((*reports)[i], MillisecondsSince(batch[i].offered));
    // A version that arrived after the read is read now when it is complete: announced while
    // the name was in hand, or another file. A file changed in place is read once no writer has
    // it open (its close event may be still to come, or never, when only its mtime moved).
    if (reports.ok() && (*reports)[i].changed) {
      if (seen_again_.count(name) != 0 ||
          Replaced(batch[i].inbox, name, batch[i].prepared->version)) {
        read_again.push_back(name);
      } else if (batch[i].inbox == paths_.inbox) {
        look_again.push_back(name);
      }
    }
    Forget(name);
  }
  for (const std::string& name : read_again) Offer(name);
  if (hooks_.look_again) {
    for (const std::string& name : look_again) hooks_.look_again(name);
  }
  // The ledger has these files: a folder that could not be synced only delays their move.
  if (!reports.ok()) spdlog::error("moving ingested files: {}", reports.status().message());
  StepClassify();
  MaybeFinishDrain();
  if (!in_hand_.empty() && in_hand_.front().prepared) PostCommit();
}

// Moves each file out of the inbox it was read from: a reload may have moved the inbox since, and
// the files in hand then are still in the old one (committed; moving them finishes them).
Result<std::vector<IngestReport>> Pipeline::MoveBatch(const std::vector<Slot>& batch,
                                                      std::vector<IngestOutcome>& outcomes) {
  std::vector<IngestReport> reports;
  for (std::size_t begin = 0, end = 0; begin < batch.size(); begin = end) {
    while (end < batch.size() && batch[end].inbox == batch[begin].inbox) ++end;
    PathsConfig paths = paths_;
    paths.inbox = batch[begin].inbox;
    const auto first = outcomes.begin() + static_cast<std::ptrdiff_t>(begin);
    const auto last = outcomes.begin() + static_cast<std::ptrdiff_t>(end);
    std::vector<IngestOutcome> group(std::make_move_iterator(first), std::make_move_iterator(last));
    Result<std::vector<IngestReport>> moved = MoveCommitted(paths, group);
    if (!moved.ok()) return moved.status();
    for (IngestReport& r : *moved) reports.push_back(std::move(r));
  }
  return reports;
}

// Commits after the handlers already queued have run: completions posted by the workers in the
// meantime mark their files ready first and join the same commit (group commit in a burst).
void Pipeline::PostCommit() {
  if (commit_posted_) return;
  commit_posted_ = true;
  boost::asio::post(io_, [this, alive = alive_] {
    if (!*alive) return;
    commit_posted_ = false;
    StepCommit();
  });
}

Status Pipeline::MergeBatch(std::vector<IngestOutcome>& outcomes, std::size_t count) {
  if (Status s = merger_.Begin(); !s.ok()) return s;
  const TimePoint now = hooks_.now();
  for (std::size_t i = 0; i < count; ++i) {
    Result<IngestOutcome> outcome = ApplyPrepared(merger_, *in_hand_[i].prepared, now);
    if (!outcome.ok()) {
      if (merger_.InTransaction()) (void)merger_.Rollback();
      return outcome.status();
    }
    outcomes.push_back(std::move(*outcome));
  }
  return Status::Ok();
}

// The store could not take the batch: nothing of it was committed and every file is still in
// the inbox. Let go of the batch and look again later, rather than spin on a failing disk.
void Pipeline::StoreFailed(const Status& status, std::size_t count) {
  spdlog::error("store: {}; {} files stay in the inbox and are retried in {} ms", status.message(),
                count, options_.store_retry.count());
  for (std::size_t i = 0; i < count; ++i) {
    Forget(PopFront().entry.name);
  }
  retry_timer_.expires_after(options_.store_retry);
  retry_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec != boost::asio::error::operation_aborted && !draining_) hooks_.rescan();
  });
  MaybeFinishDrain();
}

void Pipeline::Forget(const std::string& name) {
  known_.erase(name);
  seen_again_.erase(name);
}

Pipeline::Slot Pipeline::PopFront() {
  Slot slot = std::move(in_hand_.front());
  in_hand_.pop_front();
  if (slot.prepared) prepared_bytes_ -= slot.prepared->bytes;
  return slot;
}

void Pipeline::Drain(std::function<void()> done) {
  draining_ = true;
  drained_ = std::move(done);
  for (const std::string& name : queue_) Forget(name);
  queue_.clear();
  retry_timer_.cancel();
  MaybeFinishDrain();
}

void Pipeline::MaybeFinishDrain() {
  if (!draining_ || !in_hand_.empty() || !drained_) return;
  auto done = std::move(drained_);
  drained_ = nullptr;
  done();
}

}  // namespace synd

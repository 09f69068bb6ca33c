#include "daemon/prepare_pool.hpp"

namespace synd {

PreparePool::PreparePool(std::filesystem::path inbox, std::vector<InboxEntry> entries,
                         unsigned threads, std::size_t window, FeedNamesOf feeds_of)
    : inbox_(std::move(inbox)),
      entries_(std::move(entries)),
      window_(window < 1 ? 1 : window),
      feeds_of_(std::move(feeds_of)),
      done_(entries_.size()) {
  for (unsigned i = 0; i < (threads < 1 ? 1 : threads); ++i)
    workers_.emplace_back([this] { Work(); });
}

PreparePool::~PreparePool() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  changed_.notify_all();
  for (std::thread& t : workers_) t.join();
}

void PreparePool::Work() {
  std::unique_lock lock(mu_);
  for (;;) {
    changed_.wait(lock, [&] {
      return stopping_ || !disposed_.empty() || next_to_start_ >= entries_.size() ||
             next_to_start_ < next_to_take_ + window_;
    });
    if (!disposed_.empty()) {
      std::vector<PreparedInput> garbage = std::move(disposed_);
      disposed_.clear();
      lock.unlock();
      garbage.clear();
      lock.lock();
      continue;
    }
    if (stopping_ || next_to_start_ >= entries_.size()) return;
    const std::size_t index = next_to_start_++;
    lock.unlock();
    PreparedInput input = PrepareInboxFile(inbox_, entries_[index], feeds_of_);
    lock.lock();
    done_[index] = std::move(input);
    changed_.notify_all();
  }
}

std::optional<PreparedInput> PreparePool::Next() {
  std::unique_lock lock(mu_);
  if (next_to_take_ >= entries_.size()) return std::nullopt;
  changed_.wait(lock, [&] { return done_[next_to_take_].has_value(); });
  std::optional<PreparedInput> out = std::move(done_[next_to_take_]);
  done_[next_to_take_].reset();
  ++next_to_take_;
  changed_.notify_all();
  return out;
}

void PreparePool::Dispose(PreparedInput input) {
  {
    std::lock_guard lock(mu_);
    disposed_.push_back(std::move(input));
  }
  changed_.notify_all();
}

bool PreparePool::NextReady() {
  std::lock_guard lock(mu_);
  return next_to_take_ >= entries_.size() || done_[next_to_take_].has_value();
}

}  // namespace synd

#include "daemon/wal_checkpointer.hpp"

#include <string>

namespace synd {

Result<std::unique_ptr<WalCheckpointer>> WalCheckpointer::Start(
    const std::filesystem::path& file, std::chrono::milliseconds interval) {
  Result<std::unique_ptr<SqliteDb>> db = SqliteDb::Open(file);
  if (!db.ok()) return db.status();
  // synchronous is per connection: FULL keeps the checkpoint's syncs of the WAL and the file.
  if (Status s = (*db)->Exec("PRAGMA busy_timeout = 1000; PRAGMA synchronous = FULL;"); !s.ok()) {
    return s;
  }
  return std::unique_ptr<WalCheckpointer>(new WalCheckpointer(std::move(*db), interval));
}

WalCheckpointer::WalCheckpointer(std::unique_ptr<SqliteDb> db, std::chrono::milliseconds interval)
    : db_(std::move(db)), interval_(interval) {
  thread_ = std::thread([this] { Run(); });
}

WalCheckpointer::~WalCheckpointer() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  stop_changed_.notify_all();
  thread_.join();
}

void WalCheckpointer::Run() {
  std::unique_lock lock(mu_);
  while (!stop_changed_.wait_for(lock, interval_, [&] { return stopping_; })) {
    lock.unlock();
    // A failed checkpoint loses nothing (the frames stay in the WAL, and the writer's own
    // automatic checkpoint still bounds it), so it is simply tried again next time.
    Result<SqliteDb::Checkpointed> done = db_->CheckpointPassive();
    lock.lock();
    if (done.ok()) last_ = *done;
  }
}

SqliteDb::Checkpointed WalCheckpointer::last() const {
  std::lock_guard lock(mu_);
  return last_;
}

}  // namespace synd

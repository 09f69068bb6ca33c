// WalCheckpointer: copies the store's write-ahead log into its database file on a thread and
// SQLite connection of its own, so that the ingest writer (the serial part of ingest) does not
// spend its time on checkpoints: they were about a quarter of its time at 100,000 articles.
// Daemon shell. Durability does not change: a commit is durable once its WAL frames are synced;
// a checkpoint only moves them, and SQLite makes that crash-safe. Pair it with a writer store
// opened with a high wal_autocheckpoint_pages, which then only bounds the WAL if this falls behind.
#pragma once

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>

#include "feeds/store/sqlite_db.hpp"

namespace synd {

class WalCheckpointer {
 public:
  // Opens a second connection to the store `file` (already created by the writer) and checks
  // every `interval` for committed frames to copy.
  static Result<std::unique_ptr<WalCheckpointer>> Start(const std::filesystem::path& file,
                                                        std::chrono::milliseconds interval);
  // Stops after the checkpoint in progress; frames left in the WAL are safe there (the writer's
  // connection copies them when it closes, or a later checkpoint does).
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // The last checkpoint's outcome: frames in the WAL and how many of them are in the file.
  SqliteDb::Checkpointed last() const;

 private:
  WalCheckpointer(std::unique_ptr<SqliteDb> db, std::chrono::milliseconds interval);
  void Run();

  std::unique_ptr<SqliteDb> db_;
  const std::chrono::milliseconds interval_;
  mutable std::mutex mu_;
  SqliteDb::Checkpointed last_;
  std::condition_variable stop_changed_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace synd

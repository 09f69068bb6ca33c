// PreparePool: runs PrepareInboxFile for a list of inbox entries on worker threads and hands the
// results back in list order, at most `window` files ahead of the consumer (bounded memory).
// Daemon shell. The consumer is one thread; the workers touch only their own files.
#pragma once

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "daemon/ingest_file.hpp"

namespace synd {

class PreparePool {
 public:
  PreparePool(std::filesystem::path inbox, std::vector<InboxEntry> entries, unsigned threads,
              std::size_t window, FeedNamesOf feeds_of = nullptr);
  // Stops the workers after the files they hold (results not taken are dropped).
  ~PreparePool();
  PreparePool(const PreparePool&) = delete;
  PreparePool& operator=(const PreparePool&) = delete;

  // The next entry's result in list order, waiting for it; nullopt after the last one.
  std::optional<PreparedInput> Next();
  // True when the next result is ready now (Next would not wait), or there is none left.
  bool NextReady();
  // Hands a taken result back to be destroyed on a worker thread. Its memory was allocated
  // there, and glibc frees a block into the arena of the thread that allocated it, under that
  // arena's lock: freeing it on the consumer's thread (the store writer, the serial part of
  // ingest) cost that thread about 7 % of its time.
  void Dispose(PreparedInput input);

 private:
  void Work();

  const std::filesystem::path inbox_;
  const std::vector<InboxEntry> entries_;
  const std::size_t window_;
  const FeedNamesOf feeds_of_;
  std::mutex mu_;
  std::condition_variable changed_;
  std::vector<std::optional<PreparedInput>> done_;  // by entry index; moved out when taken
  std::vector<PreparedInput> disposed_;             // handed back, to destroy off the consumer
  std::size_t next_to_start_ = 0;
  std::size_t next_to_take_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace synd

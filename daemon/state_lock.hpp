// StateLock: one process at a time ingests into a state folder. `run` and `once` hold an
// exclusive flock(2) on STATE/syndicated.lock for their lifetime; a second one would race the
// first for the same inbox files and fail to move what the other already moved. Daemon shell.
// The lock is advisory and dies with the process, so a crash never leaves it stale.
#pragma once

#include <filesystem>

#include "feeds/model/status.hpp"
#include "feeds/model/unique_fd.hpp"

namespace synd {

class StateLock {
 public:
  static constexpr const char* kFileName = "syndicated.lock";

  // Takes the lock without waiting. Errors name the lock file and say that another process
  // holds it (with that process's pid when it wrote one) or why the file cannot be opened.
  static Result<StateLock> Acquire(const std::filesystem::path& state);

 private:
  explicit StateLock(UniqueFd fd) : fd_(std::move(fd)) {}
  UniqueFd fd_;
};

}  // namespace synd

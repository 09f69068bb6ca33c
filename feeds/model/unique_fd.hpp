// UniqueFd: owns one POSIX file descriptor and closes it on every path out of a scope. Shared by
// the parts that open files themselves (O_NOFOLLOW reads, atomic writes, the file server).
// Does no I/O of its own beyond close(2).
#pragma once

#include <unistd.h>

#include <utility>

namespace synd {

class UniqueFd {
 public:
  explicit UniqueFd(int fd = -1) : fd_(fd) {}
  ~UniqueFd() {
    if (fd_ >= 0) ::close(fd_);
  }
  UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    std::swap(fd_, other.fd_);
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;

  int get() const { return fd_; }
  // Gives up ownership: the caller closes it.
  int Release() { return std::exchange(fd_, -1); }
  // Closes now and returns close(2)'s result: a deferred write error may surface only here.
  int Close() { return ::close(std::exchange(fd_, -1)); }

 private:
  int fd_;
};

}  // namespace synd

// UniqueFd: owns one POSIX file descriptor and closes it on every path out of a scope. Shared by
// the parts that open files themselves (O_NOFOLLOW reads, atomic writes, the file server).
// Does no I/O of its own beyond close(2) and WriteAll's write(2).
#pragma once

#include <unistd.h>

#include <cerrno>
#include <string_view>
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

// Writes all of `bytes` to `fd`, through short writes and EINTR. 0, or the errno of the write
// that failed (the caller names the file in its message).
inline int WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return 0;
}

}  // namespace synd

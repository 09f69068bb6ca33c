#include "config/read_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace synd::config {
namespace {

// Closes the descriptor on every path out of ReadSmallFile.
struct FdCloser {
  int fd;
  ~FdCloser() {
    if (fd >= 0) ::close(fd);
  }
};

Status SystemError(const std::filesystem::path& path, const char* what, int error) {
  return Status::Io(std::string(what) + " " + path.string() + ": " + std::strerror(error));
}

}  // namespace

Result<std::string> ReadSmallFile(const std::filesystem::path& path, std::size_t max_bytes) {
  const FdCloser file{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK)};
  if (file.fd < 0) return SystemError(path, "cannot open", errno);
  struct stat st {};
  if (::fstat(file.fd, &st) != 0) return SystemError(path, "cannot stat", errno);
  if (!S_ISREG(st.st_mode)) return Status::Io(path.string() + " is not a regular file");
  if (static_cast<std::size_t>(st.st_size) > max_bytes) {
    return Status::Io(path.string() + " is larger than " + std::to_string(max_bytes) + " bytes");
  }
  std::string bytes;
  char buffer[16384];
  while (true) {
    const ssize_t n = ::read(file.fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return SystemError(path, "cannot read", errno);
    if (n == 0) break;
    bytes.append(buffer, static_cast<std::size_t>(n));
    if (bytes.size() > max_bytes) {
      return Status::Io(path.string() + " is larger than " + std::to_string(max_bytes) + " bytes");
    }
  }
  return bytes;
}

}  // namespace synd::config

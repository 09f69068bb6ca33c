#include "feeds/render/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <string>

namespace synd {
namespace {

// Closes the descriptor on scope exit unless released.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  // Closes now, reporting the error a deferred write may surface only here.
  int Close() {
    const int rc = ::close(fd_);
    fd_ = -1;
    return rc;
  }

 private:
  int fd_;
};

Status IoError(const std::filesystem::path& path, const char* step) {
  return Status::Io("cannot " + std::string(step) + " " + path.string() + ": " +
                    std::strerror(errno));
}

Status WriteAll(int fd, std::string_view bytes, const std::filesystem::path& path) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return IoError(path, "write");
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return Status::Ok();
}

Status WriteSynced(const std::filesystem::path& tmp, std::string_view bytes) {
  Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (fd.get() < 0) return IoError(tmp, "create");
  if (Status s = WriteAll(fd.get(), bytes, tmp); !s.ok()) return s;
  if (::fsync(fd.get()) != 0) return IoError(tmp, "fsync");
  if (fd.Close() != 0) return IoError(tmp, "close");
  return Status::Ok();
}

Status SyncFolder(const std::filesystem::path& folder) {
  Fd fd(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return IoError(folder, "open folder");
  if (::fsync(fd.get()) != 0) return IoError(folder, "fsync folder");
  return Status::Ok();
}

}  // namespace

bool FileHolds(const std::filesystem::path& path, std::string_view bytes) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  struct stat st {};
  if (fd.get() < 0 || ::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  if (static_cast<std::size_t>(st.st_size) != bytes.size()) return false;
  std::array<char, 65536> buf;
  std::size_t offset = 0;
  while (offset < bytes.size()) {
    const ssize_t n = ::read(fd.get(), buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    const auto got = static_cast<std::size_t>(n);
    if (got > bytes.size() - offset || bytes.compare(offset, got, buf.data(), got) != 0) {
      return false;
    }
    offset += got;
  }
  return true;
}

Result<bool> WriteFileAtomic(const std::filesystem::path& path, std::string_view bytes) {
  if (FileHolds(path, bytes)) return false;
  const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : ".";
  const std::filesystem::path tmp = folder / ("." + path.filename().string() + ".tmp");
  Status s = WriteSynced(tmp, bytes);
  if (s.ok() && ::rename(tmp.c_str(), path.c_str()) != 0) s = IoError(path, "rename into");
  if (!s.ok()) {
    ::unlink(tmp.c_str());
    return s;
  }
  if (Status synced = SyncFolder(folder); !synced.ok()) return synced;
  return true;
}

}  // namespace synd

#include "daemon/inbox.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>

#include "daemon/watcher.hpp"
#include "feeds/model/unique_fd.hpp"

namespace synd {
namespace fs = std::filesystem;
namespace {

Status Errno(const std::string& what, const fs::path& path, int err) {
  return Status::Io(path.string() + ": " + what + ": " + std::strerror(err));
}

bool Exists(const fs::path& p) {
  struct stat st;
  return ::lstat(p.c_str(), &st) == 0 || errno != ENOENT;
}

// Writes `text` to `path` (replacing a stale file of that name) and fsyncs it.
Status WriteFileSynced(const fs::path& path, std::string_view text) {
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644));
  if (fd.get() < 0) return Errno("create", path, errno);
  if (const int err = WriteAll(fd.get(), text); err != 0) return Errno("write", path, err);
  if (::fsync(fd.get()) != 0) return Errno("fsync", path, errno);
  return Status::Ok();
}

// The failed creation of `to` (errno set); `taken` says whether it failed for existing already.
Status Created(const fs::path& to, bool& taken) {
  const int err = errno;
  taken = err == EEXIST;
  return Errno("create", to, err);
}

// Copies the regular file open as `in` (status `st`) to `to`, which it creates (never
// replacing), with its bytes, permission bits and times (the mtime is the reference time of its
// articles), and fsyncs it. Streams: no size limit, nothing held in memory. A partial copy is
// removed.
Status CopyRegular(int in, const struct stat& st, const fs::path& from, const fs::path& to,
                   bool& taken) {
  UniqueFd out(
      ::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, st.st_mode & 07777));
  if (out.get() < 0) return Created(to, taken);
  Status status = Status::Ok();
  std::string buffer(std::size_t{1} << 20, '\0');
  for (;;) {
    const ssize_t n = ::read(in, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n < 0) status = Errno("read", from, errno);
      break;
    }
    const int err = WriteAll(out.get(), std::string_view(buffer.data(), static_cast<size_t>(n)));
    if (err != 0) {
      status = Errno("write", to, err);
      break;
    }
  }
  const timespec times[2] = {st.st_atim, st.st_mtim};
  if (status.ok() && ::futimens(out.get(), times) != 0) status = Errno("set times of", to, errno);
  if (status.ok() && ::fsync(out.get()) != 0) status = Errno("fsync", to, errno);
  if (!status.ok()) ::unlink(to.c_str());
  return status;
}

// Makes the symlink `to` with the target of the symlink `from` (never followed).
Status CopyLink(const fs::path& from, const struct stat& st, const fs::path& to, bool& taken) {
  std::string target(static_cast<std::size_t>(st.st_size) + 1, '\0');
  const ssize_t n = ::readlink(from.c_str(), target.data(), target.size());
  if (n < 0) return Errno("read link", from, errno);
  if (static_cast<std::size_t>(n) >= target.size()) {
    return Status::Io(from.string() + ": symbolic link changed while being moved");
  }
  target.resize(static_cast<std::size_t>(n));
  if (::symlink(target.c_str(), to.c_str()) != 0) return Created(to, taken);
  return Status::Ok();
}

// Makes `to` what `from` is, on another file system: a regular file is copied, a symlink made
// again with the same target, a FIFO made anew. Sockets and devices cannot be.
Status CopyAcross(const fs::path& from, const fs::path& to, bool& taken) {
  struct stat st {};
  if (::lstat(from.c_str(), &st) != 0) return Errno("cannot look at", from, errno);
  if (S_ISLNK(st.st_mode)) return CopyLink(from, st, to, taken);
  if (S_ISFIFO(st.st_mode)) {
    if (::mkfifo(to.c_str(), st.st_mode & 07777) != 0) return Created(to, taken);
    return Status::Ok();
  }
  // O_NONBLOCK: had the name become a FIFO since, the open must not wait for a writer.
  const UniqueFd in(::open(from.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
  if (in.get() < 0) return Errno("open", from, errno);
  if (::fstat(in.get(), &st) != 0) return Errno("cannot look at", from, errno);
  if (!S_ISREG(st.st_mode)) {
    return Status::Io(from.string() +
                      ": a socket or device cannot be moved to another file system");
  }
  return CopyRegular(in.get(), st, from, to, taken);
}

// Moves `from` to `to` (never replacing it), copying across file systems; `taken` when the move
// failed because `to` appeared since the caller looked.
Status MoveOne(const fs::path& from, const fs::path& to, bool& taken) {
  taken = false;
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) {
    return Status::Ok();
  }
  const int err = errno;
  taken = err == EEXIST;
  if (err != EXDEV) return Errno("cannot move to " + to.parent_path().string(), from, err);
  if (Status s = CopyAcross(from, to, taken); !s.ok()) return s;
  if (::unlink(from.c_str()) != 0) return Errno("remove", from, errno);
  return Status::Ok();
}

}  // namespace

Result<std::vector<InboxEntry>> ListInbox(const fs::path& inbox) {
  DIR* dir = ::opendir(inbox.c_str());
  if (dir == nullptr) return Errno("cannot list inbox", inbox, errno);
  std::vector<InboxEntry> entries;
  errno = 0;
  while (const dirent* e = ::readdir(dir)) {
    const std::string name = e->d_name;
    if (IsIgnoredInboxName(name)) continue;
    struct stat st;
    if (::fstatat(::dirfd(dir), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) continue;  // gone
    if (S_ISDIR(st.st_mode)) continue;
    const EntryKind kind = S_ISREG(st.st_mode)   ? EntryKind::kRegular
                           : S_ISLNK(st.st_mode) ? EntryKind::kSymlink
                                                 : EntryKind::kOther;
    entries.push_back(InboxEntry{name, kind});
  }
  const int err = errno;
  ::closedir(dir);
  if (err != 0) return Errno("cannot list inbox", inbox, err);
  std::sort(entries.begin(), entries.end(),
            [](const InboxEntry& a, const InboxEntry& b) { return a.name < b.name; });
  return entries;
}

Result<std::string> MoveWithoutOverwrite(const fs::path& from_dir, const std::string& name,
                                         const fs::path& to_dir,
                                         const std::optional<std::string>& error_text) {
  const fs::path from = from_dir / name;
  for (int n = 0;; ++n) {
    const std::string target = n == 0 ? name : name + "." + std::to_string(n);
    const fs::path to = to_dir / target;
    const fs::path error_file = to_dir / (target + ".error");
    if (Exists(to) || (error_text && Exists(error_file))) continue;
    // The reason goes first: a crash between the two steps leaves the file in the inbox to be
    // retried, never a failed file without its reason.
    if (error_text) {
      if (Status s = WriteFileSynced(error_file, *error_text); !s.ok()) return s;
    }
    bool taken = false;
    Status moved = MoveOne(from, to, taken);
    if (moved.ok()) return target;
    // No reason without its file: the file stays in the inbox and gets it again on its retry.
    if (error_text) ::unlink(error_file.c_str());
    if (!taken) return moved;
  }
}

Writers OpenWriters(const fs::path& path) {
  static const bool sigio_ignored = ::signal(SIGIO, SIG_IGN) != SIG_ERR;
  (void)sigio_ignored;
  const UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
  if (fd.get() < 0) return Writers::kUnknown;
  if (::fcntl(fd.get(), F_SETLEASE, F_RDLCK) == 0) {
    (void)::fcntl(fd.get(), F_SETLEASE, F_UNLCK);
    return Writers::kNone;
  }
  return errno == EAGAIN ? Writers::kSome : Writers::kUnknown;
}

Status SyncDirectory(const fs::path& dir) {
  UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return Errno("cannot open folder", dir, errno);
  if (::fsync(fd.get()) != 0) return Errno("cannot fsync folder", dir, errno);
  return Status::Ok();
}

Status EnsureDirectory(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::Io(dir.string() + ": cannot create folder: " + ec.message());
  if (!fs::is_directory(dir, ec)) return Status::Io(dir.string() + ": not a folder");
  return Status::Ok();
}

}  // namespace synd

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

#include "daemon/cli/parse_command.hpp"
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

// Copies a regular file across file systems to `to` (which must not exist) and fsyncs it.
Status CopyAcross(const fs::path& from, const fs::path& to) {
  Result<FileBytes> in = ReadDumpFile(from);
  if (!in.ok()) return in.status().WithPrefix(from.string());
  UniqueFd fd(::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644));
  if (fd.get() < 0) return Errno("create", to, errno);
  if (const int err = WriteAll(fd.get(), in->bytes); err != 0) return Errno("write", to, err);
  if (::fsync(fd.get()) != 0) return Errno("fsync", to, errno);
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
    if (Exists(to) || (error_text && Exists(to_dir / (target + ".error")))) continue;
    // The reason goes first: a crash between the two steps leaves the file in the inbox to be
    // retried, never a failed file without its reason.
    if (error_text) {
      if (Status s = WriteFileSynced(to_dir / (target + ".error"), *error_text); !s.ok()) return s;
    }
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) {
      return target;
    }
    if (errno == EEXIST) continue;  // taken since we looked
    if (errno == EXDEV) {
      if (Status s = CopyAcross(from, to); !s.ok()) return s;
      return target;
    }
    return Errno("cannot move to " + to_dir.string(), from, errno);
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

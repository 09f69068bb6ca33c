#include "daemon/watcher.hpp"

#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <cerrno>
#include <cstring>
#include <optional>
#include <utility>

#include "daemon/inbox.hpp"

namespace synd {
namespace {

constexpr uint32_t kWatchMask =
    IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool Later(const timespec& a, const timespec& b) {
  return a.tv_sec != b.tv_sec ? a.tv_sec > b.tv_sec : a.tv_nsec > b.tv_nsec;
}

// IN_CREATE reports every new entry. A regular file created here is still being written until
// its IN_CLOSE_WRITE, so it waits for that; but a hard link (link(2), `ln`, Maildir-style
// delivery) makes a name for a file already written, and no other event follows it. Such a file
// shows more than one link, or (its other name already removed) a status change after its last
// write: creating a file and writing it move mtime and ctime together, a link moves only ctime.
// Anything but a regular file is reported at once too: no close follows a symlink, folder,
// FIFO or socket (prepare fails all but folders with their reason; folders are skipped).
bool ArrivedComplete(const std::filesystem::path& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return false;
  if (!S_ISREG(st.st_mode)) return true;
  return st.st_nlink > 1 || Later(st.st_ctim, st.st_mtim);
}

// Inode, size and mtime of a regular file, or nothing for anything else (or a name gone).
std::optional<std::tuple<uint64_t, int64_t, int64_t>> RegularLook(const std::filesystem::path& path,
                                                                  std::chrono::nanoseconds* age) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  const int64_t mtime_ns = int64_t{st.st_mtim.tv_sec} * 1000000000 + st.st_mtim.tv_nsec;
  if (age != nullptr) {
    *age = std::chrono::system_clock::now().time_since_epoch() - std::chrono::nanoseconds(mtime_ns);
  }
  return std::make_tuple(uint64_t{st.st_ino}, int64_t{st.st_size}, mtime_ns);
}

}  // namespace

bool IsIgnoredInboxName(std::string_view name) {
  return name.empty() || name.front() == '.' || EndsWith(name, ".tmp") || EndsWith(name, ".part");
}

InboxWatcher::InboxWatcher(boost::asio::io_context& io, std::filesystem::path inbox,
                           NameHandler on_name, ErrorHandler on_error,
                           std::chrono::milliseconds settle)
    : io_(io),
      inbox_(std::move(inbox)),
      on_name_(std::move(on_name)),
      on_error_(std::move(on_error)),
      stream_(io),
      buffer_(64 * 1024),
      settle_(settle),
      settle_timer_(io) {}

InboxWatcher::~InboxWatcher() { Stop(); }

Status InboxWatcher::Start() {
  const int fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0) return Status::Io(std::string("inotify_init1: ") + std::strerror(errno));
  if (::inotify_add_watch(fd, inbox_.c_str(), kWatchMask) < 0) {
    const int err = errno;
    ::close(fd);
    return Status::Io("cannot watch inbox " + inbox_.string() + ": " + std::strerror(err));
  }
  stream_.assign(fd);
  watching_ = true;
  Read();
  Rescan();
  return Status::Ok();
}

void InboxWatcher::Stop() {
  if (!watching_) return;
  watching_ = false;
  boost::system::error_code ignored;
  stream_.cancel(ignored);
  stream_.close(ignored);
  settle_timer_.cancel();
  settling_.clear();
}

void InboxWatcher::Rescan() {
  if (scan_posted_) return;
  scan_posted_ = true;
  boost::asio::post(io_, [this] {
    scan_posted_ = false;
    if (watching_) ScanNow();
  });
}

void InboxWatcher::Look(const std::string& name) {
  if (watching_ && ReadyOrWatch(name, nullptr)) on_name_(name);
}

void InboxWatcher::ScanNow() {
  std::error_code ec;
  std::vector<std::string> names;
  for (std::filesystem::directory_iterator it(inbox_, ec), end; !ec && it != end;
       it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (!IsIgnoredInboxName(name)) names.push_back(std::move(name));
  }
  if (ec) {
    on_error_(Status::Io("cannot list inbox " + inbox_.string() + ": " + ec.message()));
    return;
  }
  // Name order, so a catch-up after downtime ingests in the same order as `syndicated once`.
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    if (ReadyOrWatch(name, nullptr)) on_name_(name);
  }
}

bool InboxWatcher::ReadyOrWatch(const std::string& name, const FileLook* before) {
  std::chrono::nanoseconds age{};
  const std::optional<FileLook> look = RegularLook(inbox_ / name, &age);
  if (!look) return true;  // not a regular file (or gone): the pipeline says what it is
  const Writers writers = OpenWriters(inbox_ / name);
  if (writers == Writers::kNone) return true;
  if (writers == Writers::kUnknown) {
    // Without a lease, a file unchanged for `settle` is taken to have no active writer.
    const bool settled = before ? *before == *look : age >= settle_ || age <= -settle_;
    if (settled) return true;
  }
  settling_[name] = *look;
  if (!settle_armed_) {
    settle_armed_ = true;
    settle_timer_.expires_after(settle_);
    settle_timer_.async_wait([this](const boost::system::error_code& ec) {
      settle_armed_ = false;
      if (ec != boost::asio::error::operation_aborted && watching_) CheckSettling();
    });
  }
  return false;
}

// Looks again at each watched file; one whose writer is still busy stays watched (its close
// event, when it comes first, reports it).
void InboxWatcher::CheckSettling() {
  const auto watched = std::exchange(settling_, {});
  for (const auto& [name, before] : watched) {
    if (ReadyOrWatch(name, &before)) on_name_(name);
  }
}

void InboxWatcher::Report(const std::string& name) {
  settling_.erase(name);
  on_name_(name);
}

void InboxWatcher::Read() {
  stream_.async_read_some(boost::asio::buffer(buffer_),
                          [this](const boost::system::error_code& ec, std::size_t bytes) {
                            if (ec == boost::asio::error::operation_aborted || !watching_) return;
                            if (ec) {
                              on_error_(Status::Io("reading inotify events: " + ec.message()));
                              return;
                            }
                            HandleEvents(bytes);
                            if (watching_) Read();
                          });
}

void InboxWatcher::HandleEvents(std::size_t bytes) {
  std::size_t offset = 0;
  while (offset + sizeof(inotify_event) <= bytes) {
    inotify_event event;
    std::memcpy(&event, buffer_.data() + offset, sizeof event);
    const char* name_ptr = buffer_.data() + offset + sizeof(inotify_event);
    offset += sizeof(inotify_event) + event.len;
    if (event.mask & IN_Q_OVERFLOW) {
      Rescan();
      continue;
    }
    if (event.mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED)) {
      Stop();
      on_error_(Status::Io("inbox " + inbox_.string() + " was removed or moved"));
      return;
    }
    if (event.len == 0) continue;
    const std::string name(name_ptr, ::strnlen(name_ptr, event.len));
    if (IsIgnoredInboxName(name)) continue;
    if ((event.mask & IN_CREATE) && !ArrivedComplete(inbox_ / name)) continue;
    Report(name);
  }
}

}  // namespace synd

// InboxWatcher: reports names in the inbox folder that may be ready to ingest (daemon shell).
// inotify through an Asio stream_descriptor on the io_context thread; it never opens, moves or
// reads the files it reports: the pipeline decides what a name is (regular file, symlink,
// subfolder) with O_NOFOLLOW. Names may be reported more than once; callers de-duplicate.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "feeds/model/status.hpp"

namespace synd {

// True for names the watcher never reports: dotfiles and unfinished uploads (*.tmp, *.part).
// They are picked up once renamed to a plain name.
bool IsIgnoredInboxName(std::string_view name);

class InboxWatcher {
 public:
  // Called on the io_context thread with a file name (no folder part).
  using NameHandler = std::function<void(const std::string& name)>;
  // Called on the io_context thread when the watch itself fails (inbox removed, read error).
  using ErrorHandler = std::function<void(const Status& error)>;

  // A scan finds files without their event, so it cannot tell one still being written in place
  // (its IN_CLOSE_WRITE yet to come) from one closed before the watch began. A regular file a
  // scan finds that some process has open for writing (seen by a read lease) is left to its
  // close event; where a lease cannot tell (not the file's owner and no CAP_LEASE), a file with
  // an mtime within `settle` of now is reported once it has stayed unchanged for `settle`.
  static constexpr std::chrono::milliseconds kDefaultSettle{2000};

  InboxWatcher(boost::asio::io_context& io, std::filesystem::path inbox, NameHandler on_name,
               ErrorHandler on_error, std::chrono::milliseconds settle = kDefaultSettle);
  ~InboxWatcher();
  InboxWatcher(const InboxWatcher&) = delete;
  InboxWatcher& operator=(const InboxWatcher&) = delete;

  // Adds the watch (IN_CLOSE_WRITE, IN_MOVED_TO, IN_CREATE), then posts a catch-up scan of what
  // is already there, so no file dropped before or during start-up is missed.
  Status Start();

  // Lists the inbox again and reports every candidate (after IN_Q_OVERFLOW, or when the caller
  // had to drop names); a file modified within `settle` waits until it settles. Posted, not run
  // inline.
  void Rescan();

  // Reports `name` once no process has it open for writing: at once when none has, else at its
  // close event or once it has settled (as for a file a scan finds). For a file that changed in
  // place with no event to announce it (its mtime set after its close, as `cp -p`, `tar` and
  // `touch -d` do).
  void Look(const std::string& name);

  // Stops watching; pending reads complete with operation_aborted. Idempotent.
  void Stop();

  bool watching() const { return watching_; }

 private:
  void Read();
  void HandleEvents(std::size_t bytes);
  void ScanNow();
  // Inode, size and mtime in ns.
  using FileLook = std::tuple<uint64_t, int64_t, int64_t>;

  // For a name a scan found (`before`: how it looked when last watched): true to report it now;
  // false when a writer may still be at it, and it is watched (settling_) until it is done.
  bool ReadyOrWatch(const std::string& name, const FileLook* before);
  void CheckSettling();
  void Report(const std::string& name);

  boost::asio::io_context& io_;
  std::filesystem::path inbox_;
  NameHandler on_name_;
  ErrorHandler on_error_;
  boost::asio::posix::stream_descriptor stream_;
  std::vector<char> buffer_;
  std::chrono::milliseconds settle_;
  // Names a scan found a writer may still be at, with how they looked then.
  std::map<std::string, FileLook> settling_;
  boost::asio::steady_timer settle_timer_;
  bool settle_armed_ = false;
  bool watching_ = false;
  bool scan_posted_ = false;
};

}  // namespace synd

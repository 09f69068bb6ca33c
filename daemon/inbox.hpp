// Inbox file handling for ingest (DESIGN.md §1): which entries to take, and moving one to done/
// or failed/ durably without overwriting anything (reading is ReadDumpFile, O_NOFOLLOW).
// Daemon shell: file-system I/O only; no parsing, no store, no logging.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/model/status.hpp"

namespace synd {

enum class EntryKind { kRegular, kSymlink, kOther };

struct InboxEntry {
  std::string name;
  EntryKind kind = EntryKind::kRegular;
};

// The entries to ingest, sorted by name (bytewise): regular files, plus symlinks and other
// non-folders (FIFOs, sockets, devices), which go to failed/. Names the watcher ignores
// (IsIgnoredInboxName: dotfiles, *.tmp, *.part) and subfolders are left out. Errors name the
// inbox.
Result<std::vector<InboxEntry>> ListInbox(const std::filesystem::path& inbox);

// Moves `from_dir/name` into `to_dir` under the first free name of "name", "name.1", "name.2",
// ... (never replacing a file; a symlink moves as itself, its target untouched) and returns that
// name. With `error_text`, first writes "<final name>.error" holding it (fsynced). Moves across
// file systems copy and fsync before removing the source. The caller makes the moves durable with
// SyncDirectory on both folders.
Result<std::string> MoveWithoutOverwrite(const std::filesystem::path& from_dir,
                                         const std::string& name,
                                         const std::filesystem::path& to_dir,
                                         const std::optional<std::string>& error_text);

enum class Writers { kNone, kSome, kUnknown };

// Whether a process has the regular file `path` open for writing (a producer still writing it in
// place). A read lease is granted only when none has (EAGAIN otherwise) and is dropped at once;
// it needs the file's owner or CAP_LEASE and a file system with leases, else kUnknown. The first
// call makes the process ignore SIGIO: a writer opening the file while the lease is held breaks
// it with one, whose default action would end the process.
Writers OpenWriters(const std::filesystem::path& path);

// fsync of a folder: makes the renames into and out of it durable.
Status SyncDirectory(const std::filesystem::path& dir);

// Creates the folder and its parents when missing. Errors say why it cannot be.
Status EnsureDirectory(const std::filesystem::path& dir);

}  // namespace synd

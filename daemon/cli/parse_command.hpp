// `syndicated parse [--reference-time RFC3339] FILE...` (DESIGN.md §4): reads dumps, parses
// and normalizes them, and prints one JSON object per article (JSON Lines) to stdout. Touches
// no state. A bad file gets "FILE: error: reason" on stderr; the other files still run.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "feeds/model/status.hpp"
#include "feeds/model/time.hpp"

namespace CLI {
class App;
}

namespace synd {

// Registers the subcommand; when it runs it stores 0 (every file parsed), 1 (some file failed)
// or 2 (bad --reference-time) in `exit_code`. `exit_code` must outlive app.parse().
void AddParseCommand(CLI::App& app, int& exit_code);

// The subcommand's work. Each file is opened without following symbolic links and must be a
// regular file; its reference time is `reference_time`, else its modification time.
// Returns the exit status (0 or 1).
int RunParse(const std::vector<std::string>& files, std::optional<TimePoint> reference_time,
             std::ostream& out, std::ostream& err);

// Which version of a file was read: a file renamed over the name since, or written again in
// place, differs in one of these (an in-place rewrite that keeps the size and the mtime can
// escape it; a rename never does). Not st_ctim: a link made or removed elsewhere, or a chmod,
// moves it without changing the bytes, and no inbox event would follow to read them again.
struct FileVersion {
  uint64_t device = 0;
  uint64_t inode = 0;
  int64_t size = 0;
  int64_t modified_ns = 0;  // st_mtim
  bool operator==(const FileVersion&) const = default;
};

struct FileBytes {
  std::string bytes;
  TimePoint modified;   // st_mtime, whole seconds
  FileVersion version;  // as opened, before the read
};

// The version of the file `path` names now, without following a symbolic link. Errors say why
// it cannot be looked at (gone, not allowed).
Result<FileVersion> CurrentVersion(const std::string& path);

// Dumps larger than this are refused unread: a dump is held in memory whole while it is parsed.
inline constexpr std::size_t kMaxDumpBytes = std::size_t{256} << 20;

// Reads a whole regular file opened with O_NOFOLLOW. Errors name the problem, not the path
// ("is a symbolic link (not followed)", "not a regular file", "No such file or directory",
// "is 300 MiB; dumps over 256 MiB are not read").
Result<FileBytes> ReadDumpFile(const std::string& path);

}  // namespace synd

// `syndicated parse [--reference-time RFC3339] FILE...` (DESIGN.md §4): reads dumps, parses
// and normalizes them, and prints one JSON object per article (JSON Lines) to stdout. Touches
// no state. A bad file gets "FILE: error: reason" on stderr; the other files still run.
#pragma once

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

struct FileBytes {
  std::string bytes;
  TimePoint modified;  // st_mtime, whole seconds
};

// Reads a whole regular file opened with O_NOFOLLOW. Errors name the problem, not the path
// ("is a symbolic link (not followed)", "not a regular file", "No such file or directory").
Result<FileBytes> ReadDumpFile(const std::string& path);

}  // namespace synd

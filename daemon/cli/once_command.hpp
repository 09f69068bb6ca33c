// `syndicated once [-c FILE] [--decisions FILE]` (DESIGN.md §4): loads the configuration,
// creates missing folders, ingests every file in the inbox in name order (each moved to done/,
// or to failed/ with FILE.error), prints one line per file and a summary, and exits 0, or 1 when
// a file failed or the store did. Rendering and deliveries join here from their issues.
#pragma once

#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <optional>

namespace CLI {
class App;
}

namespace synd {

struct OnceOptions {
  std::optional<std::filesystem::path> config;  // -c; else the default search (DESIGN.md §4)
  // --decisions: one line per article, "FILE<TAB>INDEX<TAB>created|revised|repeat<TAB>STORY-ID"
  // (an audit trail; the benchmark scores dedupe with it).
  std::optional<std::filesystem::path> decisions;
  // --commit-every: commit after at most this many files (group commit; the default suits
  // throughput, small values suit tests that crash the process between commits).
  std::size_t commit_every = 256;
};

// Registers the subcommand; it stores its exit status in `exit_code`, which must outlive
// app.parse().
void AddOnceCommand(CLI::App& app, int& exit_code);

// The subcommand's work; returns the exit status (0, 1, or 78 for a configuration error).
int RunOnce(const OnceOptions& options, std::ostream& out, std::ostream& err);

}  // namespace synd

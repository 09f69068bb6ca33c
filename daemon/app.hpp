// App: the daemon's lifecycle (`syndicated run`, DESIGN.md §1): load the config, open the store,
// render every feed once, serve HTTP, watch the inbox, report ready; then ingest as files arrive,
// reload on SIGHUP and stop cleanly on SIGTERM/SIGINT. Daemon shell. One io_context thread owns
// all of this state; the worker pool (parsing) and the HTTP server's threads are the only other
// threads, and they touch it only through posted completions and the atomic ready flag.
#pragma once

#include <filesystem>
#include <optional>

namespace synd {

struct AppOptions {
  std::optional<std::filesystem::path> config_path;  // -c FILE; else the DESIGN.md §4 search
};

// Runs the daemon until it is stopped; returns the process exit status (0 after a clean stop,
// 78 for a configuration error before ready, 1 for a runtime failure).
int RunDaemon(const AppOptions& options);

}  // namespace synd

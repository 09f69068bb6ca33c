// `syndicated check-config [-c FILE]` (DESIGN.md §4): validates the configuration the daemon
// would run on and reports every problem, without touching any state. Used by ExecReload.
#pragma once

namespace CLI {
class App;
}

namespace synd {

// Registers the subcommand. When it runs it prints each problem as FILE:LINE:COL: message on
// stderr and sets `exit_code` to 78, or prints which configuration it checked on stdout and sets
// it to 0. `exit_code` must outlive the app's parse().
void AddCheckConfigCommand(CLI::App& app, int& exit_code);

}  // namespace synd

// Subcommands of the `syndicated` executable (DESIGN.md §4). Each Add*Command registers one
// subcommand on the CLI11 app; when it runs, it stores its process exit status in `exit_code`
// (0 ok, 1 runtime failure, 2 usage, 78 configuration error).
#pragma once

namespace CLI {
class App;
}

namespace synd {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;
constexpr int kExitConfig = 78;

}  // namespace synd

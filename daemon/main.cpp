// Entry point: parses the command line and runs one subcommand (DESIGN.md §4).
#include <CLI/CLI.hpp>
#include <iostream>

#include "daemon/cli/check_config_command.hpp"
#include "daemon/cli/commands.hpp"
#include "daemon/cli/once_command.hpp"
#include "daemon/cli/parse_command.hpp"
#include "daemon/cli/run_command.hpp"

int main(int argc, char** argv) {
  CLI::App app{"syndicated: a content-syndication daemon"};
  app.require_subcommand(0, 1);
  app.set_version_flag("--version", std::string("syndicated ") + SYND_VERSION);
  int exit_code = synd::kExitOk;
  synd::AddParseCommand(app, exit_code);
  synd::AddCheckConfigCommand(app, exit_code);
  synd::AddOnceCommand(app, exit_code);
  synd::AddRunCommand(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : synd::kExitUsage;
  }
  if (app.get_subcommands().empty()) {
    std::cerr << app.help();
    return synd::kExitUsage;
  }
  return exit_code;
}

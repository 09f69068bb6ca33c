#include "daemon/cli/check_config_command.hpp"

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "daemon/cli/commands.hpp"
#include "daemon/cli/config_option.hpp"

namespace synd {

void AddCheckConfigCommand(CLI::App& app, int& exit_code) {
  CLI::App* command = app.add_subcommand(
      "check-config", "validate the configuration; print FILE:LINE:COL: message per problem");
  auto option = std::make_shared<ConfigFileOption>();
  AddConfigFileOption(*command, *option);
  command->callback([option, &exit_code] {
    const ConfigLoad load = ResolveConfigOption(*option);
    if (!load.ok()) {
      PrintConfigErrors(load, std::cerr);
      exit_code = kExitConfig;
      return;
    }
    std::cout << "configuration OK: " << load.config->source << std::endl;
    exit_code = kExitOk;
  });
}

}  // namespace synd

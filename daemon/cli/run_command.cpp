#include "daemon/cli/run_command.hpp"

#include <CLI/CLI.hpp>

#include "daemon/app.hpp"
#include "daemon/cli/config_option.hpp"
#include "daemon/logging.hpp"

namespace synd {

void AddRunCommand(CLI::App& app, int& exit_code) {
  auto config = std::make_shared<ConfigFileOption>();
  CLI::App* cmd = app.add_subcommand("run", "run the daemon in the foreground");
  AddConfigFileOption(*cmd, *config);
  cmd->callback([config, &exit_code] {
    SetUpLogging();
    AppOptions options;
    if (config->option != nullptr && config->option->count() > 0) {
      options.config_path = config->path;
    }
    exit_code = RunDaemon(options);
  });
}

}  // namespace synd

#include "daemon/cli/config_option.hpp"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <ostream>
#include <system_error>

namespace synd {

void AddConfigFileOption(CLI::App& command, ConfigFileOption& out) {
  out.option = command.add_option("-c,--config", out.path,
                                  "configuration file (default: ./syndicated.yaml, then "
                                  "/etc/syndicated/syndicated.yaml, then the built-in default)");
  out.option->type_name("FILE");
}

ConfigLoad ResolveConfigOption(const ConfigFileOption& option) {
  std::optional<std::filesystem::path> cli_path;
  if (option.option != nullptr && option.option->count() > 0) cli_path = option.path;
  std::error_code ec;
  std::filesystem::path cwd = std::filesystem::current_path(ec);
  if (ec) {
    // Without a working directory only an absolute -c FILE can be found.
    ConfigLoad load;
    load.errors.push_back(ConfigError{cli_path ? cli_path->string() : ".", 1, 1,
                                      "cannot read the working directory: " + ec.message()});
    return load;
  }
  return ResolveConfig(cli_path, cwd);
}

void PrintConfigErrors(const ConfigLoad& load, std::ostream& out) {
  for (const ConfigError& error : load.errors) out << error.ToString() << '\n';
  out.flush();
}

}  // namespace synd

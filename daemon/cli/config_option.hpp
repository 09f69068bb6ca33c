// The -c FILE option of the subcommands that read the configuration (run, once, check-config,
// deliveries), and resolving it as DESIGN.md §4 says. I/O shell only: it reads the working
// directory and prints; the loading itself is config/load.hpp.
#pragma once

#include <iosfwd>
#include <string>

#include "config/load.hpp"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace synd {

// Filled in by the command line parser; must outlive the CLI11 app's parse().
struct ConfigFileOption {
  std::string path;
  CLI::Option* option = nullptr;
};

// Adds "-c,--config FILE" to `command`.
void AddConfigFileOption(CLI::App& command, ConfigFileOption& out);

// The configuration to run on: -c FILE if it was given (relative to the working directory), else
// ./syndicated.yaml, else /etc/syndicated/syndicated.yaml, else the embedded default.
ConfigLoad ResolveConfigOption(const ConfigFileOption& option);

// Writes each problem as "FILE:LINE:COL: message", one a line.
void PrintConfigErrors(const ConfigLoad& load, std::ostream& out);

}  // namespace synd

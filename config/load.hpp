// Loading the YAML configuration (DESIGN.md §5) into a validated Config. Runs before the daemon
// is ready and on every reload; it reads the config file and the webhooks' secret files and
// nothing else. Every problem is reported, each as FILE:LINE:COL: message; no message ever
// holds a secret.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"

namespace synd {

// One problem in a configuration file. Line and column are 1-based; problems with the file
// itself (missing, unreadable) are at 1:1.
struct ConfigError {
  std::string file;
  int line = 1;
  int column = 1;
  std::string message;

  // "FILE:LINE:COL: message".
  std::string ToString() const;
  bool operator==(const ConfigError&) const = default;
};

// The outcome of a load: `config` is set exactly when `errors` is empty. Errors are in file
// order (line, then column).
struct ConfigLoad {
  std::optional<Config> config;
  std::vector<ConfigError> errors;

  bool ok() const { return config.has_value(); }
};

// Where ResolveConfig looks when neither -c nor ./syndicated.yaml is given.
inline constexpr std::string_view kSystemConfigFile = "/etc/syndicated/syndicated.yaml";

// Loads `file`. Relative paths in it (paths.*, secret_file) resolve against the file's folder;
// a relative `file` resolves against the process's working directory. Errors and
// Config::source name the file as given.
ConfigLoad LoadConfigFile(const std::filesystem::path& file);

// Loads YAML text. `file_name` is what errors and Config::source say; relative paths resolve
// against `base_dir` (made absolute against the working directory if it is relative).
// An empty document gives the defaults: EmbeddedDefaultConfig(base_dir).
ConfigLoad LoadConfigText(std::string_view yaml, const std::string& file_name,
                          const std::filesystem::path& base_dir);

// The configuration a command runs on (DESIGN.md §4): `cli_path` (-c FILE, relative to `cwd`)
// when given, an error if it cannot be read; else `cwd`/syndicated.yaml if it exists; else
// `system_file` if it exists; else EmbeddedDefaultConfig(cwd). A file that exists but cannot be
// read is an error, never skipped.
ConfigLoad ResolveConfig(const std::optional<std::filesystem::path>& cli_path,
                         const std::filesystem::path& cwd,
                         const std::filesystem::path& system_file = kSystemConfigFile);

}  // namespace synd

// The embedded default configuration: what the daemon runs on when no config file is found
// (DESIGN.md §4): paths under ./var/, HTTP on 127.0.0.1:8080, one feed "all".
#pragma once

#include <filesystem>

#include "config/config.hpp"

namespace synd {

// `base` is the folder the relative ./var/ paths resolve against (the working directory).
Config EmbeddedDefaultConfig(const std::filesystem::path& base);

}  // namespace synd

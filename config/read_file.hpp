// Reading a small file whole, for the config loader (the config file and webhook secret files).
// Errors name the path and the system's reason; they never include the file's content.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include "feeds/model/status.hpp"

namespace synd::config {

// The bytes of the regular file at `path` (symlinks followed), at most `max_bytes` of them.
// Errors: cannot open or read (with strerror), not a regular file, larger than `max_bytes`.
Result<std::string> ReadSmallFile(const std::filesystem::path& path, std::size_t max_bytes);

}  // namespace synd::config

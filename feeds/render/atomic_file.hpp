// Atomic replacement of one output file, the way leveldb replaces its CURRENT file: the feed
// writer's only I/O (render stage). Readers (the HTTP server) see the old bytes or the new
// ones, never a mix, and a crash leaves one of the two.
#pragma once

#include <filesystem>
#include <string_view>

#include "feeds/model/status.hpp"

namespace synd {

// Makes `path` hold exactly `bytes`: writes ".<file name>.tmp" in the same folder, fsyncs it,
// renames it over `path` and fsyncs the folder. When `path` already holds exactly `bytes` it
// is left alone, mtime included, and the result is false; true when the file was written.
// The folder must exist. Errors (kIo) name the path, the step and the system's reason; the
// temporary file is removed on failure. Not for two concurrent writers of one path.
Result<bool> WriteFileAtomic(const std::filesystem::path& path, std::string_view bytes);

// True when `path` is a regular file holding exactly `bytes` (read in bounded chunks).
bool FileHolds(const std::filesystem::path& path, std::string_view bytes);

}  // namespace synd

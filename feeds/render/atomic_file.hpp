// Atomic replacement of one output file, the way leveldb replaces its CURRENT file: the feed
// writer's only I/O (render stage). Readers (the HTTP server) see the old bytes or the new
// ones, never a mix, and a crash leaves one of the two.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/model/status.hpp"

namespace synd {

// Makes `path` hold exactly `bytes`: writes ".<file name>.tmp" in the same folder, fsyncs it,
// renames it over `path` and fsyncs the folder. The replaced file keeps a second name,
// ".<file name>.old", until then, so that freeing its blocks is not part of the rename; a crash
// in between leaves that name (RemoveLeftovers, or the next replacement of `path`, removes
// it). When `path`
// already holds exactly `bytes` it is left alone, mtime included, and the result is false; true
// when the file was written.
// The folder must exist. Errors (kIo) name the path, the step and the system's reason; the
// temporary file is removed on failure. Not for two concurrent writers of one path.
Result<bool> WriteFileAtomic(const std::filesystem::path& path, std::string_view bytes);

// Several atomic replacements made together, for the feed writer's many files: every file is
// written to its temporary and fsynced — in parallel, so the disk's flush latency is paid about
// once, not once per file — before the first rename; renames happen in Stage order (so pages a
// feed links to are in place before the feed); then each folder is fsynced once. Each file has
// WriteFileAtomic's guarantees. Not thread-safe; one batch per writer.
class AtomicFileBatch {
 public:
  // Stages `bytes` for `path` unless the file already holds exactly them (then returns false
  // and `path` is left alone, mtime included). The bytes are not copied: they must stay valid
  // and unchanged until Commit returns (a copy of a feed is fresh memory, and first touches of
  // fresh pages are what a render spends most on).
  bool Stage(const std::filesystem::path& path, std::string_view bytes);
  bool Stage(const std::filesystem::path& path, std::string&& bytes) = delete;  // would dangle

  // Writes and renames everything staged. On error (kIo, naming the path and step) files staged
  // earlier may already be in place, each complete; no temporary file is left behind.
  Status Commit();

  std::size_t size() const { return staged_.size(); }

 private:
  struct Staged {
    std::filesystem::path path;
    std::filesystem::path tmp;
    std::string_view bytes;
  };
  std::vector<Staged> staged_;
};

// Removes what a crash in the middle of a replacement leaves in `folder`: temporaries
// (".<name>.tmp") and second names of replaced files (".<name>.old"). Errors are ignored (a
// leftover only takes space). Not while a batch or WriteFileAtomic runs on the folder.
void RemoveLeftovers(const std::filesystem::path& folder);

// True when `path` is a regular file holding exactly `bytes` (read in bounded chunks).
bool FileHolds(const std::filesystem::path& path, std::string_view bytes);

}  // namespace synd

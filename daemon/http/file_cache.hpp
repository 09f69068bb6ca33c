// In-memory cache of the output folder's served files (HTTP stage of the daemon shell): maps a
// relative path to its immutable CachedFile snapshot and revalidates it cheaply — at most one
// lstat() per file per revalidate interval, or at once after Invalidate(). It only reads the
// output folder; rendering and writing feeds belong to the feed writer.
//
// Cross-thread path (the documented exception to STYLE.md's one-thread rule): when the server runs
// its own threads, Lookup() is called from each of them and Invalidate*() from the app's thread.
// A mutex guards the map (held for a hash lookup, or one lstat when a check is due; never while a
// file is read or compressed). Snapshots are shared_ptr<const CachedFile>, never mutated, so a
// connection keeps sending the snapshot it got while a newer one replaces it in the map.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "daemon/http/cached_file.hpp"

namespace synd::http {

struct FileCacheOptions {
  std::filesystem::path root;  // the output folder
  LoadOptions load;
  // How long a snapshot is served without an lstat() of its file. 0: check on every lookup.
  std::chrono::milliseconds revalidate_interval{1000};
  // Bound on the bytes of all cached snapshots; least recently used ones are dropped beyond it.
  std::size_t max_bytes = 256u << 20;
};

enum class LookupStatus { kOk, kNotFound, kError };

struct LookupResult {
  LookupStatus status = LookupStatus::kNotFound;
  std::shared_ptr<const CachedFile> file;  // set when kOk
};

class FileCache {
 public:
  using Clock = std::chrono::steady_clock;

  explicit FileCache(FileCacheOptions options);
  FileCache(const FileCache&) = delete;
  FileCache& operator=(const FileCache&) = delete;

  // The current snapshot of `relative_path` (a whitelisted path such as "all.rss"). kNotFound when
  // there is no such file (missing paths are not cached); kError when it exists but cannot be
  // served (the error is remembered for one revalidate interval, and `on_error` is called once
  // each time it is (re)discovered). Thread-safe.
  LookupResult Lookup(std::string_view relative_path, Clock::time_point now);

  // The next lookup of `relative_path` (or of every file) checks the file again. For the feed
  // writer, after it replaced a file. Thread-safe; cheap (no I/O).
  void Invalidate(std::string_view relative_path);
  void InvalidateAll();

  // Called (outside the lock, on the looking-up thread) with the error of a file that cannot be
  // served. Set before serving starts.
  void set_on_error(std::function<void(const Status&)> on_error) {
    on_error_ = std::move(on_error);
  }

  std::size_t bytes() const;

 private:
  struct Entry {
    std::string full_path;
    std::shared_ptr<const CachedFile> file;  // null: the last load failed (kError)
    Clock::time_point next_check;
    std::uint64_t last_use = 0;
    std::uint64_t load_ticket = 0;  // which load produced `file`; later loads win
  };
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  LookupResult Load(std::string_view relative_path, Clock::time_point now, std::uint64_t epoch,
                    std::uint64_t load_ticket);
  void EvictLocked(std::string_view keep);

  const FileCacheOptions options_;
  std::function<void(const Status&)> on_error_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry, Hash, std::equal_to<>> entries_;
  std::size_t bytes_ = 0;
  std::uint64_t use_clock_ = 0;   // recency for eviction
  std::uint64_t epoch_ = 0;       // bumped by every Invalidate*()
  std::uint64_t load_clock_ = 0;  // orders concurrent loads
};

}  // namespace synd::http

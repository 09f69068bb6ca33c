// One served file of the output folder, loaded once into an immutable snapshot (HTTP stage of the
// daemon shell): its bytes and gzip form, each with a strong ETag and prebuilt response header
// lines, so serving it is a lookup and a write. It only reads the output folder, never below it
// (every path component is opened with O_NOFOLLOW); it never renders or writes feeds.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "feeds/model/status.hpp"
#include "feeds/model/time.hpp"

namespace synd::http {

// What identifies a file's bytes on disk without reading them. The feed writer replaces files by
// rename, so a new version has a new inode; size and mtime catch in-place edits.
struct FileIdentity {
  dev_t device = 0;
  ino_t inode = 0;
  off_t size = 0;
  std::int64_t mtime_ns = 0;
  bool operator==(const FileIdentity&) const = default;
};

// One encoding of the file's bytes, ready to send.
struct Representation {
  std::string bytes;  // the body, unless it lives in `fd`
  int fd = -1;        // a sealed memfd with the body, sent with sendfile(); -1: use `bytes`
  std::size_t size = 0;
  std::string etag;         // quoted, e.g. "\"3f…\"" or "\"3f…-gz\""
  std::string headers_200;  // header lines (each ending CRLF) after status line and Date
  std::string headers_304;
};

// Immutable once built: shared across connections (and threads) through shared_ptr<const>.
struct CachedFile {
  CachedFile() = default;
  ~CachedFile();  // closes the memfds
  CachedFile(const CachedFile&) = delete;
  CachedFile& operator=(const CachedFile&) = delete;

  FileIdentity identity;
  TimePoint last_modified;         // mtime, whole seconds
  std::string last_modified_text;  // IMF-fixdate, as sent in Last-Modified
  Representation identity_body;
  Representation gzip_body;  // valid when has_gzip
  bool has_gzip = false;     // false when gzip would not be smaller

  std::size_t memory_bytes() const { return identity_body.size + gzip_body.size; }
};

struct LoadOptions {
  std::string base_url;              // ends in '/'; feeds get Link: <base_url>feeds/<file>
  std::chrono::seconds max_age{60};  // Cache-Control max-age; 0 sends "no-cache"
  std::size_t max_file_bytes = 64u << 20;
  std::size_t sendfile_threshold = 64u << 10;  // bodies at least this big go to a memfd
};

// Reads `relative_path` (e.g. "all.rss", "articles/x.html") below `root` and builds its snapshot.
// Errors: kNotFound when the file, or a folder on the way, is missing, a symlink, or not a
// regular file/folder, or when the path has an empty, "." or ".." component; kIo otherwise
// (unreadable, larger than max_file_bytes). Messages name the path.
Result<std::shared_ptr<const CachedFile>> LoadCachedFile(const std::filesystem::path& root,
                                                         std::string_view relative_path,
                                                         const LoadOptions& options);

// Fills `out` with the identity of the file at `path`, not following a final symlink; false when
// it cannot be stat'ed.
bool StatIdentity(const char* path, FileIdentity& out);

// Content-Type for a served file name by its extension (.rss .atom .json .html), with charset.
std::string_view ContentTypeFor(std::string_view file_name);

}  // namespace synd::http

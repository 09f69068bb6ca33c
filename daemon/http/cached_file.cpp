#include "daemon/http/cached_file.hpp"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <array>
#include <cassert>
#include <cstring>
#include <utility>

namespace synd::http {
namespace {

class UniqueFd {
 public:
  explicit UniqueFd(int fd = -1) : fd_(fd) {}
  ~UniqueFd() {
    if (fd_ >= 0) ::close(fd_);
  }
  UniqueFd(UniqueFd&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}
  UniqueFd& operator=(UniqueFd&& o) noexcept {
    std::swap(fd_, o.fd_);
    return *this;
  }
  int Get() const { return fd_; }
  int Release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

std::string ErrnoText(int err) { return std::strerror(err); }

// Errors that mean "there is no such servable file" rather than "the server cannot read it".
bool IsNotFound(int err) { return err == ENOENT || err == ELOOP || err == ENOTDIR; }

Status OpenError(std::string_view relative_path, int err) {
  std::string message = std::string(relative_path) + ": " + ErrnoText(err);
  return IsNotFound(err) ? Status::Error(ErrorCode::kNotFound, std::move(message))
                         : Status::Io(std::move(message));
}

// Opens root/relative_path read-only, refusing symlinks in every component below root. Only the
// whitelisted shapes reach here, but the walk checks components itself so no caller can escape.
Result<UniqueFd> OpenBeneath(const std::filesystem::path& root, std::string_view relative_path) {
  UniqueFd dir(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.Get() < 0) return OpenError(relative_path, errno);
  std::string component;
  std::string_view rest = relative_path;
  for (;;) {
    const auto slash = rest.find('/');
    component.assign(rest.substr(0, slash));
    if (component.empty() || component == "." || component == ".." ||
        component.find('\0') != std::string::npos) {
      return Status::Error(ErrorCode::kNotFound,
                           std::string(relative_path) + ": not a served path");
    }
    const bool last = slash == std::string_view::npos;
    const int flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | (last ? O_NONBLOCK : O_DIRECTORY);
    UniqueFd next(::openat(dir.Get(), component.c_str(), flags));
    if (next.Get() < 0) return OpenError(relative_path, errno);
    if (last) return next;
    dir = std::move(next);
    rest.remove_prefix(slash + 1);
  }
}

FileIdentity IdentityOf(const struct stat& st) {
  return {st.st_dev, st.st_ino, st.st_size,
          static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec};
}

Status ReadAll(int fd, std::size_t size, std::string& out, std::string_view relative_path) {
  out.resize(size);
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::pread(fd, out.data() + done, size - done, static_cast<off_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Status::Io(std::string(relative_path) + ": read: " + ErrnoText(errno));
    if (n == 0) break;  // truncated under us; the identity check on the next lookup reloads it
    done += static_cast<std::size_t>(n);
  }
  out.resize(done);
  return Status::Ok();
}

// First 128 bits of SHA-256, in hex: a strong validator of the exact bytes.
std::string ContentHash(std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int md_size = 0;
  [[maybe_unused]] const int ok =
      EVP_Digest(bytes.data(), bytes.size(), md.data(), &md_size, EVP_sha256(), nullptr);
  assert(ok == 1 && md_size >= 16);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(32);
  for (std::size_t i = 0; i < 16; ++i) {
    hex += kHex[md[i] >> 4];
    hex += kHex[md[i] & 0xf];
  }
  return hex;
}

// gzip (RFC 1952) at the default level; the header carries no name and no time, so the same
// bytes always give the same gzip bytes. Empty on failure (then gzip is simply not offered).
std::string Gzip(std::string_view bytes) {
  z_stream zs{};
  if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    return {};
  }
  std::string out(deflateBound(&zs, static_cast<uLong>(bytes.size())), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  zs.avail_in = static_cast<uInt>(bytes.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return rc == Z_STREAM_END ? out : std::string();
}

// A sealed memfd holding `bytes`, or -1 (then the body is served from memory instead). Sealing
// makes the snapshot immutable, which is what lets sendfile() run with no lock held.
int SealedMemfd(std::string_view bytes) {
  UniqueFd fd(::memfd_create("syndicated-http", MFD_CLOEXEC | MFD_ALLOW_SEALING));
  if (fd.Get() < 0) return -1;
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd.Get(), bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return -1;
    done += static_cast<std::size_t>(n);
  }
  const int seals = F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL;
  if (::fcntl(fd.Get(), F_ADD_SEALS, seals) != 0) return -1;
  return fd.Release();
}

bool IsFeedFile(std::string_view relative_path) {
  return relative_path.find('/') == std::string_view::npos &&
         (relative_path.ends_with(".rss") || relative_path.ends_with(".atom") ||
          relative_path.ends_with(".json"));
}

struct HeaderInputs {
  std::string_view content_type;
  std::string_view cache_control;
  std::string_view last_modified;
  std::string link;  // empty or "<url>; rel=\"self\""
};

void BuildHeaders(Representation& rep, const HeaderInputs& in, bool gzip) {
  std::string common = "ETag: " + rep.etag + "\r\nLast-Modified: " + std::string(in.last_modified) +
                       "\r\nCache-Control: " + std::string(in.cache_control) +
                       "\r\nVary: Accept-Encoding\r\n";
  rep.headers_304 = common;
  rep.headers_200 = "Content-Type: " + std::string(in.content_type) +
                    "\r\nContent-Length: " + std::to_string(rep.size) + "\r\n" + common;
  if (gzip) rep.headers_200 += "Content-Encoding: gzip\r\n";
  if (!in.link.empty()) rep.headers_200 += "Link: " + in.link + "\r\n";
  rep.headers_200 += "X-Content-Type-Options: nosniff\r\n";
}

void StoreBody(Representation& rep, std::string bytes, const LoadOptions& options) {
  rep.size = bytes.size();
  if (bytes.size() >= options.sendfile_threshold) rep.fd = SealedMemfd(bytes);
  if (rep.fd < 0) rep.bytes = std::move(bytes);
}

}  // namespace

CachedFile::~CachedFile() {
  if (identity_body.fd >= 0) ::close(identity_body.fd);
  if (gzip_body.fd >= 0) ::close(gzip_body.fd);
}

bool StatIdentity(const char* path, FileIdentity& out) {
  struct stat st {};
  if (::lstat(path, &st) != 0) return false;
  out = IdentityOf(st);
  return true;
}

std::string_view ContentTypeFor(std::string_view file_name) {
  if (file_name.ends_with(".rss")) return "application/rss+xml; charset=utf-8";
  if (file_name.ends_with(".atom")) return "application/atom+xml; charset=utf-8";
  if (file_name.ends_with(".json")) return "application/feed+json; charset=utf-8";
  return "text/html; charset=utf-8";
}

Result<std::shared_ptr<const CachedFile>> LoadCachedFile(const std::filesystem::path& root,
                                                         std::string_view relative_path,
                                                         const LoadOptions& options) {
  auto fd = OpenBeneath(root, relative_path);
  if (!fd.ok()) return fd.status();
  struct stat st {};
  if (::fstat(fd->Get(), &st) != 0) return OpenError(relative_path, errno);
  if (!S_ISREG(st.st_mode)) {
    return Status::Error(ErrorCode::kNotFound, std::string(relative_path) + ": not a regular file");
  }
  if (static_cast<std::size_t>(st.st_size) > options.max_file_bytes) {
    return Status::Io(std::string(relative_path) + ": larger than " +
                      std::to_string(options.max_file_bytes) + " bytes");
  }
  std::string bytes;
  if (Status s = ReadAll(fd->Get(), static_cast<std::size_t>(st.st_size), bytes, relative_path);
      !s.ok()) {
    return s;
  }
  auto file = std::make_shared<CachedFile>();
  file->identity = IdentityOf(st);
  file->last_modified = TimePoint(std::chrono::seconds(st.st_mtim.tv_sec));
  file->last_modified_text = FormatHttpDate(file->last_modified);

  const std::string cache_control =
      options.max_age.count() > 0 ? "public, max-age=" + std::to_string(options.max_age.count())
                                  : std::string("no-cache");
  HeaderInputs in{ContentTypeFor(relative_path), cache_control, file->last_modified_text, {}};
  if (IsFeedFile(relative_path)) {
    in.link = "<" + options.base_url + "feeds/" + std::string(relative_path) + ">; rel=\"self\"";
  }
  const std::string hash = ContentHash(bytes);
  std::string gz = Gzip(bytes);
  file->has_gzip = !gz.empty() && gz.size() < bytes.size();
  if (file->has_gzip) {
    file->gzip_body.etag = "\"" + hash + "-gz\"";
    StoreBody(file->gzip_body, std::move(gz), options);
    BuildHeaders(file->gzip_body, in, /*gzip=*/true);
  }
  file->identity_body.etag = "\"" + hash + "\"";
  StoreBody(file->identity_body, std::move(bytes), options);
  BuildHeaders(file->identity_body, in, /*gzip=*/false);
  return std::shared_ptr<const CachedFile>(std::move(file));
}

}  // namespace synd::http

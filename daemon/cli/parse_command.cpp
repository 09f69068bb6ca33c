#include "daemon/cli/parse_command.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <boost/json/serialize.hpp>
#include <cerrno>
#include <cstring>
#include <iostream>

#include "daemon/cli/commands.hpp"
#include "feeds/ingest/ingest.hpp"
#include "feeds/model/article_json.hpp"
#include "feeds/model/unique_fd.hpp"

namespace synd {
namespace {

Status ErrnoStatus(int error) {
  if (error == ELOOP) return Status::Io("is a symbolic link (not followed)");
  return Status::Io(std::strerror(error));
}

Status TooLarge(off_t size) {
  return Status::Io("is " + std::to_string(size >> 20) + " MiB; dumps over " +
                    std::to_string(kMaxDumpBytes >> 20) + " MiB are not read");
}

FileVersion VersionOf(const struct stat& st) {
  const auto ns = [](const timespec& t) { return int64_t{t.tv_sec} * 1000000000 + t.tv_nsec; };
  return FileVersion{
      .device = st.st_dev, .inode = st.st_ino, .size = st.st_size, .modified_ns = ns(st.st_mtim)};
}

}  // namespace

Result<FileVersion> CurrentVersion(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return ErrnoStatus(errno);
  return VersionOf(st);
}

Result<FileBytes> ReadDumpFile(const std::string& path) {
  // O_NONBLOCK keeps a FIFO from blocking the open; it is refused below as not a regular file.
  const UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK));
  if (fd.get() < 0) return ErrnoStatus(errno);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return ErrnoStatus(errno);
  if (S_ISDIR(st.st_mode)) return Status::Io("is a directory");
  if (!S_ISREG(st.st_mode)) return Status::Io("not a regular file");
  if (static_cast<std::size_t>(st.st_size) > kMaxDumpBytes) return TooLarge(st.st_size);
  FileBytes file;
  file.modified = TimePoint{std::chrono::seconds{st.st_mtim.tv_sec}};
  file.version = VersionOf(st);
  file.bytes.resize(static_cast<std::size_t>(st.st_size));
  std::size_t filled = 0;
  for (;;) {
    if (filled == file.bytes.size()) {  // the file grew while being read
      if (filled >= kMaxDumpBytes) return TooLarge(static_cast<off_t>(filled));
      file.bytes.resize(filled + 65536);
    }
    const ssize_t n = ::read(fd.get(), file.bytes.data() + filled, file.bytes.size() - filled);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ErrnoStatus(errno);
    if (n == 0) break;
    filled += static_cast<std::size_t>(n);
  }
  file.bytes.resize(filled);
  return file;
}

int RunParse(const std::vector<std::string>& files, std::optional<TimePoint> reference_time,
             std::ostream& out, std::ostream& err) {
  int status = kExitOk;
  std::string lines;
  for (const std::string& path : files) {
    Result<FileBytes> file = ReadDumpFile(path);
    Result<ParsedDump> dump =
        file.ok() ? ParseDump(DumpInput{file->bytes, path, reference_time.value_or(file->modified)})
                  : Result<ParsedDump>(file.status());
    if (!dump.ok()) {
      err << path << ": error: " << dump.status().message() << '\n';
      status = kExitFailure;
      continue;
    }
    for (const std::string& warning : dump->warnings) {
      err << path << ": warning: " << warning << '\n';
    }
    lines.clear();
    for (const Article& article : dump->articles) {
      lines += boost::json::serialize(ArticleToJson(article));
      lines += '\n';
    }
    out << lines;
  }
  out.flush();
  return status;
}

void AddParseCommand(CLI::App& app, int& exit_code) {
  CLI::App* cmd = app.add_subcommand(
      "parse", "Parse and normalize dumps; print one JSON object per article (JSON Lines)");
  struct Options {
    std::string reference_time;
    std::vector<std::string> files;
  };
  auto options = std::make_shared<Options>();
  cmd->add_option("--reference-time", options->reference_time,
                  "RFC 3339 time that resolves relative dates (default: each file's mtime)");
  cmd->add_option("FILE", options->files, "Dump files")->required();
  cmd->callback([options, &exit_code] {
    std::optional<TimePoint> reference;
    if (!options->reference_time.empty()) {
      Result<TimePoint> parsed = ParseRfc3339(options->reference_time);
      if (!parsed.ok()) {
        std::cerr << "syndicated parse: --reference-time: " << parsed.status().message() << '\n';
        exit_code = kExitUsage;
        return;
      }
      reference = *parsed;
    }
    exit_code = RunParse(options->files, reference, std::cout, std::cerr);
  });
}

}  // namespace synd

#include "config/load.hpp"

#include <system_error>

#include "config/defaults.hpp"
#include "config/read_file.hpp"
#include "config/sections.hpp"
#include "config/yaml_fields.hpp"

namespace synd {
namespace {

constexpr std::size_t kMaxConfigBytes = std::size_t{1024} * 1024;

void ReadTopLevel(const config::Field& root, const config::LoadContext& ctx, Config& config) {
  const config::MapFields map(
      root, {"site", "paths", "http", "feeds", "webhooks", "dedupe", "shutdown_grace"}, ctx.diag);
  if (const config::Field* f = map.Get("site")) config::ReadSite(*f, ctx, config.site);
  if (const config::Field* f = map.Get("paths")) config::ReadPaths(*f, ctx, config.paths);
  if (const config::Field* f = map.Get("http")) config::ReadHttp(*f, ctx, config.http);
  if (const config::Field* f = map.Get("feeds")) config::ReadFeeds(*f, ctx, config.feeds);
  if (const config::Field* f = map.Get("webhooks")) {
    config::ReadWebhooks(*f, ctx, config.feeds, config.webhooks);
  }
  if (const config::Field* f = map.Get("dedupe")) config::ReadDedupe(*f, ctx, config.dedupe);
  if (const config::Field* f = map.Get("shutdown_grace")) {
    if (auto grace = config::ReadDuration(*f, Duration(0), ctx.diag)) {
      config.shutdown_grace = *grace;
    }
  }
}

ConfigLoad FileError(const std::string& file_name, std::string message) {
  ConfigLoad load;
  load.errors.push_back(ConfigError{file_name, 1, 1, std::move(message)});
  return load;
}

// Reads `path`, naming it `file_name` in errors and in Config::source.
ConfigLoad LoadFileAs(const std::filesystem::path& path, const std::string& file_name) {
  Result<std::string> text = config::ReadSmallFile(path, kMaxConfigBytes);
  if (!text.ok()) {
    return FileError(file_name, "cannot read the configuration: " + text.status().message());
  }
  return LoadConfigText(*text, file_name, path.parent_path());
}

// Whether anything (even a dangling symlink or an unreadable entry) is at `path`: such a file
// is the operator's configuration and must be reported, not skipped.
bool SomethingAt(const std::filesystem::path& path) {
  std::error_code ec;
  const std::filesystem::file_status status = std::filesystem::symlink_status(path, ec);
  return status.type() != std::filesystem::file_type::not_found;
}

}  // namespace

std::string ConfigError::ToString() const {
  return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message;
}

ConfigLoad LoadConfigText(std::string_view yaml, const std::string& file_name,
                          const std::filesystem::path& base_dir) {
  config::Diagnostics diag(file_name);
  std::error_code ec;
  std::filesystem::path base = std::filesystem::absolute(base_dir, ec);
  if (ec) base = base_dir;
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(std::string(yaml));
  } catch (const YAML::Exception& e) {
    diag.Add(e.mark, "YAML syntax error: " + e.msg);
    return ConfigLoad{std::nullopt, diag.Take()};
  }
  if (documents.size() > 1) {
    diag.Add(documents[1].Mark(), "only one YAML document is allowed (a second starts here)");
  }
  Config config = EmbeddedDefaultConfig(base.lexically_normal());
  config.source = file_name;
  const config::LoadContext ctx{diag, base.lexically_normal()};
  ReadTopLevel(config::RootField(documents.empty() ? YAML::Node() : documents.front()), ctx,
               config);
  if (!diag.empty()) return ConfigLoad{std::nullopt, diag.Take()};
  return ConfigLoad{std::move(config), {}};
}

ConfigLoad LoadConfigFile(const std::filesystem::path& file) {
  std::error_code ec;
  std::filesystem::path path = std::filesystem::absolute(file, ec);
  if (ec) return FileError(file.string(), "cannot resolve the path: " + ec.message());
  return LoadFileAs(path, file.string());
}

ConfigLoad ResolveConfig(const std::optional<std::filesystem::path>& cli_path,
                         const std::filesystem::path& cwd,
                         const std::filesystem::path& system_file) {
  if (cli_path) return LoadFileAs(cwd / *cli_path, cli_path->string());
  const std::filesystem::path local = cwd / "syndicated.yaml";
  if (SomethingAt(local)) return LoadFileAs(local, local.string());
  if (SomethingAt(system_file)) return LoadFileAs(system_file, system_file.string());
  return ConfigLoad{EmbeddedDefaultConfig(cwd), {}};
}

}  // namespace synd

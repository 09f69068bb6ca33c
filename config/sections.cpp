#include "config/sections.hpp"

#include <array>
#include <map>
#include <optional>
#include <string>

#include "config/values.hpp"

namespace synd::config {
namespace {

constexpr std::int64_t kMaxFeedLimit = 10000;

// Reports a bad value of a scalar format checked by a values.hpp function.
void Report(const Field& field, const Status& status, Diagnostics& diag) {
  diag.Add(field.mark, Describe(field.path, status.message()));
}

void ReadOptionalString(const MapFields& map, std::string_view key, Diagnostics& diag,
                        std::string& out) {
  if (const Field* field = map.Get(key)) {
    if (std::optional<std::string> text = ReadString(*field, diag)) out = std::move(*text);
  }
}

// id_authority defaults to the base URL's host, which works only when that host is a name.
void DefaultIdAuthority(const Field& base_url_field, const BaseUrl& base_url, Diagnostics& diag,
                        SiteDef& site) {
  if (base_url.host_is_ip) {
    diag.Add(base_url_field.mark,
             "site.id_authority is missing, and site.base_url's host " + base_url.host +
                 " is an IP address, which cannot be the authority of tag: ids; set "
                 "site.id_authority to a domain name or e-mail address you control");
    return;
  }
  Result<std::string> authority = ParseTagAuthority(base_url.host);
  if (!authority.ok()) {
    diag.Add(base_url_field.mark,
             "site.id_authority is missing, and site.base_url's host cannot stand in for it: " +
                 authority.status().message());
    return;
  }
  site.id_authority = *authority;
}

void ReadFilter(const Field& field, Diagnostics& diag, FeedFilter& filter) {
  const MapFields map(field, {"keywords", "sections", "sources", "languages"}, diag);
  const std::array<std::pair<std::string_view, std::vector<std::string>*>, 4> lists = {{
      {"keywords", &filter.keywords},
      {"sections", &filter.sections},
      {"sources", &filter.sources},
      {"languages", &filter.languages},
  }};
  for (const auto& [key, out] : lists) {
    const Field* list = map.Get(key);
    if (list == nullptr) continue;
    std::optional<std::vector<Field>> items = ReadList(*list, diag);
    if (!items) continue;
    for (const Field& item : *items) {
      std::optional<std::string> text = ReadString(item, diag);
      if (!text) continue;
      if (key == "languages" && !IsLanguageTag(*text)) {
        diag.Add(item.mark, Describe(item.path, QuoteForMessage(*text) +
                                                    " is not a language tag like en or pt-BR"));
        continue;
      }
      out->push_back(std::move(*text));
    }
  }
}

// Reads one feed; returns false when it has no usable name. `name_mark` is where the name is.
bool ReadFeed(const Field& field, Diagnostics& diag, FeedDef& feed, YAML::Mark& name_mark) {
  const MapFields map(field, {"name", "title", "limit", "include", "exclude"}, diag);
  if (!map.is_map()) return false;
  const Field* name = map.Get("name");
  if (name == nullptr) {
    diag.Add(field.mark, Describe(field.path, "a feed needs a name"));
  } else if (std::optional<std::string> text = ReadString(*name, diag)) {
    name_mark = name->mark;
    if (!IsName(*text)) {
      diag.Add(name->mark, Describe(name->path, QuoteForMessage(*text) +
                                                    " is not a valid feed name: use a-z, 0-9 "
                                                    "and '-' only"));
    }
    // Kept even when invalid, so that webhooks naming this feed are not reported as well.
    feed.name = std::move(*text);
  }
  feed.title = feed.name;
  ReadOptionalString(map, "title", diag, feed.title);
  if (const Field* limit = map.Get("limit")) {
    if (auto value = ReadInt(*limit, 1, kMaxFeedLimit, diag)) {
      feed.limit = static_cast<std::size_t>(*value);
    }
  }
  if (const Field* include = map.Get("include")) ReadFilter(*include, diag, feed.include);
  if (const Field* exclude = map.Get("exclude")) ReadFilter(*exclude, diag, feed.exclude);
  return !feed.name.empty();
}

void ReadUnitInterval(const MapFields& map, std::string_view key, Diagnostics& diag, double& out) {
  const Field* field = map.Get(key);
  if (field == nullptr) return;
  std::optional<double> value = ReadNumber(*field, diag);
  if (!value) return;
  if (!(*value > 0.0 && *value <= 1.0)) {
    diag.Add(field->mark, Describe(field->path, "must be greater than 0 and at most 1, found " +
                                                    field->node.Scalar()));
    return;
  }
  out = *value;
}

}  // namespace

std::filesystem::path ResolvePath(const LoadContext& ctx, const std::string& text) {
  std::filesystem::path path = (ctx.base_dir / text).lexically_normal();
  if (!path.has_filename() && path.has_relative_path()) path = path.parent_path();
  return path;
}

void ReadSite(const Field& field, const LoadContext& ctx, SiteDef& site) {
  const MapFields map(field, {"title", "base_url", "id_authority", "author", "language"}, ctx.diag);
  ReadOptionalString(map, "title", ctx.diag, site.title);
  ReadOptionalString(map, "author", ctx.diag, site.author);
  if (const Field* language = map.Get("language")) {
    if (std::optional<std::string> text = ReadString(*language, ctx.diag)) {
      if (IsLanguageTag(*text)) {
        site.language = std::move(*text);
      } else {
        ctx.diag.Add(language->mark, Describe(language->path, QuoteForMessage(*text) +
                                                                  " is not a language tag like "
                                                                  "en or pt-BR"));
      }
    }
  }
  const Field* authority = map.Get("id_authority");
  if (authority != nullptr) {
    if (std::optional<std::string> text = ReadString(*authority, ctx.diag)) {
      Result<std::string> parsed = ParseTagAuthority(*text);
      if (parsed.ok()) site.id_authority = *parsed;
      if (!parsed.ok()) Report(*authority, parsed.status(), ctx.diag);
    }
  }
  const Field* base_url = map.Get("base_url");
  if (base_url == nullptr) return;
  std::optional<std::string> text = ReadString(*base_url, ctx.diag);
  if (!text) return;
  Result<BaseUrl> parsed = ParseBaseUrl(*text);
  if (!parsed.ok()) {
    Report(*base_url, parsed.status(), ctx.diag);
    return;
  }
  site.base_url = parsed->url;
  if (authority == nullptr) DefaultIdAuthority(*base_url, *parsed, ctx.diag, site);
}

void ReadPaths(const Field& field, const LoadContext& ctx, PathsConfig& paths) {
  const MapFields map(field, {"inbox", "done", "failed", "output", "state"}, ctx.diag);
  const std::array<std::pair<std::string_view, std::filesystem::path*>, 5> slots = {{
      {"inbox", &paths.inbox},
      {"done", &paths.done},
      {"failed", &paths.failed},
      {"output", &paths.output},
      {"state", &paths.state},
  }};
  std::map<std::filesystem::path, std::string_view> seen;
  for (const auto& [key, out] : slots) {
    const Field* path = map.Get(key);
    if (path != nullptr) {
      if (std::optional<std::string> text = ReadString(*path, ctx.diag)) {
        *out = ResolvePath(ctx, *text);
      }
    }
    // Two roles in one folder would mix inputs with outputs (or the store with feeds).
    const auto [it, fresh] = seen.emplace(*out, key);
    if (!fresh) {
      ctx.diag.Add(path != nullptr ? path->mark : map.mark(),
                   "paths." + std::string(key) + ": " + out->string() +
                       " is already used for paths." + std::string(it->second) +
                       "; each folder needs its own path");
    }
  }
}

void ReadHttp(const Field& field, const LoadContext& ctx, HttpConfig& http) {
  const MapFields map(field, {"listen"}, ctx.diag);
  const Field* listen = map.Get("listen");
  if (listen == nullptr) return;
  if (!listen->node.IsScalar()) {
    ctx.diag.Add(listen->mark, Describe(listen->path,
                                        "expected host:port, [IPv6]:port, or \"\" "
                                        "for no HTTP server"));
    return;
  }
  const std::string& text = listen->node.Scalar();
  if (!text.empty()) {
    if (Status status = CheckListenAddress(text); !status.ok()) {
      Report(*listen, status, ctx.diag);
      return;
    }
  }
  http.listen = text;
}

void ReadDedupe(const Field& field, const LoadContext& ctx, DedupeConfig& dedupe) {
  const MapFields map(field, {"jaccard", "containment"}, ctx.diag);
  ReadUnitInterval(map, "jaccard", ctx.diag, dedupe.jaccard);
  ReadUnitInterval(map, "containment", ctx.diag, dedupe.containment);
}

void ReadFeeds(const Field& field, const LoadContext& ctx, std::vector<FeedDef>& feeds) {
  feeds.clear();
  std::optional<std::vector<Field>> items = ReadList(field, ctx.diag);
  if (!items) return;
  std::map<std::string, int> first_line;
  for (const Field& item : *items) {
    FeedDef feed;
    YAML::Mark name_mark;
    if (!ReadFeed(item, ctx.diag, feed, name_mark)) continue;
    const auto [it, fresh] = first_line.emplace(feed.name, name_mark.line + 1);
    if (!fresh) {
      ctx.diag.Add(name_mark,
                   Describe(item.path + ".name", "feed name " + QuoteForMessage(feed.name) +
                                                     " is already used (line " +
                                                     std::to_string(it->second) + ")"));
      continue;
    }
    feeds.push_back(std::move(feed));
  }
}

}  // namespace synd::config

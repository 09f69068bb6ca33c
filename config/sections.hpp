// The sections of the configuration file (DESIGN.md §5), each read from its YAML value into the
// Config with every problem reported. For the config loader only; load.cpp drives them.
#pragma once

#include <filesystem>
#include <vector>

#include "config/config.hpp"
#include "config/yaml_fields.hpp"

namespace synd::config {

// What every section reader needs: where to report, and what relative paths resolve against.
struct LoadContext {
  Diagnostics& diag;
  std::filesystem::path base_dir;  // absolute
};

// `text` resolved against the config's folder, lexically normalized, without a trailing '/'.
std::filesystem::path ResolvePath(const LoadContext& ctx, const std::string& text);

void ReadSite(const Field& field, const LoadContext& ctx, SiteDef& site);
void ReadPaths(const Field& field, const LoadContext& ctx, PathsConfig& paths);
void ReadHttp(const Field& field, const LoadContext& ctx, HttpConfig& http);
void ReadDedupe(const Field& field, const LoadContext& ctx, DedupeConfig& dedupe);
// Replaces `feeds`. Every feed with a name is kept, even one with problems (reported), so that
// webhooks naming it are not reported as well.
void ReadFeeds(const Field& field, const LoadContext& ctx, std::vector<FeedDef>& feeds);
// Replaces `webhooks`; `feeds` are the configured feeds that `webhooks[].feeds` may name.
// Reads each secret_file now.
void ReadWebhooks(const Field& field, const LoadContext& ctx, const std::vector<FeedDef>& feeds,
                  std::vector<WebhookConfig>& webhooks);

}  // namespace synd::config

// The daemon's configuration (DESIGN.md §5): the validated value config/load.hpp produces.
// Paths are absolute (relative ones are resolved against the config file's folder, or the
// working directory for the embedded default). Secrets are held here and never logged.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "feeds/model/site.hpp"

namespace synd {

using Duration = std::chrono::milliseconds;

struct PathsConfig {
  std::filesystem::path inbox;
  std::filesystem::path done;
  std::filesystem::path failed;
  std::filesystem::path output;
  std::filesystem::path state;
  bool operator==(const PathsConfig&) const = default;
};

struct HttpConfig {
  std::string listen = "127.0.0.1:8080";  // host:port, [v6]:port; empty: no HTTP server
  bool operator==(const HttpConfig&) const = default;
};

struct WebhookConfig {
  std::string name;
  std::string url;
  // Every secret signs (rotation). Each is "whsec_<base64>"; secret_file entries are read at
  // load time, so a reload picks up a rotated file.
  std::vector<std::string> secrets;
  std::vector<std::string> events = {"article.created", "article.updated"};
  std::vector<std::string> feeds;  // empty: every article
  Duration timeout = std::chrono::seconds(15);
  std::vector<Duration> retry_schedule = {std::chrono::seconds(5),  std::chrono::minutes(5),
                                          std::chrono::minutes(30), std::chrono::hours(2),
                                          std::chrono::hours(5),    std::chrono::hours(10),
                                          std::chrono::hours(10)};
  int max_in_flight = 8;
  bool ordered = false;
  bool allow_private = false;
  Duration retention = std::chrono::hours(24 * 7);
  bool operator==(const WebhookConfig&) const = default;
};

struct DedupeConfig {
  double jaccard = 0.8;
  double containment = 0.9;
  bool operator==(const DedupeConfig&) const = default;
};

struct Config {
  std::string source;  // the file it came from, or "<embedded default>"
  SiteDef site;
  PathsConfig paths;
  HttpConfig http;
  std::vector<FeedDef> feeds;
  std::vector<WebhookConfig> webhooks;
  DedupeConfig dedupe;
  Duration shutdown_grace = std::chrono::seconds(10);
  bool operator==(const Config&) const = default;
};

}  // namespace synd

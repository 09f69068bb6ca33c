#include "config/defaults.hpp"

namespace synd {

Config EmbeddedDefaultConfig(const std::filesystem::path& base) {
  Config config;
  config.source = "<embedded default>";
  config.site.title = "syndicated";
  config.site.base_url = "http://127.0.0.1:8080/";
  // A tag: URI authority must be a domain name, so the default is not the base URL's IP host.
  config.site.id_authority = "localhost";
  config.site.author = "syndicated";
  config.site.language = "en";
  const std::filesystem::path var = base / "var";
  config.paths = {var / "inbox", var / "done", var / "failed", var / "feeds", var / "state"};
  config.http.listen = "127.0.0.1:8080";
  config.feeds.push_back(FeedDef{.name = "all", .title = "All stories", .limit = 50});
  return config;
}

}  // namespace synd

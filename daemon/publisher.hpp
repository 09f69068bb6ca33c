// FeedPublisher: renders every configured feed from the store into the output folder (the render
// stage's glue in the daemon shell). Used by `syndicated once` after ingesting and by the daemon
// after each commit. Keeps one RenderCache, so a render after an ingest renders only new or
// revised stories. Single-threaded: the thread that owns the store calls it.
#pragma once

#include <filesystem>
#include <vector>

#include "feeds/model/site.hpp"
#include "feeds/render/feed_writer.hpp"
#include "feeds/render/render_cache.hpp"
#include "feeds/store/store.hpp"

namespace synd {

class FeedPublisher {
 public:
  // `store` must outlive the publisher.
  explicit FeedPublisher(Store& store) : store_(store) {}

  // Takes effect at the next Publish (a config reload); the cache empties itself when the site or
  // the feeds differ.
  void Configure(const SiteDef& site, const std::vector<FeedDef>& feeds,
                 const std::filesystem::path& output);

  // Writes the feeds, the article pages they show and index.html; files whose bytes would not
  // change are left alone. A feed's Atom id is minted and stored at its first render with
  // stories. REQUIRES: Configure was called; no write transaction is open on the store.
  Result<WriteReport> Publish();

 private:
  Result<std::string> FeedId(const FeedDef& feed, std::optional<TimePoint> first_published);

  Store& store_;
  SiteDef site_;
  std::vector<FeedDef> feeds_;
  std::filesystem::path output_;
  RenderCache cache_;
};

}  // namespace synd

#include "daemon/publisher.hpp"

#include "feeds/render/feed_formats.hpp"

namespace synd {

void FeedPublisher::Configure(const SiteDef& site, const std::vector<FeedDef>& feeds,
                              const std::filesystem::path& output) {
  site_ = site;
  feeds_ = feeds;
  output_ = output;
}

Result<std::string> FeedPublisher::FeedId(const FeedDef& feed,
                                          std::optional<TimePoint> first_published) {
  Result<std::optional<std::string>> stored = store_.GetFeedId(feed.name);
  if (!stored.ok()) return stored.status();
  if (*stored) return **stored;
  if (!first_published) return std::string();
  std::string id = MintFeedId(site_, feed, *first_published);
  // Minted once and kept, like story ids, so a later change of id_authority alters no feed id.
  if (Status s = store_.Begin(); !s.ok()) return s;
  Status s = store_.SetFeedId(feed.name, id);
  if (s.ok()) s = store_.Commit();
  if (!s.ok()) {
    (void)store_.Rollback();
    return s;
  }
  return id;
}

Result<WriteReport> FeedPublisher::Publish() {
  const FeedIdSource ids = [this](const FeedDef& feed, std::optional<TimePoint> first) {
    return FeedId(feed, first);
  };
  const StoryVisitor stories = [this](const std::function<bool(const Story&)>& wants_article,
                                      const std::function<bool(const Story&)>& sink) {
    return store_.VisitStoriesNewestFirst(wants_article, sink);
  };
  return WriteFeeds(output_, site_, feeds_, ids, stories, cache_);
}

}  // namespace synd

#include "feeds/render/feed_formats.hpp"

#include <algorithm>
#include <chrono>

#include "feeds/render/feed_meta.hpp"
#include "feeds/render/text.hpp"

namespace synd {

std::string FeedTitle(const FeedView& view) {
  std::string title = CleanLine(view.feed.title);
  return title.empty() ? CleanLine(view.feed.name) : title;
}

std::string FeedDescription(const FeedView& view) {
  const std::string site = CleanLine(view.site.title);
  return site.empty() ? FeedTitle(view) : FeedTitle(view) + " \u2014 " + site;
}

std::string FeedAuthor(const FeedView& view) {
  std::string author = CleanLine(view.site.author);
  return author.empty() ? CleanLine(view.site.title) : author;
}

std::optional<TimePoint> NewestUpdate(const FeedView& view) {
  std::optional<TimePoint> newest;
  for (const FeedItem* item : view.items) {
    if (!newest || item->updated > *newest) newest = item->updated;
  }
  return newest;
}

std::string FeedAtomId(const FeedView& view) {
  const std::string stored = CleanLine(view.atom_id);
  return stored.empty() ? FeedUrl(view.site, view.feed.name, FeedFormat::kAtom) : stored;
}

std::string MintFeedId(const SiteDef& site, const FeedDef& feed, TimePoint first_published) {
  const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(first_published)};
  return "tag:" + CleanLine(site.id_authority) + "," +
         std::to_string(static_cast<int>(ymd.year())) + ":feed/" + CleanLine(feed.name);
}

RenderedFeed RenderAllFormats(const FeedView& view) {
  return RenderedFeed{RenderRss(view), RenderAtom(view), RenderJsonFeed(view)};
}

RenderedFeed RenderStories(const SiteDef& site, const FeedDef& feed, std::string_view atom_id,
                           std::vector<Story> stories) {
  std::stable_sort(stories.begin(), stories.end(), NewerFirst);
  if (stories.size() > feed.limit) stories.resize(feed.limit);
  std::vector<FeedItem> items;
  items.reserve(stories.size());
  for (const Story& story : stories) items.push_back(PrepareFeedItem(site, story));
  std::vector<const FeedItem*> pointers;
  pointers.reserve(items.size());
  for (const FeedItem& item : items) pointers.push_back(&item);
  return RenderAllFormats(FeedView{site, feed, atom_id, pointers});
}

}  // namespace synd

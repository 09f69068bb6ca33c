#include "feeds/render/feed_formats.hpp"

#include <algorithm>
#include <chrono>
#include <tuple>

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
  for (const RenderedItem* item : view.items) {
    if (!newest || item->updated > *newest) newest = item->updated;
  }
  return newest;
}

std::size_t EstimatedFeedBytes(const FeedView& view) {
  std::size_t bytes = 2048;
  for (const RenderedItem* item : view.items) {
    bytes += std::max({item->rss.size(), item->atom.size(), item->json.size()});
  }
  return bytes;
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

bool ItemNewerFirst(const RenderedItem& a, const RenderedItem& b) {
  return std::tie(b.updated, b.published, a.id) < std::tie(a.updated, a.published, b.id);
}

RenderedItem RenderItem(const SiteDef& site, const Story& story) {
  const FeedItem item = PrepareFeedItem(site, story);
  return RenderedItem{item.id,       item.published,  item.updated,
                      RssItem(item), AtomEntry(item), JsonFeedItem(item)};
}

std::string RenderRss(const FeedView& view) {
  std::string out;
  RenderRss(view, out);
  return out;
}

std::string RenderAtom(const FeedView& view) {
  std::string out;
  RenderAtom(view, out);
  return out;
}

std::string RenderJsonFeed(const FeedView& view) {
  std::string out;
  RenderJsonFeed(view, out);
  return out;
}

void RenderAllFormats(const FeedView& view, RenderedFeed& out) {
  RenderRss(view, out.rss);
  RenderAtom(view, out.atom);
  RenderJsonFeed(view, out.json);
}

RenderedFeed RenderAllFormats(const FeedView& view) {
  RenderedFeed out;
  RenderAllFormats(view, out);
  return out;
}

RenderedFeed RenderStories(const SiteDef& site, const FeedDef& feed, std::string_view atom_id,
                           std::vector<Story> stories) {
  std::stable_sort(stories.begin(), stories.end(), NewerFirst);
  if (stories.size() > feed.limit) stories.resize(feed.limit);
  std::vector<RenderedItem> items;
  items.reserve(stories.size());
  for (const Story& story : stories) items.push_back(RenderItem(site, story));
  std::vector<const RenderedItem*> pointers;
  pointers.reserve(items.size());
  for (const RenderedItem& item : items) pointers.push_back(&item);
  return RenderAllFormats(FeedView{site, feed, atom_id, pointers});
}

}  // namespace synd

// JSON Feed 1.1 writer (RenderJsonFeed in feeds/render/feed_formats.hpp).
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "feeds/render/feed_formats.hpp"
#include "feeds/render/feed_meta.hpp"

namespace synd {
namespace {

namespace json = boost::json;

json::object ItemJson(const FeedItem& item, const json::storage_ptr& sp) {
  json::object out(sp);
  out.reserve(10);
  out.emplace("id", item.id);
  out.emplace("url", item.link);
  out.emplace("title", item.title);
  if (!item.summary.empty()) out.emplace("summary", item.summary);
  out.emplace("content_html", item.content_html);
  out.emplace("content_text", item.content_text);
  out.emplace("date_published", FormatRfc3339(item.published));
  out.emplace("date_modified", FormatRfc3339(item.updated));
  json::array authors(sp);
  for (const std::string& name : item.authors) {
    json::object author(sp);
    author.emplace("name", name);
    authors.emplace_back(std::move(author));
  }
  out.emplace("authors", std::move(authors));
  if (!item.categories.empty()) {
    json::array tags(sp);
    for (const std::string& tag : item.categories) tags.emplace_back(tag);
    out.emplace("tags", std::move(tags));
  }
  return out;
}

}  // namespace

std::string RenderJsonFeed(const FeedView& view) {
  json::monotonic_resource resource;
  const json::storage_ptr sp(&resource);
  json::object feed(sp);
  feed.emplace("version", "https://jsonfeed.org/version/1.1");
  feed.emplace("title", FeedTitle(view));
  feed.emplace("home_page_url", SiteHome(view.site));
  feed.emplace("feed_url", FeedUrl(view.site, view.feed.name, FeedFormat::kJson));
  json::array items(sp);
  items.reserve(view.items.size());
  for (const FeedItem* item : view.items) items.emplace_back(ItemJson(*item, sp));
  feed.emplace("items", std::move(items));
  std::string out = json::serialize(feed);
  out += '\n';
  return out;
}

}  // namespace synd

// JSON Feed 1.1 writer (RenderJsonFeed in feeds/render/feed_formats.hpp).
#include <array>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/serializer.hpp>
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

void AppendSerialized(const json::object& object, std::string& out) {
  json::serializer sr;
  std::array<char, 16384> buf;
  sr.reset(&object);
  while (!sr.done()) out.append(sr.read(buf.data(), buf.size()));
}

}  // namespace

std::string JsonFeedItem(const FeedItem& item) {
  json::monotonic_resource resource;
  std::string out;
  out.reserve(item.content_html.size() + item.content_text.size() + 1024);
  AppendSerialized(ItemJson(item, json::storage_ptr(&resource)), out);
  return out;
}

// The items are serialized once each (RenderItem) and joined here, with exactly the bytes
// serializing one whole tree would give.
void RenderJsonFeed(const FeedView& view, std::string& out) {
  json::object head;
  head.emplace("version", "https://jsonfeed.org/version/1.1");
  head.emplace("title", FeedTitle(view));
  head.emplace("home_page_url", SiteHome(view.site));
  head.emplace("feed_url", FeedUrl(view.site, view.feed.name, FeedFormat::kJson));
  out.clear();
  out.reserve(EstimatedFeedBytes(view));
  AppendSerialized(head, out);
  out.pop_back();  // the closing brace: "items" goes inside the same object
  out += ",\"items\":[";
  for (std::size_t i = 0; i < view.items.size(); ++i) {
    if (i > 0) out += ',';
    out += view.items[i]->json;
  }
  out += "]}\n";
}

}  // namespace synd

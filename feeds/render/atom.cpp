// Atom 1.0 writer (RenderAtom in feeds/render/feed_formats.hpp).
#include <pugixml.hpp>

#include "feeds/render/feed_formats.hpp"
#include "feeds/render/feed_meta.hpp"
#include "feeds/render/xml_util.hpp"

namespace synd {
namespace {

// What the feed's printed form ends with; the entries go before it.
constexpr std::string_view kTail = "</feed>\n";
constexpr unsigned kEntryDepth = 1;  // feed > entry

void AppendLink(pugi::xml_node parent, const char* rel, const char* type, std::string_view href) {
  pugi::xml_node link = parent.append_child("link");
  SetAttribute(link, "rel", rel);
  if (type != nullptr) SetAttribute(link, "type", type);
  SetAttribute(link, "href", href);
}

void AppendAuthor(pugi::xml_node parent, std::string_view name) {
  AppendTextElement(parent.append_child("author"), "name", name);
}

}  // namespace

std::string AtomEntry(const FeedItem& item) {
  pugi::xml_document doc;
  pugi::xml_node entry = doc.append_child("entry");
  AppendTextElement(entry, "id", item.id);
  AppendTextElement(entry, "title", item.title);
  AppendTextElement(entry, "published", FormatRfc3339(item.published));
  AppendTextElement(entry, "updated", FormatRfc3339(item.updated));
  for (const std::string& author : item.authors) AppendAuthor(entry, author);
  AppendLink(entry, "alternate", nullptr, item.link);
  for (const std::string& category : item.categories) {
    SetAttribute(entry.append_child("category"), "term", category);
  }
  if (!item.summary.empty()) AppendTextElement(entry, "summary", item.summary);
  SetAttribute(AppendTextElement(entry, "content", item.content_html), "type", "html");
  return PrintXmlElement(entry, kEntryDepth);
}

void RenderAtom(const FeedView& view, std::string& out) {
  pugi::xml_document doc;
  pugi::xml_node feed = doc.append_child("feed");
  SetAttribute(feed, "xmlns", "http://www.w3.org/2005/Atom");
  AppendTextElement(feed, "id", FeedAtomId(view));
  AppendTextElement(feed, "title", FeedTitle(view));
  const TimePoint updated = NewestUpdate(view).value_or(TimePoint{});
  AppendTextElement(feed, "updated", FormatRfc3339(updated));
  AppendAuthor(feed, FeedAuthor(view));
  AppendLink(feed, "self", "application/atom+xml",
             FeedUrl(view.site, view.feed.name, FeedFormat::kAtom));
  AppendLink(feed, "alternate", "text/html", SiteHome(view.site));
  std::vector<std::string_view> entries;
  entries.reserve(view.items.size());
  for (const RenderedItem* item : view.items) entries.emplace_back(item->atom);
  SaveXmlWithEntries(doc, kTail, entries, out);
}

}  // namespace synd

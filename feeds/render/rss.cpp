// RSS 2.0 writer (RenderRss in feeds/render/feed_formats.hpp).
#include <pugixml.hpp>

#include "feeds/render/feed_formats.hpp"
#include "feeds/render/feed_meta.hpp"
#include "feeds/render/text.hpp"
#include "feeds/render/xml_util.hpp"

namespace synd {
namespace {

// What the channel's printed form ends with; the items go before it.
constexpr std::string_view kTail = "  </channel>\n</rss>\n";
constexpr unsigned kItemDepth = 2;  // rss > channel > item

// RSS readers treat description and content:encoded as HTML, so plain text is escaped as HTML
// first; without it "<SMM-REO-TXO>" would reach the reader as a tag and vanish.
std::string AsHtml(std::string_view text) {
  std::string html;
  html.reserve(text.size() + 16);
  AppendHtmlEscaped(html, text);
  return html;
}

}  // namespace

std::string RssItem(const FeedItem& item) {
  pugi::xml_document doc;
  pugi::xml_node node = doc.append_child("item");
  AppendTextElement(node, "title", item.title);
  AppendTextElement(node, "link", item.link);
  SetAttribute(AppendTextElement(node, "guid", item.id), "isPermaLink", "false");
  AppendTextElement(node, "pubDate", FormatRfc822(item.published));
  for (const std::string& author : item.authors) AppendTextElement(node, "dc:creator", author);
  for (const std::string& category : item.categories) {
    AppendTextElement(node, "category", category);
  }
  if (!item.summary.empty()) AppendTextElement(node, "description", AsHtml(item.summary));
  AppendTextElement(node, "content:encoded", item.content_html);
  return PrintXmlElement(node, kItemDepth);
}

void RenderRss(const FeedView& view, std::string& out) {
  pugi::xml_document doc;
  pugi::xml_node rss = doc.append_child("rss");
  SetAttribute(rss, "version", "2.0");
  SetAttribute(rss, "xmlns:atom", "http://www.w3.org/2005/Atom");
  SetAttribute(rss, "xmlns:content", "http://purl.org/rss/1.0/modules/content/");
  SetAttribute(rss, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
  pugi::xml_node channel = rss.append_child("channel");
  AppendTextElement(channel, "title", FeedTitle(view));
  AppendTextElement(channel, "link", SiteHome(view.site));
  AppendTextElement(channel, "description", FeedDescription(view));
  pugi::xml_node self = channel.append_child("atom:link");
  SetAttribute(self, "href", FeedUrl(view.site, view.feed.name, FeedFormat::kRss));
  SetAttribute(self, "rel", "self");
  SetAttribute(self, "type", "application/rss+xml");
  if (const auto newest = NewestUpdate(view)) {
    AppendTextElement(channel, "lastBuildDate", FormatRfc822(*newest));
  }
  std::vector<std::string_view> items;
  items.reserve(view.items.size());
  for (const RenderedItem* item : view.items) items.emplace_back(item->rss);
  SaveXmlWithEntries(doc, kTail, items, out);
}

}  // namespace synd

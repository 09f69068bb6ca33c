#include "feeds/dedupe/event_payload.hpp"

#include <boost/json.hpp>
#include <boost/url/parse.hpp>

namespace synd {
namespace json = boost::json;
namespace {

json::array StringArray(const std::vector<std::string>& items) {
  json::array out;
  for (const std::string& s : items) out.emplace_back(s);
  return out;
}

// Cuts at most `drop` bytes from the end of `text`, backing up to a UTF-8 character boundary.
void CutTail(json::string& text, std::size_t drop) {
  std::size_t keep = text.size() > drop ? text.size() - drop : 0;
  while (keep > 0 && (static_cast<unsigned char>(text[keep]) & 0xC0) == 0x80) --keep;
  text.resize(keep);
}

}  // namespace

std::string ArticleLink(const Article& article, const SiteDef& site, const std::string& suffix) {
  if (article.url && !article.url->empty()) return *article.url;
  return site.base_url + "articles/" + suffix + ".html";
}

std::string ArticleSite(const Article& article) {
  if (article.site && !article.site->empty()) return *article.site;
  if (!article.url) return "";
  auto parsed = boost::urls::parse_uri(*article.url);
  if (!parsed) return "";
  return std::string(parsed->encoded_host());
}

std::string EventPayload(EventType type, TimePoint timestamp, const StoryHead& story,
                         const Article& article, const SiteDef& site,
                         const std::vector<std::string>& feeds, std::size_t max_bytes) {
  const std::string site_name = ArticleSite(article);
  json::object data;
  data["id"] = story.id;
  data["url"] = ArticleLink(article, site, story.suffix);
  data["title"] = article.title;
  data["summary"] = SummaryText(article);
  data["content_text"] = ContentText(article);
  data["published"] = FormatRfc3339(story.published);
  data["updated"] = FormatRfc3339(story.updated);
  data["revision"] = story.revision;
  data["feeds"] = StringArray(feeds);
  data["authors"] = StringArray(article.authors);
  data["source"] =
      json::object{{"site", site_name.empty() ? json::value(nullptr) : json::value(site_name)},
                   {"format", article.source.format}};
  json::object body{{"type", EventTypeName(type)}, {"timestamp", FormatRfc3339(timestamp)}};
  body["data"] = std::move(data);
  std::string out = json::serialize(body);
  // Each pass cuts at least the excess from the longest text field; escaping only makes a cut
  // shrink the body by more than its raw byte count.
  for (const char* field : {"content_text", "summary", "title"}) {
    if (out.size() <= max_bytes) break;
    json::object& d = body["data"].as_object();
    d["truncated"] = true;
    out = json::serialize(body);
    if (out.size() <= max_bytes) break;
    CutTail(d[field].as_string(), out.size() - max_bytes);
    out = json::serialize(body);
  }
  return out;
}

}  // namespace synd

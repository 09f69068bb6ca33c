#include "feeds/dedupe/event_payload.hpp"

#include <boost/json.hpp>
#include <boost/url/parse.hpp>

#include "feeds/model/json_text.hpp"

namespace synd {
namespace json = boost::json;
namespace {

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

std::string EventArticleFields(const Article& article) {
  // Written directly (the bytes Boost.JSON gives for the same object, without building it):
  // content_text is the blocks joined by a blank line, escaped as it is joined.
  std::size_t text = article.title.size() + 256;
  for (const Block& block : article.body) text += block.text.size() + 4;
  std::string out;
  out.reserve(text + text / 16);
  out.append("\"title\":");
  AppendJsonString(out, article.title);
  out.append(",\"summary\":");
  AppendJsonString(out, SummaryText(article));
  out.append(",\"content_text\":\"");
  for (std::size_t i = 0; i < article.body.size(); ++i) {
    if (i > 0) out.append("\\n\\n");
    AppendJsonEscaped(out, article.body[i].text);
  }
  out.append("\",\"authors\":");
  AppendJsonStringArray(out, article.authors);
  out.append(",\"source\":{\"site\":");
  const std::string site_name = ArticleSite(article);
  if (site_name.empty()) {
    out.append("null");
  } else {
    AppendJsonString(out, site_name);
  }
  out.append(",\"format\":");
  AppendJsonString(out, article.source.format);
  out.push_back('}');
  return out;
}

std::string EventPayload(EventType type, TimePoint timestamp, const StoryHead& story,
                         const Article& article, const SiteDef& site,
                         const std::vector<std::string>& feeds, std::size_t max_bytes,
                         const std::string* article_fields) {
  const std::string own_fields = article_fields ? "" : EventArticleFields(article);
  const std::string& fields = article_fields ? *article_fields : own_fields;
  std::string out;
  out.reserve(fields.size() + 512);
  out.append("{\"type\":\"").append(EventTypeName(type));
  out.append("\",\"timestamp\":\"").append(FormatRfc3339(timestamp));
  out.append("\",\"data\":{\"id\":");
  AppendJsonString(out, story.id);
  out.append(",\"url\":");
  AppendJsonString(out, ArticleLink(article, site, story.suffix));
  out.append(",").append(fields);
  out.append(",\"published\":\"").append(FormatRfc3339(story.published));
  out.append("\",\"updated\":\"").append(FormatRfc3339(story.updated));
  out.append("\",\"revision\":").append(std::to_string(story.revision));
  out.append(",\"feeds\":");
  AppendJsonStringArray(out, feeds);
  out.append("}}");
  if (out.size() <= max_bytes) return out;
  // Rare: cut the longest text fields. Each pass cuts at least the excess from one field;
  // escaping only makes a cut shrink the body by more than its raw byte count.
  json::value body = json::parse(out);
  json::object& d = body.as_object()["data"].as_object();
  d["truncated"] = true;
  out = json::serialize(body);
  for (const char* field : {"content_text", "summary", "title"}) {
    if (out.size() <= max_bytes) break;
    CutTail(d[field].as_string(), out.size() - max_bytes);
    out = json::serialize(body);
  }
  return out;
}

}  // namespace synd

#include "feeds/webhook/event_body.hpp"

#include <boost/json.hpp>
#include <boost/url/parse.hpp>

#include "feeds/model/article_json.hpp"
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

// Rare: cuts the longest text fields of a body over `max_bytes`. Each pass cuts at least the
// excess from one field; escaping only makes a cut shrink the body by more than its raw size.
std::string Truncate(const std::string& whole, std::size_t max_bytes) {
  json::value body = json::parse(whole);
  json::object& d = body.as_object()["data"].as_object();
  d["truncated"] = true;
  std::string out = json::serialize(body);
  for (const char* field : {"content_text", "summary", "title"}) {
    if (out.size() <= max_bytes) break;
    CutTail(d[field].as_string(), out.size() - max_bytes);
    out = json::serialize(body);
  }
  return out;
}

}  // namespace

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

std::string SpliceEventBody(std::string_view envelope, std::size_t article_at,
                            std::string_view article_fields, std::size_t max_bytes) {
  std::string out;
  out.reserve(envelope.size() + 1 + article_fields.size());
  out.append(envelope.substr(0, article_at));
  out.push_back(',');
  out.append(article_fields);
  out.append(envelope.substr(article_at));
  if (out.size() <= max_bytes) return out;
  return Truncate(out, max_bytes);
}

Result<std::string> RenderEventBody(std::string_view envelope, std::size_t article_at,
                                    std::string_view article_json) {
  if (article_at > envelope.size()) {
    return Status::Error(ErrorCode::kCorrupt, "event body: article position " +
                                                  std::to_string(article_at) +
                                                  " is past the envelope's " +
                                                  std::to_string(envelope.size()) + " bytes");
  }
  Result<Article> article = ParseArticle(article_json);
  if (!article.ok()) return article.status().WithPrefix("event body");
  return SpliceEventBody(envelope, article_at, EventArticleFields(*article));
}

Result<std::string> StoredEventBody(std::string payload, std::optional<int64_t> article_at,
                                    std::optional<std::string_view> article_json) {
  if (!article_at) return payload;
  if (*article_at < 0 || !article_json) {
    return Status::Error(ErrorCode::kCorrupt,
                         "event body: the article of the revision it reports is missing");
  }
  return RenderEventBody(payload, static_cast<std::size_t>(*article_at), *article_json);
}

}  // namespace synd

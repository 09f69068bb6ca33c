#include "feeds/dedupe/event_payload.hpp"

#include "feeds/model/json_text.hpp"

namespace synd {

std::string ArticleLink(const Article& article, const SiteDef& site, const std::string& suffix) {
  if (article.url && !article.url->empty()) return *article.url;
  return site.base_url + "articles/" + suffix + ".html";
}

EventEnvelope MakeEventEnvelope(EventType type, TimePoint timestamp, const StoryHead& story,
                                const Article& article, const SiteDef& site,
                                const std::vector<std::string>& feeds) {
  EventEnvelope e;
  std::string& out = e.text;
  out.reserve(512);
  out.append("{\"type\":\"").append(EventTypeName(type));
  out.append("\",\"timestamp\":\"").append(FormatRfc3339(timestamp));
  out.append("\",\"data\":{\"id\":");
  AppendJsonString(out, story.id);
  out.append(",\"url\":");
  AppendJsonString(out, ArticleLink(article, site, story.suffix));
  e.article_at = out.size();
  out.append(",\"published\":\"").append(FormatRfc3339(story.published));
  out.append("\",\"updated\":\"").append(FormatRfc3339(story.updated));
  out.append("\",\"revision\":").append(std::to_string(story.revision));
  out.append(",\"feeds\":");
  AppendJsonStringArray(out, feeds);
  out.append("}}");
  return e;
}

std::string EventPayload(EventType type, TimePoint timestamp, const StoryHead& story,
                         const Article& article, const SiteDef& site,
                         const std::vector<std::string>& feeds, std::size_t max_bytes) {
  const EventEnvelope envelope = MakeEventEnvelope(type, timestamp, story, article, site, feeds);
  return SpliceEventBody(envelope.text, envelope.article_at, EventArticleFields(article),
                         max_bytes);
}

}  // namespace synd

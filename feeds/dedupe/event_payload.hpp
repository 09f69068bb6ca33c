// The webhook body of an article event (DESIGN.md §6, Standard Webhooks):
// {"type","timestamp","data":{id,url,title,summary,content_text,published,updated,revision,
// feeds,authors,source}}, and its envelope, the form the outbox stores (feeds/webhook/
// event_body.hpp). Dedupe stage (the merger fixes it at commit); pure. Never carries a file path.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "feeds/model/article.hpp"
#include "feeds/model/site.hpp"
#include "feeds/model/story.hpp"
#include "feeds/store/store.hpp"
#include "feeds/webhook/event_body.hpp"

namespace synd {

// The article's link: its own URL, else the page the daemon writes,
// <base_url>articles/<suffix>.html.
std::string ArticleLink(const Article& article, const SiteDef& site, const std::string& suffix);

// The body without the article's own fields (EventArticleFields), and the byte they go at:
// EventPayload(...) == SpliceEventBody(text, article_at, EventArticleFields(article), max_bytes).
// It is valid JSON by itself and carries data.feeds, which routes webhooks by feed.
struct EventEnvelope {
  std::string text;
  std::size_t article_at = 0;
};

// `timestamp` is when the event happened (the ingest time the caller passes in).
EventEnvelope MakeEventEnvelope(EventType type, TimePoint timestamp, const StoryHead& story,
                                const Article& article, const SiteDef& site,
                                const std::vector<std::string>& feeds);

// The whole body: what the store's readers give for an event appended as MakeEventEnvelope.
std::string EventPayload(EventType type, TimePoint timestamp, const StoryHead& story,
                         const Article& article, const SiteDef& site,
                         const std::vector<std::string>& feeds,
                         std::size_t max_bytes = kMaxEventPayloadBytes);

}  // namespace synd

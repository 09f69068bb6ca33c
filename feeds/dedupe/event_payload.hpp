// The webhook body of an article event (DESIGN.md §6, Standard Webhooks):
// {"type","timestamp","data":{id,url,title,summary,content_text,published,updated,revision,
// feeds,authors,source}}. Dedupe stage (the merger fixes it at commit); pure. Never carries a
// file path.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "feeds/model/article.hpp"
#include "feeds/model/site.hpp"
#include "feeds/model/story.hpp"
#include "feeds/store/store.hpp"

namespace synd {

// Bodies are kept at or under this size; beyond it content_text (then summary, then title) is
// cut at a character boundary and "truncated": true is added.
inline constexpr std::size_t kMaxEventPayloadBytes = 256 * 1024;

// The article's link: its own URL, else the page the daemon writes,
// <base_url>articles/<suffix>.html.
std::string ArticleLink(const Article& article, const SiteDef& site, const std::string& suffix);

// The article's site: the input's site name, else its URL's host; empty when neither exists.
std::string ArticleSite(const Article& article);

// The members of `data` that depend on the article alone, serialized without braces:
// "title":…,"summary":…,"content_text":…,"authors":[…],"source":{…}. Computed ahead of the
// merge (PreparedArticle::event_fields) so the store's writer thread only assembles.
std::string EventArticleFields(const Article& article);

// `timestamp` is when the event happened (the ingest time the caller passes in).
// `article_fields`, when given, must be EventArticleFields(article).
std::string EventPayload(EventType type, TimePoint timestamp, const StoryHead& story,
                         const Article& article, const SiteDef& site,
                         const std::vector<std::string>& feeds,
                         std::size_t max_bytes = kMaxEventPayloadBytes,
                         const std::string* article_fields = nullptr);

}  // namespace synd

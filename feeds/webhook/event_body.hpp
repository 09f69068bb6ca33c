// A webhook event's body (DESIGN.md §6) as the store keeps it: an envelope, the body without the
// article's own fields, beside the revision the event reports; the revision's stored article
// supplies those fields when the body is read, so the outbox does not hold a second copy of every
// article. Webhook stage; pure: no store, no I/O.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "feeds/model/article.hpp"
#include "feeds/model/status.hpp"

namespace synd {

// Bodies are kept at or under this size; beyond it content_text (then summary, then title) is
// cut at a character boundary and "truncated": true is added.
inline constexpr std::size_t kMaxEventPayloadBytes = 256 * 1024;

// The article's site: the input's site name, else its URL's host; empty when neither exists.
std::string ArticleSite(const Article& article);

// The members of `data` that depend on the article alone, serialized without braces:
// "title":…,"summary":…,"content_text":…,"authors":[…],"source":{…}.
std::string EventArticleFields(const Article& article);

// The body: `envelope` with "," and `article_fields` inserted at byte `article_at`, cut to
// `max_bytes` as kMaxEventPayloadBytes says. REQUIRES: article_at <= envelope.size(), and the
// envelope is a body's JSON without the article's fields, article_at just after a member.
std::string SpliceEventBody(std::string_view envelope, std::size_t article_at,
                            std::string_view article_fields,
                            std::size_t max_bytes = kMaxEventPayloadBytes);

// SpliceEventBody with the fields of a stored article (SerializeArticle's JSON). Errors when
// article_at is past the envelope's end or the JSON is not an article.
Result<std::string> RenderEventBody(std::string_view envelope, std::size_t article_at,
                                    std::string_view article_json);

// The body of an event as a store row holds it: `payload` itself when `article_at` is unset (a
// whole body, as every event before store schema version 5), else RenderEventBody with the
// article of the revision the event reports; kCorrupt when that article is missing.
Result<std::string> StoredEventBody(std::string payload, std::optional<int64_t> article_at,
                                    std::optional<std::string_view> article_json);

}  // namespace synd

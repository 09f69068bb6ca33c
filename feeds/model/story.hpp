// Story and Event: what the store remembers. A story is one news item under one id for life;
// each accepted version of it is a revision; each creation or revision emits one event for the
// webhook outbox. Plain data.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "feeds/model/article.hpp"
#include "feeds/model/time.hpp"

namespace synd {

struct Story {
  int64_t key = 0;  // the store's row key; never shown to users
  std::string id;   // "tag:news.example.org,2025-03-28:story/7k3f9q2m", minted once (DESIGN.md §6)
  std::string suffix;      // "7k3f9q2m": the article page is articles/<suffix>.html
  TimePoint first_seen{};  // reference time of the file that first held the story
  TimePoint published{};
  TimePoint updated{};
  int revision = 1;  // 1 for the first version
  Article article;   // the current revision
};

enum class EventType { kCreated, kUpdated };

// "article.created" / "article.updated".
const char* EventTypeName(EventType type);

struct Event {
  int64_t seq = 0;  // commit order, assigned by the store
  std::string id;   // the webhook-id: one per event, stable across retries and replays
  EventType type = EventType::kCreated;
  int64_t story_key = 0;
  int revision = 1;
  TimePoint time{};     // when the event was committed
  std::string payload;  // the webhook body, {"type","timestamp","data"}, fixed at commit
  // Set when appending: `payload` is then the body's envelope (feeds/webhook/event_body.hpp),
  // the article's fields belong at this byte, and the store takes them from the revision
  // (story_key, revision) when it reads the event. Readers get whole bodies and nullopt.
  std::optional<std::size_t> article_at;
};

}  // namespace synd

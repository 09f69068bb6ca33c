// What the feed writer remembers between renders: each shown story's rendered entries, its
// feed membership and whether its article page is on disk. A render after an ingest then
// renders and matches only new or revised stories. Render stage; memory only, no I/O.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "feeds/model/site.hpp"
#include "feeds/model/story.hpp"
#include "feeds/render/feed_filter.hpp"
#include "feeds/render/feed_formats.hpp"

namespace synd {

// Owned by whoever calls WriteFeeds repeatedly (the daemon keeps one for its lifetime). A
// story's entry is reused while its id, revision, published and updated stay the same: the
// store never changes an article without a new revision. A change of site or feeds empties
// the cache. Not thread-safe; entries live until the next Reset or Sweep.
class RenderCache {
 public:
  struct Entry {
    std::vector<char> feeds;           // FeedMatcher::Match under the current feeds
    std::optional<RenderedItem> item;  // rendered on first need (Rendered)
    bool page_saved = false;  // articles/<suffix>.html was written, or found holding its bytes
  };

  // Makes the cache serve `site` and `feeds`; empties it when either differs from before.
  void Reset(const SiteDef& site, const std::vector<FeedDef>& feeds);

  // The entry of `story`, matched now when missing or stale (then without item or page).
  // REQUIRES: Reset was called. The reference is valid until the next Reset or Sweep.
  Entry& Get(const Story& story);

  // The entry of `story` when Get would return it without matching (its article unread), else
  // null. Changes nothing.
  Entry* Peek(const Story& story);
  // The entry's rendered item, rendering it now when it has none.
  // REQUIRES: `entry` is Get(story).
  const RenderedItem& Rendered(Entry& entry, const Story& story);

  // Forgets entries Get did not return since the previous Sweep (stories no feed shows now).
  void Sweep();

  std::size_t size() const { return slots_.size(); }

  // Feed `f`'s output buffers, kept between renders (RenderAllFormats with `out`). One set per
  // feed, so that every feed's files can be staged without a copy. REQUIRES: Reset was called
  // and `f` < the number of feeds.
  RenderedFeed& buffers(std::size_t f) { return buffers_[f]; }
  // After a render: lets go of output buffers, last feed first, until the ones kept hold at most
  // `max_bytes` (many large feeds would otherwise pin the memory of their biggest render for the
  // daemon's lifetime; a feed without buffers gets fresh ones at its next render).
  void TrimBuffers(std::size_t max_bytes);
  std::size_t buffer_bytes() const;
  // True the first time it is asked, then false: the writer's first render with this cache
  // clears the output folder of a crash's leftovers.
  bool FirstWrite() { return !std::exchange(written_, true); }

  std::size_t matches() const { return matches_; }  // articles matched since construction
  std::size_t renders() const { return renders_; }  // items rendered since construction

 private:
  struct Slot {
    int revision = 0;
    TimePoint published{};
    TimePoint updated{};
    bool used = false;
    bool matched = false;
    Entry entry;
  };

  SiteDef site_;
  std::vector<FeedDef> feeds_;
  std::unique_ptr<FeedMatcher> matcher_;
  std::unordered_map<std::string, Slot> slots_;  // by story id
  std::vector<RenderedFeed> buffers_;            // by feed
  std::size_t matches_ = 0;
  std::size_t renders_ = 0;
  bool written_ = false;
};

}  // namespace synd

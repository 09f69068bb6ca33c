// Feed documents: RSS 2.0 and Atom 1.0 (pugixml) and JSON Feed 1.1 (Boost.JSON) (DESIGN.md §6,
// issue [3/6]). Each story is rendered once into its entry of each format (RenderItem); a feed
// is its head plus the entries of its stories, so re-rendering after an ingest costs the new
// stories and a copy. Render stage; pure: no I/O and no clock: same stories, same bytes.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/model/site.hpp"
#include "feeds/model/story.hpp"
#include "feeds/model/time.hpp"
#include "feeds/render/feed_item.hpp"

namespace synd {

// One story's entry in each format, exactly as it appears inside every feed that shows it.
struct RenderedItem {
  std::string id;  // the story id
  TimePoint published{};
  TimePoint updated{};
  std::string rss;   // "<item>…</item>" line(s), indented for <channel>
  std::string atom;  // "<entry>…</entry>" line(s), indented for <feed>
  std::string json;  // the item object, compact
};

// NewerFirst (feed_item.hpp) for rendered items.
bool ItemNewerFirst(const RenderedItem& a, const RenderedItem& b);

// Renders `story`'s entries. Depends only on `site` and `story`.
RenderedItem RenderItem(const SiteDef& site, const Story& story);

// One feed to render. References must outlive the call.
struct FeedView {
  const SiteDef& site;
  const FeedDef& feed;
  // The feed's stored Atom id (MintFeedId). Empty while none is minted, which only happens
  // before the feed's first story: the feed then uses its self URL as Atom id.
  std::string_view atom_id;
  // REQUIRES: in NewerFirst order; at most feed.limit items (the renderers show them all).
  std::span<const RenderedItem* const> items;
};

// "tag:<id_authority>,<year>:feed/<name>" with the year of `first_published` (the earliest
// `published` among the feed's stories when it is first rendered with any). Called once per
// feed by whoever stores the id; a stored id never changes afterwards.
std::string MintFeedId(const SiteDef& site, const FeedDef& feed, TimePoint first_published);

// RSS 2.0 with the content, dc and atom namespaces. `lastBuildDate` is the newest item's
// `updated` and is left out of an empty feed; item `description` and `content:encoded` are
// HTML, so their text is escaped twice (once as HTML, once as XML).
// The overloads taking `out` replace its contents, reusing its capacity.
std::string RenderRss(const FeedView& view);
void RenderRss(const FeedView& view, std::string& out);

// Atom 1.0. The feed's `updated` is the newest item's; an empty feed says 1970-01-01T00:00:00Z
// (a fixed date, because render time must not enter the bytes).
std::string RenderAtom(const FeedView& view);
void RenderAtom(const FeedView& view, std::string& out);

// JSON Feed 1.1, one line of JSON and a final newline.
std::string RenderJsonFeed(const FeedView& view);
void RenderJsonFeed(const FeedView& view, std::string& out);

struct RenderedFeed {
  std::string rss, atom, json;
};

RenderedFeed RenderAllFormats(const FeedView& view);
// Reuses the capacity of `out`'s strings: a writer that renders often keeps one RenderedFeed,
// so that megabytes of output are not fresh pages (page faults) on every render.
void RenderAllFormats(const FeedView& view, RenderedFeed& out);

// Convenience for callers holding stories: sorts them (NewerFirst), keeps feed.limit, renders
// their items and the three formats.
RenderedFeed RenderStories(const SiteDef& site, const FeedDef& feed, std::string_view atom_id,
                           std::vector<Story> stories);

}  // namespace synd

// Feed documents: RSS 2.0 and Atom 1.0 (pugixml) and JSON Feed 1.1 (Boost.JSON) from prepared
// items (DESIGN.md §6, issue [3/6]). Render stage; pure: no I/O and no clock, so the same
// items give the same bytes.
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

// One feed to render. References must outlive the call.
struct FeedView {
  const SiteDef& site;
  const FeedDef& feed;
  // The feed's stored Atom id (MintFeedId). Empty while none is minted, which only happens
  // before the feed's first story: the feed then uses its self URL as Atom id.
  std::string_view atom_id;
  // REQUIRES: in NewerFirst order; at most feed.limit items (the renderers show them all).
  std::span<const FeedItem* const> items;
};

// "tag:<id_authority>,<year>:feed/<name>" with the year of `first_published` (the earliest
// `published` among the feed's stories when it is first rendered with any). Called once per
// feed by whoever stores the id; a stored id never changes afterwards.
std::string MintFeedId(const SiteDef& site, const FeedDef& feed, TimePoint first_published);

// RSS 2.0 with the content, dc and atom namespaces. `lastBuildDate` is the newest item's
// `updated` and is left out of an empty feed; item `description` and `content:encoded` are
// HTML, so their text is escaped twice (once as HTML, once as XML).
std::string RenderRss(const FeedView& view);

// Atom 1.0. The feed's `updated` is the newest item's; an empty feed says 1970-01-01T00:00:00Z
// (a fixed date, because render time must not enter the bytes).
std::string RenderAtom(const FeedView& view);

// JSON Feed 1.1, one line of JSON and a final newline.
std::string RenderJsonFeed(const FeedView& view);

struct RenderedFeed {
  std::string rss, atom, json;
};

RenderedFeed RenderAllFormats(const FeedView& view);

// Convenience for callers holding stories: sorts them (NewerFirst), keeps feed.limit, prepares
// the items and renders the three formats.
RenderedFeed RenderStories(const SiteDef& site, const FeedDef& feed, std::string_view atom_id,
                           std::vector<Story> stories);

}  // namespace synd

// Internal to feeds/render: feed-level values the three formats share (title, description,
// author, the feed date, the Atom id) and each format's item writer. Pure.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "feeds/model/time.hpp"
#include "feeds/render/feed_formats.hpp"
#include "feeds/render/feed_item.hpp"

namespace synd {

// The feed's title, else its name; one clean line.
std::string FeedTitle(const FeedView& view);

// "<feed title> — <site title>", for RSS's required channel description.
std::string FeedDescription(const FeedView& view);

// site.author, else site.title; one clean line.
std::string FeedAuthor(const FeedView& view);

// The newest `updated` among the items; nullopt for an empty feed.
std::optional<TimePoint> NewestUpdate(const FeedView& view);

// A generous estimate of one format's size, to reserve the output once.
std::size_t EstimatedFeedBytes(const FeedView& view);

// The stored Atom id, else the feed's Atom self URL (see FeedView::atom_id).
std::string FeedAtomId(const FeedView& view);

// One item of each format, as RenderedItem holds it.
std::string RssItem(const FeedItem& item);
std::string AtomEntry(const FeedItem& item);
std::string JsonFeedItem(const FeedItem& item);

}  // namespace synd

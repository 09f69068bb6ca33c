// Feed-level values the three formats share (feeds/render internal): title, description,
// author, the feed date and the Atom id. Pure.
#pragma once

#include <optional>
#include <string>

#include "feeds/model/time.hpp"
#include "feeds/render/feed_formats.hpp"

namespace synd {

// The feed's title, else its name; one clean line.
std::string FeedTitle(const FeedView& view);

// "<feed title> — <site title>", for RSS's required channel description.
std::string FeedDescription(const FeedView& view);

// site.author, else site.title; one clean line.
std::string FeedAuthor(const FeedView& view);

// The newest `updated` among the items; nullopt for an empty feed.
std::optional<TimePoint> NewestUpdate(const FeedView& view);

// The stored Atom id, else the feed's Atom self URL (see FeedView::atom_id).
std::string FeedAtomId(const FeedView& view);

}  // namespace synd

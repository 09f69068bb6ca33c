// Canonical URLs and identity keys: the inputs' own names for a story (DESIGN.md §7 step 2).
// Dedupe stage; pure (Boost.URL; no network, no DNS).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/model/article.hpp"

namespace synd {

// The canonical form of an absolute URL: scheme and host lower-cased, default port (http 80,
// https 443) removed, fragment removed, tracking parameters (utm_*, fbclid, gclid) removed with
// the rest of the query kept in order, percent-encoding normalized, dot segments resolved, an
// empty http(s) path written "/". nullopt when `url` is not an absolute URL with a host.
std::optional<std::string> CanonicalUrl(std::string_view url);

// The article's identity keys, each naming at most one story: "url:<canonical URL>" when the
// article has a URL that canonicalizes, and "ext:<external id>" when it has an external id.
std::vector<std::string> IdentityKeys(const Article& article);

}  // namespace synd

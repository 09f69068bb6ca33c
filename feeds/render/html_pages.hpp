// HTML pages the daemon writes next to the feeds: one page per story (articles/<suffix>.html,
// the link of stories whose input had no URL) and the index (index.html, served at `/`) with
// feed autodiscovery. Render stage; pure: no I/O, no clock; every text is escaped.
#pragma once

#include <string>
#include <vector>

#include "feeds/model/site.hpp"
#include "feeds/model/story.hpp"

namespace synd {

// A plain HTML5 page: title, published/updated dates, authors, dateline, summary bullets,
// body (paragraphs, headings, captioned figures), the input's own URL when it has one, and a
// link back to the index. Depends only on `site` and `story`.
std::string RenderArticlePage(const SiteDef& site, const Story& story);

// The index: one entry per feed with links to its RSS, Atom and JSON Feed files, and one
// `<link rel="alternate">` per feed and format in the head for autodiscovery. Depends only on
// `site` and `feeds`.
std::string RenderIndexPage(const SiteDef& site, const std::vector<FeedDef>& feeds);

}  // namespace synd

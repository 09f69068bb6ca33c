// Shared steps of the line-based parsers (ingest stage): body lines to blocks (headings, photo
// captions, paragraphs), the dateline of the first paragraph, and "Updated ..." dates.
// Works on normalized lines; no format knowledge beyond line shapes.
#pragma once

#include <string_view>
#include <vector>

#include "feeds/model/article.hpp"
#include "feeds/model/time.hpp"

namespace synd {

// Appends one block per line, in order: a photo caption is an image block, a heading-shaped
// line followed by more text is a heading, the rest are paragraphs. Page-chrome lines are left
// out (an "Updated ..." one dates the article if nothing else did). Then, if the article has no
// dateline yet, looks for one at the start of its first paragraph; the paragraph keeps it.
// REQUIRES: every line normalized and non-blank.
void AppendBodyBlocks(const std::vector<std::string_view>& lines, TimePoint reference_time,
                      Article& article);

// Sets article.updated and date_precision from the text after "Updated ". Unrecognized text
// leaves the dates alone and adds a warning quoting it.
void ApplyUpdatedDate(std::string_view date_text, TimePoint reference_time, Article& article);

}  // namespace synd

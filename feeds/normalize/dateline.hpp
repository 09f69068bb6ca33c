// Dateline recognition (normalize stage): "BANGKOK: ...", "NEW DELHI, April 22 : ..." at the
// start of an article's first paragraph. Recognized by shape (an upper-case place of up to five
// words, an optional ", <Month> <Day>", then a colon and text), never by a list of places.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "feeds/model/article.hpp"

namespace synd {

struct DatelineMatch {
  Dateline dateline;   // place and date as written ("NEW DELHI", "April 22")
  std::size_t length;  // bytes of the dateline in the paragraph: through the colon and spaces
};

// Matches a dateline at the start of a normalized paragraph. Not datelines: mixed-case text
// before a colon ("The PM said: ..."), a colon with no text after it, and the labels newsrooms
// put before a colon (UPDATE, BREAKING, EXCLUSIVE, ANALYSIS, ...).
std::optional<DatelineMatch> MatchDateline(std::string_view paragraph);

}  // namespace synd

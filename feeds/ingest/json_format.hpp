// JSON dumps (ingest stage): one article object, an array of them, a wrapper object (fundus's
// parser versions, a JSON Feed, an API response), or JSON Lines (one object per line).
// Boost.JSON parses; json_mappers.hpp picks each record's scraper dialect; ArticleCollector
// builds the articles. No I/O; Boost.JSON's errors become values here.
#pragma once

#include <string_view>
#include <vector>

#include "feeds/ingest/format.hpp"

namespace synd {

// 95 when the text opens with '{', or with '[' and then something a JSON value starts with
// ('{', '[', ']', '"', a digit, '-', true, false, null): a title like "[Update] ..." is not
// JSON. Else 0.
int SniffJson(std::string_view text);

// Errors: "invalid JSON at line L, column C, at \"...\": syntax error" (and the other messages
// of Boost.JSON); in JSON Lines the same for the broken line; "JSON holds a number, not ...";
// "no usable article: ..." when no record has both a title and text.
Result<std::vector<Article>> ParseJson(const ParseContext& context);

}  // namespace synd

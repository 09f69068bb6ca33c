// JSON dumps (ingest stage): one article object, an array of them, a wrapper object (fundus's
// parser versions, a JSON Feed, an API response), or JSON Lines (one object per line).
// Boost.JSON parses; json_mappers.hpp picks each record's scraper dialect; ArticleCollector
// builds the articles. No I/O; Boost.JSON's errors become values here.
#pragma once

#include <optional>
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

// ParseJson on a file's bytes before they are decoded (byte order marks removed), with the fast
// reader alone: it checks on its way that they are UTF-8 without CR, which makes them their own
// decoded text, and so saves decoding them. A JSON Lines line it leaves to Boost.JSON is read as
// ParseJson reads it when the rest of the bytes is checked to be such text. nullopt, with nothing
// added to the warnings, when it cannot tell (not UTF-8, a CR, a whole document it leaves to
// Boost.JSON, any error): decode them and call ParseJson. Otherwise the articles and warnings
// ParseJson gives.
std::optional<std::vector<Article>> ParseJsonBytes(const ParseContext& context);

}  // namespace synd

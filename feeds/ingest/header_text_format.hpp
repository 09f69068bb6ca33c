// Text with a metadata header (ingest stage): trafilatura's text output with metadata, and the
// front matter static-site tools write: a "---" line, "key: value" lines, a closing "---", then
// the article, one paragraph per line. No YAML library: only this flat shape is read.
#pragma once

#include <string_view>
#include <vector>

#include "feeds/ingest/format.hpp"

namespace synd {

// 95 when the first non-blank line is "---" and the next line has the shape "key: value";
// else 0.
int SniffHeaderText(std::string_view text);

// Keys (case-insensitive): title; author/authors (";"-separated); date/published → published;
// updated/modified/lastmod → updated; url/source/link/permalink → url; sitename/site/
// source-hostname, else hostname → site; description/excerpt/summary → summary; categories
// → section and tags; tags/keywords; language/lang; image; id → external_id. A list is
// "a; b", "a, b", "[a, b]" or "- item" lines under the key. Other keys are ignored; a line of
// another shape is ignored with a warning.
// Errors: "the metadata header opened on line L has no closing --- line"; "no usable article:
// ..." when there is no title or no text.
Result<std::vector<Article>> ParseHeaderText(const ParseContext& context);

}  // namespace synd

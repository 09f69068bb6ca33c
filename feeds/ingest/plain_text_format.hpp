// Plain one-article text (ingest stage): a title on the first line, a blank line, then the
// article, one paragraph per line (blank lines between paragraphs are allowed). Summary bullets
// right after the title become the summary, as in the reference format.
#pragma once

#include <string_view>
#include <vector>

#include "feeds/ingest/format.hpp"

namespace synd {

// 10 when the text opens with a title-sized line, a blank line and more text; else 0. Any
// more specific format outranks it.
int SniffPlainText(std::string_view text);

// Errors: no title line followed by a blank line and text ("no recognizable article: ...").
Result<std::vector<Article>> ParsePlainText(const ParseContext& context);

}  // namespace synd

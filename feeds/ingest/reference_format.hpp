// The reference dump format (ingest stage; tests/data/reference_dump.txt): news pages scraped
// as text and concatenated. Each article opens with its title, a blank line and the title again;
// page chrome (gallery counters and captions, "Short Url", "Updated ...", "Follow") follows,
// then the title header once more, "  • " summary bullets and the body. Articles are delimited by
// that header, never by blank lines.
#pragma once

#include <string_view>
#include <vector>

#include "feeds/ingest/format.hpp"

namespace synd {

// Certain (90) when the first non-blank line is a title header "T, blank, T"; else 0.
int SniffReference(std::string_view text);

// Errors: an article whose body is missing ("truncated article N (\"T\"): the file ends before
// its body", or "article N (\"T\") has no body" when another article follows).
Result<std::vector<Article>> ParseReference(const ParseContext& context);

}  // namespace synd

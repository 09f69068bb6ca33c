// The exact dedupe fingerprint (dedupe stage, DESIGN.md §7): the article's visible text folded
// so that typography and page chrome do not matter, and its xxh3-128 hash. Pure functions.
#pragma once

#include <string>
#include <string_view>

#include "feeds/model/article.hpp"

namespace synd {

// Title, summary bullets and body blocks (paragraphs, headings, captions) in that order, each
// NFKC + case folded with quotes and dashes folded to ASCII (feeds/normalize/fold.hpp); the
// dateline is cut from the first paragraph and page-chrome lines ("Updated ...", "Follow", ...)
// are left out. Tokens are separated by single ASCII spaces, blocks by '\n'; empty blocks are
// skipped. Shinglers split on those: CJK and Thai characters stand in for words there.
std::string FingerprintText(const Article& article);

// Lower-case hex (32 digits) of the canonical big-endian form of XXH3-128 of the text.
std::string FingerprintHex(std::string_view fingerprint_text);

}  // namespace synd

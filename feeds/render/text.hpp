// Text hygiene for the render stage: makes any string safe for XML 1.0 and HTML in NFC, escapes
// HTML, and folds text for keyword matching. Pure functions of their input; no I/O, no locale.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace synd {

// `text` as NFC UTF-8 that XML 1.0 can carry: invalid UTF-8 becomes U+FFFD; C0 controls other
// than tab and line feed, DEL, C1 controls, U+FFFE and U+FFFF are dropped; CR and CRLF become
// LF. Text that is already clean (the normal case after normalize/) is copied through a fast
// path that touches utf8proc only around characters that could change under NFC.
std::string CleanText(std::string_view text);

// CleanText on one line: each run of white space becomes one space; none at either end.
std::string CleanLine(std::string_view text);

// Appends `text` with &, <, > and " escaped, for HTML text and attribute values alike.
// REQUIRES: `text` is clean (CleanText).
void AppendHtmlEscaped(std::string& out, std::string_view text);

// Case-insensitive matching form: NFKC + Unicode case folding + default-ignorables removed
// (utf8proc), ASCII lower-cased without utf8proc. Any input is accepted (it is cleaned first).
std::string FoldCase(std::string_view text);

// Splits folded text into words: maximal runs of letters, marks and digits. In scripts written
// without spaces (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar) each character is a word
// of its own, so a keyword in those scripts matches as a run of characters (DESIGN.md §7 does
// the same for shingles). Apostrophes, hyphens and other punctuation separate words. The views
// point into `folded`.
void SplitWords(std::string_view folded, std::vector<std::string_view>& words);

}  // namespace synd

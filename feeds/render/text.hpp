// Text hygiene for the render stage: makes any string safe for XML 1.0 and HTML in NFC, and
// escapes HTML. Pure functions of their input; no I/O, no locale.
#pragma once

#include <string>
#include <string_view>

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

}  // namespace synd

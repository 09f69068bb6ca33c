// Text normalization (normalize stage, DESIGN.md §7): turns one field of decoded text into the
// form every later stage relies on. Pure functions; no knowledge of formats or articles.
// Fast paths: printable ASCII is copied byte by byte, and utf8proc runs only when a code point
// that NFC could change is present.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace synd {

// Appends the normalized form of one inline field (a title, a paragraph, a caption) to `out`:
// NBSP and the other Unicode space characters, tabs and line breaks become spaces; runs of
// spaces collapse to one; leading and trailing spaces go; U+200B, U+2060, U+FEFF, C0/C1 controls
// and U+FFFE/U+FFFF are removed (ZWJ and ZWNJ stay); the result is NFC. Ill-formed UTF-8 bytes
// become U+FFFD, so any bytes are accepted.
void AppendNormalizedInline(std::string_view text, std::string& out);
std::string NormalizeInline(std::string_view text);

// The same result computed one code point at a time with utf8proc's NFC always applied: no
// fast path. For tests, fuzzing and benchmarks (the baseline the fast path is measured against).
std::string NormalizeInlineReference(std::string_view text);

// Splits multi-line text (a scraper's "text" field) at line breaks (LF, CR, CRLF, U+2028,
// U+2029) and returns each non-blank line normalized as by NormalizeInline.
std::vector<std::string> NormalizeLines(std::string_view text);

// NFC of `text` (ill-formed bytes become U+FFFD). Returns a copy without calling utf8proc when
// every code point is NFC-inert (see unicode_tables.hpp).
std::string ToNfc(std::string_view text);

// True when every code point of `text` is NFC-inert, so `text` is certainly NFC.
// False does not mean "not NFC"; it means "ask utf8proc".
bool IsCertainlyNfc(std::string_view text);

// Whether a code point counts as white space for normalization (ASCII white space, NEL, NBSP,
// the Unicode space separators, line and paragraph separators).
bool IsSpaceCodePoint(char32_t cp);

// Whether normalization removes the code point: U+200B, U+2060, U+FEFF, C0 controls other than
// white space, DEL, C1 controls other than NEL, U+FFFE and U+FFFF.
bool IsRemovedCodePoint(char32_t cp);

}  // namespace synd

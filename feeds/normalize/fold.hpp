// The fingerprint fold (normalize stage, DESIGN.md §7): NFKC + case folding (default-ignorable
// code points removed), then typographic quotes and dashes folded to ASCII. Used to build the
// dedupe fingerprint text; never shown to readers.
// Fast path: ASCII and code points that fold on their own use a table; utf8proc runs only on
// short runs around combining marks and other context-dependent code points.
#pragma once

#include <string>
#include <string_view>

namespace synd {

// Appends the fold of `text` to `out`. Ill-formed UTF-8 bytes become U+FFFD. Equal to
// FoldPunctuation applied to utf8proc's NFKC-casefold (STABLE|COMPOSE|COMPAT|CASEFOLD|IGNORE)
// of the whole text.
void AppendFingerprintFold(std::string_view text, std::string& out);
std::string FingerprintFold(std::string_view text);

// The same result computed by utf8proc over the whole text, with no fast path. For tests,
// fuzzing and benchmarks (it is the baseline the fast path is measured against).
std::string FingerprintFoldReference(std::string_view text);

}  // namespace synd

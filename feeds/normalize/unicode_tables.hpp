// Per-code-point facts behind the fast paths of NFC and NFKC-casefold (normalize stage).
// Built once from utf8proc's data on first use (thread-safe); lookups are a table read. The slow
// path stays utf8proc itself: these tables only say when it is safe to skip it.
#pragma once

#include <cstdint>
#include <string_view>

namespace synd::unicode {

// True when NFC maps `cp` to itself whatever its neighbours, provided they are inert too: the
// combining class is 0, NFC of `cp` alone is `cp`, and `cp` never composes with a preceding
// character. A string made only of inert code points is in NFC.
bool IsNfcInert(char32_t cp);

// How the fingerprint fold treats one code point standing between inert neighbours.
enum class FoldKind : std::uint8_t {
  kKeep,  // NFKC-casefold and the quote/dash fold leave it as is
  kMap,   // replace it by `mapped` (already NFKC-casefolded and folded)
  kDrop,  // a default-ignorable code point: removed
  kSlow,  // depends on its neighbours (combining marks, composition seconds): use utf8proc
};

struct FoldEntry {
  FoldKind kind;
  std::string_view mapped;  // UTF-8; set for kMap only; points into static storage
};

FoldEntry FoldLookup(char32_t cp);

// The punctuation fold of the fingerprint: typographic single quotes and apostrophes to ',
// double quotes to ", hyphens and dashes to -. Returns `cp` when it is not one of them.
char32_t FoldPunctuation(char32_t cp);

// Letter case of one code point, from its general category.
enum class LetterKind : std::uint8_t {
  kNotLetter,
  kUpper,    // Lu, Lt
  kLower,    // Ll
  kUncased,  // Lo, Lm: Arabic, CJK, Thai... letters without case
};
LetterKind LetterKindOf(char32_t cp);

}  // namespace synd::unicode

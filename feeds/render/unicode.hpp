// Byte and code-point helpers shared by text cleaning and keyword folding (feeds/render
// internal): eight-bytes-at-a-time ASCII tests, validating UTF-8 decoding, utf8proc mapping,
// and the "inert" properties that let mostly-ASCII text skip utf8proc. Pure.
#pragma once

#include <utf8proc.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace synd::unicode {

// SWAR: news text is mostly ASCII, and these tests decide for eight bytes at once whether they
// can be copied or lower-cased as they are.
inline constexpr uint64_t kOnes = 0x0101010101010101ULL;
inline constexpr uint64_t kHighs = 0x8080808080808080ULL;

inline uint64_t Load8(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// Non-zero when some byte of v equals c.
inline uint64_t HasByte(uint64_t v, unsigned char c) {
  const uint64_t x = v ^ (kOnes * c);
  return (x - kOnes) & ~x & kHighs;
}

// True when all eight bytes are printable ASCII (0x20..0x7E).
inline bool AllPrintable(uint64_t v) {
  const uint64_t below_space = (v - kOnes * 0x20) & ~v & kHighs;
  const uint64_t above_tilde = ((v + kOnes * (127 - 0x7E)) | v) & kHighs;
  return (below_space | above_tilde) == 0;
}

// ASCII upper case to lower case in all eight bytes. REQUIRES: (v & kHighs) == 0.
inline uint64_t LowerAscii8(uint64_t v) {
  const uint64_t from_a = v + kOnes * (0x80 - 'A');      // high bit where byte >= 'A'
  const uint64_t past_z = v + kOnes * (0x80 - 'Z' - 1);  // high bit where byte > 'Z'
  return v | (((from_a ^ past_z) & kHighs) >> 2);
}

// Decodes one code point at s[i]; returns its length, or -1 when the bytes there are not
// UTF-8 (overlong forms, surrogates and values past U+10FFFF included). REQUIRES: i < s.size().
std::ptrdiff_t Decode(std::string_view s, std::size_t i, utf8proc_int32_t& cp);

void AppendUtf8(std::string& out, utf8proc_int32_t cp);

// Appends utf8proc_map(chunk, options); false (nothing appended) when utf8proc fails, which
// happens only on invalid UTF-8 or allocation failure.
bool AppendMapped(std::string& out, std::string_view chunk, utf8proc_option_t options);

// A code point NFC leaves alone whatever surrounds it: a starter without a canonical
// decomposition that takes part in no composition.
bool IsNfcInert(utf8proc_int32_t cp);

// A code point NFKC + case folding + ignorable removal leaves alone whatever surrounds it.
bool IsFoldInert(utf8proc_int32_t cp);

// Letters, marks and digits (general categories L*, M*, N*).
bool IsWordChar(utf8proc_int32_t cp);

// Scripts written without spaces between words (Thai, Lao, Myanmar, Khmer, Hiragana,
// Katakana, Han).
bool IsUnspacedScript(utf8proc_int32_t cp);

}  // namespace synd::unicode

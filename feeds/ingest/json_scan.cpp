#include "feeds/ingest/json_scan.hpp"

#if defined(__x86_64__)
#include <immintrin.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <array>

namespace synd {
namespace {

// Notes a byte of a string that matters to the text builder: '<', '&', or the last byte of
// U+2028 or U+2029 (E2 80 A8 / A9).
void Note(std::string_view s, std::size_t k, TextTraits& traits) {
  const char c = s[k];
  traits.angle |= c == '<';
  traits.ampersand |= c == '&';
  traits.other_breaks |=
      (c == '\xA8' || c == '\xA9') && k >= 2 && s[k - 1] == '\x80' && s[k - 2] == '\xE2';
}

// Notes the bytes whose bits are set in `notes` (block at `j`) that come before the first stop.
void NoteBlock(std::string_view s, std::size_t j, unsigned notes, unsigned stops,
               TextTraits& traits) {
  if (stops != 0) notes &= (stops & -stops) - 1;
  for (; notes != 0; notes &= notes - 1) {
    Note(s, j + static_cast<std::size_t>(__builtin_ctz(notes)), traits);
  }
}

// An escape the scan passes over itself: one that stands for a character that is neither a line
// break nor markup ("\r" and "\u" escapes are left to Reader::Escape, which notes them).
constexpr auto kPlainEscape = [] {
  std::array<bool, 256> table{};
  for (char c : std::string_view("\"\\/bfnt")) table[static_cast<unsigned char>(c)] = true;
  return table;
}();

bool IsPlainEscape(char c) { return kPlainEscape[static_cast<unsigned char>(c)]; }

// The stop at `k` is a plain escape (then the scan goes on past it, and `escaped` is set).
inline __attribute__((always_inline)) bool PassPlainEscape(std::string_view s, std::size_t k,
                                                           bool& escaped) {
  if (s[k] != '\\' || k + 1 >= s.size() || !IsPlainEscape(s[k + 1])) return false;
  escaped = true;
  return true;
}

// From `j` on, byte by byte.
std::size_t FindStringStopTail(std::string_view s, std::size_t j, TextTraits& traits,
                               bool& escaped) {
  while (j < s.size()) {
    const auto c = static_cast<unsigned char>(s[j]);
    if (c == '"' || c == '\\' || c < 0x20) {
      if (!PassPlainEscape(s, j, escaped)) break;
      j += 2;
      continue;
    }
    Note(s, j, traits);
    ++j;
  }
  return j;
}

#if defined(__x86_64__)
// Each byte classified by two table look-ups, one per nibble, ANDed: a bit left means the byte
// is one the scan looks for. Stops: bit 0 control (high nibble 0 or 1), bit 1 '"' (2, 2), bit 4
// '\\' (5, C). Notes: bit 2 '&' (2, 6), bit 3 '<' (3, C), bit 5 0xA8 or 0xA9 (A, 8 or 9).
constexpr unsigned kStopBits = 0x13;
constexpr unsigned kNoteBits = 0x2C;
alignas(32) constexpr char kHighNibble[32] = {1, 1, 6, 8, 0, 16, 0, 0, 0, 0, 32, 0, 0, 0, 0, 0,
                                              1, 1, 6, 8, 0, 16, 0, 0, 0, 0, 32, 0, 0, 0, 0, 0};
alignas(32) constexpr char kLowNibble[32] = {1, 1, 3, 1, 1, 1, 5, 1, 33, 33, 1, 1, 25, 1, 1, 1,
                                             1, 1, 3, 1, 1, 1, 5, 1, 33, 33, 1, 1, 25, 1, 1, 1};

__attribute__((target("avx2"))) std::size_t FindStringStopAvx2(std::string_view s, std::size_t j,
                                                               TextTraits& traits, bool& escaped) {
  const __m256i high_table = _mm256_load_si256(reinterpret_cast<const __m256i*>(kHighNibble));
  const __m256i low_table = _mm256_load_si256(reinterpret_cast<const __m256i*>(kLowNibble));
  const __m256i nibble = _mm256_set1_epi8(0x0F);
  const __m256i zero = _mm256_setzero_si256();
  const __m256i stop_bits = _mm256_set1_epi8(kStopBits);
  const __m256i note_bits = _mm256_set1_epi8(kNoteBits);
  while (j + 32 <= s.size()) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s.data() + j));
    const __m256i high = _mm256_and_si256(_mm256_srli_epi16(v, 4), nibble);
    const __m256i classes =
        _mm256_and_si256(_mm256_shuffle_epi8(high_table, high),
                         _mm256_shuffle_epi8(low_table, _mm256_and_si256(v, nibble)));
    if (_mm256_testz_si256(classes, classes)) {
      j += 32;
      continue;
    }
    const auto stops = ~static_cast<unsigned>(
        _mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_and_si256(classes, stop_bits), zero)));
    const auto notes = ~static_cast<unsigned>(
        _mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_and_si256(classes, note_bits), zero)));
    // The block's plain escapes are passed here, without reading it again: an escape clears its
    // backslash's bit and the next one (the escaped character may be '"' or '\\'). No escaped
    // character of a plain escape is a note.
    unsigned rest = stops;
    std::size_t k = 32;  // the block's first stop that is not passed, or 32
    for (; rest != 0; rest &= ~(3u << k)) {
      k = static_cast<std::size_t>(__builtin_ctz(rest));
      if (!PassPlainEscape(s, j + k, escaped)) break;
      if (k == 31) break;  // the escaped character is the next block's first byte
    }
    if (rest == 0) k = 32;
    if (notes != 0) NoteBlock(s, j, notes, k < 32 ? 1u << k : 0u, traits);
    if (k == 32) {
      j += 32;
      continue;
    }
    if (k < 31 || !PassPlainEscape(s, j + k, escaped)) return j + k;
    j += 33;
  }
  return FindStringStopTail(s, j, traits, escaped);
}

const bool kHasAvx2 = __builtin_cpu_supports("avx2");
#endif

}  // namespace

std::size_t FindStringStop(std::string_view s, std::size_t j, TextTraits& traits, bool& escaped) {
#if defined(__x86_64__)
  if (kHasAvx2) return FindStringStopAvx2(s, j, traits, escaped);
#endif
  return FindStringStopWithoutAvx2(s, j, traits, escaped);
}

std::size_t FindStringStopWithoutAvx2(std::string_view s, std::size_t j, TextTraits& traits,
                                      bool& escaped) {
#if defined(__SSE2__)
  // A stop is '"', '\\', or a byte unchanged by min(byte, 0x1F) (a control). A note is '<',
  // '&', or 0xA8/0xA9 (0xA8 once the low bit is cleared).
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i last_control = _mm_set1_epi8(0x1F);
  const __m128i angle = _mm_set1_epi8('<');
  const __m128i ampersand = _mm_set1_epi8('&');
  const __m128i low_bit_off = _mm_set1_epi8(static_cast<char>(0xFE));
  const __m128i a8 = _mm_set1_epi8(static_cast<char>(0xA8));
  while (j + 16 <= s.size()) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + j));
    const __m128i stops =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                     _mm_cmpeq_epi8(_mm_min_epu8(v, last_control), v));
    const __m128i notes =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, angle), _mm_cmpeq_epi8(v, ampersand)),
                     _mm_cmpeq_epi8(_mm_and_si128(v, low_bit_off), a8));
    const auto stop_mask = static_cast<unsigned>(_mm_movemask_epi8(stops));
    const auto note_mask = static_cast<unsigned>(_mm_movemask_epi8(notes));
    if (note_mask != 0) NoteBlock(s, j, note_mask, stop_mask, traits);
    if (stop_mask == 0) {
      j += 16;
      continue;
    }
    const std::size_t k = j + static_cast<std::size_t>(__builtin_ctz(stop_mask));
    if (!PassPlainEscape(s, k, escaped)) return k;
    j = k + 2;
  }
#endif
  return FindStringStopTail(s, j, traits, escaped);
}

}  // namespace synd

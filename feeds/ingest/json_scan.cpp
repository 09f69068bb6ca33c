#include "feeds/ingest/json_scan.hpp"

#if defined(__x86_64__)
#include <immintrin.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <array>

#include "feeds/normalize/utf8.hpp"

namespace synd {
namespace {

// Notes a byte of a string that matters to the text builder: '<' or '&'.
void Note(char c, TextTraits& traits) {
  traits.angle |= c == '<';
  traits.ampersand |= c == '&';
}

// Notes the bytes whose bits are set in `notes` (block at `j`) below bit `cut`.
void NoteBlock(std::string_view s, std::size_t j, unsigned notes, std::size_t cut,
               TextTraits& traits) {
  if (cut < 32) notes &= (1u << cut) - 1;
  for (; notes != 0; notes &= notes - 1) {
    Note(s[j + static_cast<std::size_t>(__builtin_ctz(notes))], traits);
  }
}

constexpr auto kPlainEscape = [] {
  std::array<bool, 256> table{};
  for (char c : std::string_view("\"\\/bfnt")) table[static_cast<unsigned char>(c)] = true;
  return table;
}();

// An escape the scan passes over itself: one that stands for a character that is neither a line
// break nor markup ("\r" and "\u" escapes are left to Reader::Escape, which notes them).
bool IsPlainEscape(char c) { return kPlainEscape[static_cast<unsigned char>(c)]; }

bool IsContinuation(std::string_view s, std::size_t k) {
  return k < s.size() && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80;
}

// The length of the well-formed UTF-8 sequence at `k` (its first byte is not ASCII), or 0. Notes
// U+2028 and U+2029, which break lines. Two-byte sequences and three-byte ones led by E1..EC
// (typographic quotes and dashes, most scripts) are told here; the rest by DecodeUtf8At.
inline __attribute__((always_inline)) std::size_t PassUtf8(std::string_view s, std::size_t k,
                                                           TextTraits& traits) {
  const auto b = static_cast<unsigned char>(s[k]);
  if (b >= 0xC2 && b <= 0xDF) return IsContinuation(s, k + 1) ? 2 : 0;
  if (b >= 0xE1 && b <= 0xEC) {
    if (!IsContinuation(s, k + 1) || !IsContinuation(s, k + 2)) return 0;
    traits.other_breaks |=
        b == 0xE2 && s[k + 1] == '\x80' && (s[k + 2] == '\xA8' || s[k + 2] == '\xA9');
    return 3;
  }
  const DecodedCodePoint d = DecodeUtf8At(s, k);
  return d.code_point == kInvalidCodePoint ? 0 : d.length;
}

// The stop at `k` passed: a plain escape (2 bytes; sets `escaped`) or a well-formed UTF-8
// sequence (its length); 0 when the reader must look at it.
inline __attribute__((always_inline)) std::size_t Pass(std::string_view s, std::size_t k,
                                                       TextTraits& traits, bool& escaped) {
  if (static_cast<unsigned char>(s[k]) >= 0x80) return PassUtf8(s, k, traits);
  if (s[k] != '\\' || k + 1 >= s.size() || !IsPlainEscape(s[k + 1])) return 0;
  escaped = true;
  return 2;
}

// Goes through the stops of the `width`-byte block at `j` (bits of `stops`), passing what needs
// no reader, and notes the block's notes up to where it ends. True when the reader must look at
// `next`; false when the scan goes on at `next` (past the block, or past a sequence that
// crosses its end).
template <std::size_t width>
inline __attribute__((always_inline)) bool PassBlock(std::string_view s, std::size_t j,
                                                     unsigned stops, unsigned notes,
                                                     TextTraits& traits, bool& escaped,
                                                     std::size_t& next) {
  std::size_t cut = width;  // notes below this bit count
  next = j + width;
  bool stop = false;
  while (stops != 0) {
    const auto k = static_cast<std::size_t>(__builtin_ctz(stops));
    const std::size_t length = Pass(s, j + k, traits, escaped);
    if (length == 0) {
      cut = k;
      next = j + k;
      stop = true;
      break;
    }
    if (k + length >= width) {
      cut = k;  // the bytes from k on are the sequence's: none is a note
      next = j + k + length;
      break;
    }
    stops &= ~(((1u << length) - 1) << k);
  }
  if (notes != 0) NoteBlock(s, j, notes, cut, traits);
  return stop;
}

// From `j` on, byte by byte.
std::size_t FindStringStopTail(std::string_view s, std::size_t j, TextTraits& traits,
                               bool& escaped) {
  while (j < s.size()) {
    const auto c = static_cast<unsigned char>(s[j]);
    if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) {
      const std::size_t length = Pass(s, j, traits, escaped);
      if (length == 0) break;
      j += length;
      continue;
    }
    Note(s[j], traits);
    ++j;
  }
  return j;
}

#if defined(__x86_64__)
// Each byte classified by two table look-ups, one per nibble, ANDed: a bit left means the byte
// is one the scan looks for. Stops: bit 0 control (high nibble 0 or 1), bit 1 '"' (2, 2), bit 4
// '\\' (5, C), bit 5 not ASCII (high nibble 8..F). Notes: bit 2 '&' (2, 6), bit 3 '<' (3, C).
constexpr unsigned kStopBits = 0x33;
constexpr unsigned kNoteBits = 0x0C;
// Each table twice over, for the two 16-byte lanes of _mm256_shuffle_epi8.
constexpr std::array<char, 32> Twice(const std::array<char, 16>& lane) {
  std::array<char, 32> both{};
  for (std::size_t i = 0; i < 32; ++i) both[i] = lane[i % 16];
  return both;
}
alignas(32) constexpr std::array<char, 32> kHighNibble = Twice({1, 1, 6, 8, 0, 16, 0, 0, 32, 32, 32,
                                                                32, 32, 32, 32, 32});
alignas(32) constexpr std::array<char, 32> kLowNibble = Twice({33, 33, 35, 33, 33, 33, 37, 33, 33,
                                                               33, 33, 33, 57, 33, 33, 33});

__attribute__((target("avx2"))) std::size_t FindStringStopAvx2(std::string_view s, std::size_t j,
                                                               TextTraits& traits, bool& escaped) {
  const __m256i high_table =
      _mm256_load_si256(reinterpret_cast<const __m256i*>(kHighNibble.data()));
  const __m256i low_table = _mm256_load_si256(reinterpret_cast<const __m256i*>(kLowNibble.data()));
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
    if (PassBlock<32>(s, j, stops, notes, traits, escaped, j)) return j;
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
  // A stop is '"', '\\', a byte unchanged by min(byte, 0x1F) (a control), or one with its high
  // bit set (not ASCII). A note is '<' or '&'.
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i last_control = _mm_set1_epi8(0x1F);
  const __m128i angle = _mm_set1_epi8('<');
  const __m128i ampersand = _mm_set1_epi8('&');
  while (j + 16 <= s.size()) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + j));
    const __m128i stops =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                     _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(v, last_control), v), v));
    const __m128i notes = _mm_or_si128(_mm_cmpeq_epi8(v, angle), _mm_cmpeq_epi8(v, ampersand));
    const auto stop_mask = static_cast<unsigned>(_mm_movemask_epi8(stops));
    const auto note_mask = static_cast<unsigned>(_mm_movemask_epi8(notes));
    if ((stop_mask | note_mask) == 0) {
      j += 16;
      continue;
    }
    if (PassBlock<16>(s, j, stop_mask, note_mask, traits, escaped, j)) return j;
  }
#endif
  return FindStringStopTail(s, j, traits, escaped);
}

}  // namespace synd

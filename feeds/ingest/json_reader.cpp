#include "feeds/ingest/json_reader.hpp"

#include <cstdint>
#include <optional>
#if defined(__x86_64__)
#include <immintrin.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace synd {
namespace {

constexpr std::size_t kMaxIntegerDigits = 18;  // always fits an int64
// Duplicate keys are found by comparing each key with the earlier ones; past this many members
// Boost.JSON reads the object instead.
constexpr std::size_t kMaxMembers = 64;
// Arrays and objects nested deeper are left to Boost.JSON (which allows 32 and then reports the
// error); a scraper record needs three or four.
constexpr int kMaxDepth = 16;

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

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

// From `j` on, byte by byte.
std::size_t FindStringStopTail(std::string_view s, std::size_t j, TextTraits& traits) {
  for (; j < s.size(); ++j) {
    const auto c = static_cast<unsigned char>(s[j]);
    if (c == '"' || c == '\\' || c < 0x20) break;
    Note(s, j, traits);
  }
  return j;
}

// A stop is '"', '\\', or a byte unchanged by min(byte, 0x1F) (a control). A note is '<', '&',
// or 0xA8/0xA9 (0xA8 once the low bit is cleared).
#if defined(__x86_64__)
__attribute__((target("avx2"))) std::size_t FindStringStopAvx2(std::string_view s, std::size_t j,
                                                               TextTraits& traits) {
  const __m256i quote = _mm256_set1_epi8('"');
  const __m256i backslash = _mm256_set1_epi8('\\');
  const __m256i last_control = _mm256_set1_epi8(0x1F);
  const __m256i angle = _mm256_set1_epi8('<');
  const __m256i ampersand = _mm256_set1_epi8('&');
  const __m256i low_bit_off = _mm256_set1_epi8(static_cast<char>(0xFE));
  const __m256i a8 = _mm256_set1_epi8(static_cast<char>(0xA8));
  for (; j + 32 <= s.size(); j += 32) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s.data() + j));
    const __m256i stops = _mm256_or_si256(
        _mm256_or_si256(_mm256_cmpeq_epi8(v, quote), _mm256_cmpeq_epi8(v, backslash)),
        _mm256_cmpeq_epi8(_mm256_min_epu8(v, last_control), v));
    const __m256i notes = _mm256_or_si256(
        _mm256_or_si256(_mm256_cmpeq_epi8(v, angle), _mm256_cmpeq_epi8(v, ampersand)),
        _mm256_cmpeq_epi8(_mm256_and_si256(v, low_bit_off), a8));
    const auto stop_mask = static_cast<unsigned>(_mm256_movemask_epi8(stops));
    const auto note_mask = static_cast<unsigned>(_mm256_movemask_epi8(notes));
    if (note_mask != 0) NoteBlock(s, j, note_mask, stop_mask, traits);
    if (stop_mask != 0) return j + static_cast<std::size_t>(__builtin_ctz(stop_mask));
  }
  return FindStringStopTail(s, j, traits);
}

const bool kHasAvx2 = __builtin_cpu_supports("avx2");
#endif

// Index of the first '"', '\\' or control at or after `j` in `s`, or s.size(); notes the bytes
// on the way. One pass over the text, 32 or 16 bytes a step.
std::size_t FindStringStop(std::string_view s, std::size_t j, TextTraits& traits) {
#if defined(__x86_64__)
  if (kHasAvx2) return FindStringStopAvx2(s, j, traits);
#endif
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i last_control = _mm_set1_epi8(0x1F);
  const __m128i angle = _mm_set1_epi8('<');
  const __m128i ampersand = _mm_set1_epi8('&');
  const __m128i low_bit_off = _mm_set1_epi8(static_cast<char>(0xFE));
  const __m128i a8 = _mm_set1_epi8(static_cast<char>(0xA8));
  for (; j + 16 <= s.size(); j += 16) {
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
    if (stop_mask != 0) return j + static_cast<std::size_t>(__builtin_ctz(stop_mask));
  }
#endif
  return FindStringStopTail(s, j, traits);
}

class Reader {
 public:
  Reader(std::string_view text, JsonDocument& doc, std::size_t pos = 0, bool one_line = false)
      : s_(text), i_(pos), doc_(doc), one_line_(one_line) {
    doc_.Reset();
  }

  bool Document() {
    SkipSpace();
    std::optional<JsonNode> value;
    if (Peek('{') || Peek('[')) value = Value(0);
    SkipSpace();
    if (!value || i_ != s_.size()) return false;
    doc_.Finish(*value);
    return true;
  }

  // An object alone on its line (one_line_ set); the end of the line on success.
  bool Line(std::size_t& end) {
    SkipSpace();
    if (!Peek('{')) return false;
    std::optional<JsonNode> value = Value(0);
    SkipSpace();
    if (!value || (i_ < s_.size() && s_[i_] != '\n')) return false;
    doc_.Finish(*value);
    end = i_;
    return true;
  }

 private:
  bool Peek(char c) const { return i_ < s_.size() && s_[i_] == c; }
  bool Eat(char c) {
    if (!Peek(c)) return false;
    ++i_;
    return true;
  }
  void SkipSpace() {
    while (i_ < s_.size() && IsJsonSpace(s_[i_]) && !(one_line_ && s_[i_] == '\n')) ++i_;
  }

  std::size_t StringStop(std::size_t j, TextTraits& traits) const {
    return FindStringStop(s_, j, traits);
  }

  bool FourHex(std::uint32_t& out) {
    if (i_ + 4 > s_.size()) return false;
    out = 0;
    for (int k = 0; k < 4; ++k) {
      const int h = HexValue(s_[i_++]);
      if (h < 0) return false;
      out = out * 16 + static_cast<std::uint32_t>(h);
    }
    return true;
  }

  // \uXXXX (after the 'u'), with a surrogate pair as one code point; lone surrogates give up.
  // An escaped '<' or '&' counts as markup, and an escaped LF as a break the text builder does
  // not split at ("\n" is the one it does).
  bool UnicodeEscape(TextTraits& traits) {
    std::uint32_t cp = 0;
    if (!FourHex(cp) || (cp >= 0xDC00 && cp <= 0xDFFF)) return false;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      std::uint32_t low = 0;
      return Eat('\\') && Eat('u') && FourHex(low) && low >= 0xDC00 && low <= 0xDFFF;
    }
    traits.angle |= cp == '<';
    traits.ampersand |= cp == '&';
    traits.other_breaks |= cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029;
    return true;
  }

  // One escape, after its backslash: checked and noted, not decoded.
  bool Escape(TextTraits& traits) {
    if (i_ >= s_.size()) return false;
    switch (s_[i_++]) {
      case '"':
      case '\\':
      case '/':
      case 'b':
      case 'f':
      case 'n':
      case 't':
        return true;
      case 'r':
        traits.other_breaks = true;
        return true;
      case 'u':
        return UnicodeEscape(traits);
      default:
        return false;
    }
  }

  // The string at i_ (its opening quote): its text as written, whether it has escapes, and
  // what it holds.
  bool String(std::string_view& out, bool& escaped, TextTraits& traits) {
    if (!Eat('"')) return false;
    const std::size_t first = i_;
    escaped = false;
    traits = TextTraits{true};
    for (;;) {
      i_ = StringStop(i_, traits);
      if (Eat('"')) {
        out = s_.substr(first, i_ - 1 - first);
        return true;
      }
      if (!Eat('\\') || !Escape(traits)) return false;  // a control character, or the end
      escaped = true;
    }
  }

  std::optional<JsonNode> StringValue() {
    std::string_view raw;
    bool escaped = false;
    TextTraits traits;
    if (!String(raw, escaped, traits)) return std::nullopt;
    return JsonDocument::String(raw, escaped, traits);
  }

  // -?(0|[1-9][0-9]*) with at most 18 digits and no fraction or exponent.
  std::optional<JsonNode> Integer() {
    const std::size_t start = i_;
    const bool negative = Eat('-');
    const std::size_t first = i_;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') {
      if (i_ - first == kMaxIntegerDigits) return std::nullopt;
      ++i_;
    }
    const std::size_t digits = i_ - first;
    if (digits == 0 || (digits > 1 && s_[first] == '0')) return std::nullopt;
    // Boost.JSON keeps the sign of -0 (a double): outside the subset.
    if (Peek('.') || Peek('e') || Peek('E') || (negative && s_[first] == '0')) return std::nullopt;
    return JsonDocument::Number(s_.substr(start, i_ - start));
  }

  bool Literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return false;
    i_ += word.size();
    return true;
  }

  std::optional<JsonNode> Scalar() {
    if (Peek('"')) return StringValue();
    if (Literal("true")) return JsonDocument::Bool(true);
    if (Literal("false")) return JsonDocument::Bool(false);
    if (Literal("null")) return JsonDocument::Null();
    return Integer();
  }

  // An array or object inside `depth` others (the document's value: 0).
  std::optional<JsonNode> Value(int depth) {
    if (Peek('{')) return depth < kMaxDepth ? Object(depth + 1) : std::nullopt;
    if (Peek('[')) return depth < kMaxDepth ? Array(depth + 1) : std::nullopt;
    return Scalar();
  }

  std::optional<JsonNode> Array(int depth) {
    const std::size_t mark = doc_.OpenArray();
    ++i_;
    SkipSpace();
    if (Eat(']')) return doc_.CloseArray(mark);
    do {
      SkipSpace();
      std::optional<JsonNode> item = Value(depth);
      if (!item) return std::nullopt;
      doc_.PushItem(*item);
      SkipSpace();
    } while (Eat(','));
    if (!Eat(']')) return std::nullopt;
    return doc_.CloseArray(mark);
  }

  std::optional<JsonNode> Object(int depth) {
    const std::size_t mark = doc_.OpenObject();
    ++i_;
    SkipSpace();
    if (Eat('}')) return doc_.CloseObject(mark);
    do {
      SkipSpace();
      std::string_view key;
      bool escaped = false;
      TextTraits traits;
      if (!String(key, escaped, traits)) return std::nullopt;
      if (escaped) {
        std::string unescaped;
        AppendUnescapedJson(key, unescaped);
        key = doc_.Keep(std::move(unescaped));
      }
      const std::span<const JsonMember> earlier = doc_.OpenMembers(mark);
      if (earlier.size() == kMaxMembers) return std::nullopt;
      for (const JsonMember& member : earlier) {
        if (member.key == key) return std::nullopt;
      }
      SkipSpace();
      if (!Eat(':')) return std::nullopt;
      SkipSpace();
      std::optional<JsonNode> value = Value(depth);
      if (!value) return std::nullopt;
      doc_.PushMember(key, *value);
      SkipSpace();
    } while (Eat(','));
    if (!Eat('}')) return std::nullopt;
    return doc_.CloseObject(mark);
  }

  std::string_view s_;
  std::size_t i_ = 0;
  JsonDocument& doc_;
  bool one_line_ = false;  // LF is not white space: the value must not cross a line
};

}  // namespace

bool FastJsonReader::Parse(std::string_view text, JsonDocument& doc) {
  return Reader(text, doc).Document();
}

bool FastJsonReader::ParseLine(std::string_view text, std::size_t& pos, JsonDocument& doc) {
  std::size_t end = 0;
  if (!Reader(text, doc, pos, /*one_line=*/true).Line(end)) return false;
  pos = end < text.size() ? end + 1 : end;
  return true;
}

}  // namespace synd

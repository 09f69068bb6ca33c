#include "feeds/ingest/json_flat.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>
#include <cstdint>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <string>

#include "feeds/normalize/utf8.hpp"

namespace synd {
namespace json = boost::json;
namespace {

constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
constexpr std::size_t kMaxIntegerDigits = 18;  // always fits an int64
constexpr std::size_t kRecordKeys = 16;        // room for a typical record's keys: no regrowth

// Whether any byte of `x` is zero (exact for "any", as the borrow only follows a zero byte).
constexpr bool HasZeroByte(std::uint64_t x) { return ((x - kOnes) & ~x & kHigh) != 0; }

// Whether any byte of `x` ends a run of plain string bytes: '"', '\\' or a control below 0x20.
bool HasStringStop(std::uint64_t x) {
  const bool control = ((x - 0x20 * kOnes) & ~x & kHigh) != 0;
  return control || HasZeroByte(x ^ (0x22 * kOnes)) || HasZeroByte(x ^ (0x5C * kOnes));
}

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

class FlatReader {
 public:
  FlatReader(std::string_view text, json::storage_ptr storage, std::string& scratch,
             std::size_t pos = 0, bool one_line = false)
      : s_(text), i_(pos), storage_(std::move(storage)), scratch_(scratch), one_line_(one_line) {}

  std::optional<json::value> Document() {
    SkipSpace();
    std::optional<json::value> value;
    if (Peek('{')) {
      value = Object();
    } else if (Peek('[')) {
      value = ArrayOfObjects();
    }
    SkipSpace();
    if (!value || i_ != s_.size()) return std::nullopt;
    return value;
  }

  // An object alone on its line (one_line_ set); the end of the line on success.
  std::optional<json::value> Line(std::size_t& end) {
    SkipSpace();
    if (!Peek('{')) return std::nullopt;
    std::optional<json::value> value = Object();
    SkipSpace();
    if (!value || (i_ < s_.size() && s_[i_] != '\n')) return std::nullopt;
    end = i_;
    return value;
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

  // Index of the first '"', '\\' or control at or after `j`, or s_.size() (or `j` past it).
  std::size_t StringStop(std::size_t j) const {
#if defined(__SSE2__)
    // Sixteen bytes a step: equal to '"' or '\\', or unchanged by min(byte, 0x1F) (a control).
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i last_control = _mm_set1_epi8(0x1F);
    for (; j + 16 <= s_.size(); j += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s_.data() + j));
      const __m128i stops =
          _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                       _mm_cmpeq_epi8(_mm_min_epu8(v, last_control), v));
      const int mask = _mm_movemask_epi8(stops);
      if (mask != 0)
        return j + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    }
#endif
    for (std::uint64_t word = 0; j + 8 <= s_.size(); j += 8) {
      std::memcpy(&word, s_.data() + j, 8);
      if (HasStringStop(word)) break;
    }
    for (; j < s_.size(); ++j) {
      const auto c = static_cast<unsigned char>(s_[j]);
      if (c == '"' || c == '\\' || c < 0x20) break;
    }
    return j;
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
  bool UnicodeEscape(std::string& out) {
    std::uint32_t cp = 0;
    if (!FourHex(cp) || (cp >= 0xDC00 && cp <= 0xDFFF)) return false;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      std::uint32_t low = 0;
      if (!Eat('\\') || !Eat('u') || !FourHex(low) || low < 0xDC00 || low > 0xDFFF) return false;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    AppendUtf8(cp, out);
    return true;
  }

  // One escape (after its backslash) unescaped onto `out`.
  bool Escape(std::string& out) {
    if (i_ >= s_.size()) return false;
    const char c = s_[i_++];
    switch (c) {
      case '"':
      case '\\':
      case '/':
        out.push_back(c);
        return true;
      case 'b':
        out.push_back('\b');
        return true;
      case 'f':
        out.push_back('\f');
        return true;
      case 'n':
        out.push_back('\n');
        return true;
      case 'r':
        out.push_back('\r');
        return true;
      case 't':
        out.push_back('\t');
        return true;
      case 'u':
        return UnicodeEscape(out);
      default:
        return false;
    }
  }

  // The string at i_ (its opening quote), unescaped, into `out`: a view into the text when it
  // has no escape (no copy), else into scratch_ (valid until the next call).
  bool String(std::string_view& out) {
    if (!Eat('"')) return false;
    const std::size_t first = i_;
    i_ = StringStop(i_);
    if (Eat('"')) {
      out = s_.substr(first, i_ - 1 - first);
      return true;
    }
    scratch_.assign(s_.data() + first, i_ - first);
    for (;;) {
      if (!Eat('\\') || !Escape(scratch_)) return false;  // a control character, or the end
      const std::size_t stop = StringStop(i_);
      scratch_.append(s_.data() + i_, stop - i_);
      i_ = stop;
      if (Eat('"')) {
        out = scratch_;
        return true;
      }
    }
  }

  // The string value at i_ (its opening quote), unescaped into its json::string with one
  // allocation: a string without escapes is copied straight from the text, one with escapes is
  // unescaped into scratch_ first (whose buffer is reused from string to string).
  std::optional<json::value> StringValue() {
    std::string_view text;
    if (!String(text)) return std::nullopt;
    return json::value(json::string(text, storage_));
  }

  // -?(0|[1-9][0-9]*) with at most 18 digits and no fraction or exponent.
  std::optional<json::value> Integer() {
    const bool negative = Eat('-');
    const std::size_t first = i_;
    std::int64_t value = 0;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') {
      // Checked before multiplying: a 19th digit could overflow int64.
      if (i_ - first == kMaxIntegerDigits) return std::nullopt;
      value = value * 10 + (s_[i_++] - '0');
    }
    const std::size_t digits = i_ - first;
    if (digits == 0 || (digits > 1 && s_[first] == '0')) return std::nullopt;
    if (Peek('.') || Peek('e') || Peek('E') || (negative && value == 0)) return std::nullopt;
    return json::value(negative ? -value : value, storage_);
  }

  bool Literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return false;
    i_ += word.size();
    return true;
  }

  std::optional<json::value> Scalar() {
    if (Peek('"')) return StringValue();
    if (Literal("true")) return json::value(true, storage_);
    if (Literal("false")) return json::value(false, storage_);
    if (Literal("null")) return json::value(nullptr, storage_);
    return Integer();
  }

  std::optional<json::value> ArrayOfScalars() {
    json::array array(storage_);
    ++i_;
    SkipSpace();
    if (Eat(']')) return json::value(std::move(array));
    do {
      SkipSpace();
      std::optional<json::value> item = Scalar();
      if (!item) return std::nullopt;
      array.push_back(std::move(*item));
      SkipSpace();
    } while (Eat(','));
    if (!Eat(']')) return std::nullopt;
    return json::value(std::move(array));
  }

  std::optional<json::value> Member() { return Peek('[') ? ArrayOfScalars() : Scalar(); }

  std::optional<json::value> Object() {
    json::object object(kRecordKeys, storage_);
    ++i_;
    SkipSpace();
    if (Eat('}')) return json::value(std::move(object));
    do {
      SkipSpace();
      std::string_view key;
      if (!String(key)) return std::nullopt;
      // An escaped key lives in scratch_, which the value may reuse: keep a copy.
      std::string escaped_key;
      if (key.data() == scratch_.data()) {
        escaped_key = scratch_;
        key = escaped_key;
      }
      SkipSpace();
      if (!Eat(':')) return std::nullopt;
      SkipSpace();
      std::optional<json::value> value = Member();
      if (!value || !object.emplace(key, std::move(*value)).second) return std::nullopt;
      SkipSpace();
    } while (Eat(','));
    if (!Eat('}')) return std::nullopt;
    return json::value(std::move(object));
  }

  std::optional<json::value> ArrayOfObjects() {
    json::array array(storage_);
    ++i_;
    SkipSpace();
    if (Eat(']')) return json::value(std::move(array));
    do {
      SkipSpace();
      if (!Peek('{')) return std::nullopt;
      std::optional<json::value> item = Object();
      if (!item) return std::nullopt;
      array.push_back(std::move(*item));
      SkipSpace();
    } while (Eat(','));
    if (!Eat(']')) return std::nullopt;
    return json::value(std::move(array));
  }

  std::string_view s_;
  std::size_t i_ = 0;
  json::storage_ptr storage_;
  std::string& scratch_;   // the string being read, unescaped
  bool one_line_ = false;  // LF is not white space: the value must not cross a line
};

}  // namespace

std::optional<json::value> FlatJsonReader::Parse(std::string_view text, json::storage_ptr storage) {
  return FlatReader(text, std::move(storage), scratch_).Document();
}

std::optional<json::value> FlatJsonReader::ParseLine(std::string_view text, std::size_t& pos,
                                                     json::storage_ptr storage) {
  std::size_t end = 0;
  std::optional<json::value> value =
      FlatReader(text, std::move(storage), scratch_, pos, /*one_line=*/true).Line(end);
  if (value) pos = end < text.size() ? end + 1 : end;
  return value;
}

}  // namespace synd

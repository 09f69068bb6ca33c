#include "feeds/ingest/json_reader.hpp"

#include <cstdint>
#include <optional>

#include "feeds/ingest/json_scan.hpp"
#include "feeds/model/hex.hpp"

namespace synd {
namespace {

constexpr std::size_t kMaxIntegerDigits = 18;  // always fits an int64
// Duplicate keys are found by comparing each key with the earlier ones; past this many members
// Boost.JSON reads the object instead.
constexpr std::size_t kMaxMembers = 64;
// Arrays and objects nested deeper are left to Boost.JSON (which allows 32 and then reports the
// error); a scraper record needs three or four.
constexpr int kMaxDepth = 16;

// Decoded text has no CR; in bytes read before decoding a CR means the reader gives up (so that
// what it reads is its own decoded text).
bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n'; }

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

  std::size_t StringStop(std::size_t j, TextTraits& traits, bool& escaped) const {
    return FindStringStop(s_, j, traits, escaped);
  }

  bool FourHex(std::uint32_t& out) {
    if (i_ + 4 > s_.size()) return false;
    out = 0;
    for (int k = 0; k < 4; ++k) {
      const int h = HexDigitValue(s_[i_++]);
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
      i_ = StringStop(i_, traits, escaped);
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

#include "feeds/normalize/text.hpp"

#include <utf8proc.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "feeds/normalize/unicode_tables.hpp"
#include "feeds/normalize/utf8.hpp"

namespace synd {
namespace {

constexpr std::string_view kReplacementUtf8 = "\xEF\xBF\xBD";

// NFC of valid UTF-8 through utf8proc; the input unchanged should utf8proc fail.
std::string Utf8procNfc(std::string_view text) {
  utf8proc_uint8_t* mapped = nullptr;
  const utf8proc_ssize_t n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                   static_cast<utf8proc_ssize_t>(text.size()), &mapped,
                   static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  std::string result = n >= 0 && mapped != nullptr
                           ? std::string(reinterpret_cast<const char*>(mapped), n)
                           : std::string(text);
  std::free(mapped);
  return result;
}

bool IsAsciiSpace(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

bool IsPrintableAscii(char c) { return c > 0x20 && c < 0x7F; }

}  // namespace

bool IsSpaceCodePoint(char32_t cp) {
  if (cp < 0x80) return IsAsciiSpace(static_cast<unsigned char>(cp));
  return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
         cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

bool IsRemovedCodePoint(char32_t cp) {
  if (cp < 0x20) return !IsAsciiSpace(static_cast<unsigned char>(cp));
  if (cp >= 0x7F && cp <= 0x9F) return cp != 0x85;
  return cp == 0x200B || cp == 0x2060 || cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF;
}

// Whether eight bytes are printable ASCII or single spaces, with no space right after
// `previous_space`. Conservative: false sends the caller to the exact byte loop.
bool PlainAsciiWord(std::uint64_t x, bool previous_space) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  constexpr std::uint64_t kSpaces = 0x2020202020202020ULL;
  if ((((x - kSpaces) & ~x) | x | (x + kOnes)) & kHigh) return false;  // < 0x20 or >= 0x7F
  const std::uint64_t y = x ^ kSpaces;
  const std::uint64_t spaces = (y - kOnes) & ~y & kHigh;
  return (spaces & (spaces << 8)) == 0 && !(previous_space && (spaces & 0x80) != 0);
}

// Length of the run at text[i..] of printable ASCII with single spaces inside: the part of a
// line that normalization copies unchanged. REQUIRES: text[i] is printable and not a space.
std::size_t PlainAsciiRun(std::string_view text, std::size_t i) {
  std::size_t j = i + 1;
  for (; j + 8 <= text.size(); j += 8) {
    std::uint64_t x;
    std::memcpy(&x, text.data() + j, 8);
    if (!PlainAsciiWord(x, text[j - 1] == ' ')) break;
  }
  while (j < text.size()) {
    if (IsPrintableAscii(text[j])) {
      ++j;
    } else if (text[j] == ' ' && text[j - 1] != ' ' && j + 1 < text.size() &&
               IsPrintableAscii(text[j + 1])) {
      j += 2;
    } else {
      break;
    }
  }
  // A word step may have taken a space that nothing printable follows.
  if (text[j - 1] == ' ') --j;
  return j - i;
}

void AppendNormalizedInline(std::string_view text, std::string& out) {
  const std::size_t start = out.size();
  bool pending_space = false;
  bool all_inert = true;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::string_view piece;
    if (IsPrintableAscii(text[i])) {
      piece = text.substr(i, PlainAsciiRun(text, i));
      i += piece.size();
    } else if (c < 0x80) {
      pending_space |= IsAsciiSpace(c);
      ++i;
      continue;
    } else {
      const DecodedCodePoint d = DecodeUtf8At(text, i);
      piece = d.code_point == kInvalidCodePoint ? kReplacementUtf8 : text.substr(i, d.length);
      i += d.length;
      if (IsSpaceCodePoint(d.code_point)) {
        pending_space = true;
        continue;
      }
      if (IsRemovedCodePoint(d.code_point)) continue;
      all_inert =
          all_inert && (d.code_point == kInvalidCodePoint || unicode::IsNfcInert(d.code_point));
    }
    if (pending_space && out.size() > start) out.push_back(' ');
    pending_space = false;
    out.append(piece);
  }
  if (!all_inert) {
    const std::string nfc = Utf8procNfc(std::string_view(out).substr(start));
    out.replace(start, std::string::npos, nfc);
  }
}

std::string NormalizeInline(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  AppendNormalizedInline(text, out);
  return out;
}

std::string NormalizeInlineReference(std::string_view text) {
  std::string out;
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size();) {
    const DecodedCodePoint d = DecodeUtf8At(text, i);
    i += d.length;
    const char32_t cp = d.code_point == kInvalidCodePoint ? kReplacementCharacter : d.code_point;
    if (IsSpaceCodePoint(cp)) {
      pending_space = true;
    } else if (!IsRemovedCodePoint(cp)) {
      if (pending_space && !out.empty()) out.push_back(' ');
      pending_space = false;
      AppendUtf8(cp, out);
    }
  }
  return Utf8procNfc(out);
}

std::vector<std::string> NormalizeLines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t line_start = 0;
  auto flush = [&](std::size_t end) {
    std::string line = NormalizeInline(text.substr(line_start, end - line_start));
    if (!line.empty()) lines.push_back(std::move(line));
  };
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = 1;
    bool is_break = c == '\n' || c == '\r';
    if (c >= 0x80) {
      const DecodedCodePoint d = DecodeUtf8At(text, i);
      length = d.length;
      is_break = d.code_point == 0x2028 || d.code_point == 0x2029;
    }
    if (is_break) {
      flush(i);
      line_start = i + length;
    }
    i += length;
  }
  flush(text.size());
  return lines;
}

bool IsCertainlyNfc(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    if (IsAsciiByte(text[i])) {
      ++i;
      continue;
    }
    const DecodedCodePoint d = DecodeUtf8At(text, i);
    if (d.code_point == kInvalidCodePoint || !unicode::IsNfcInert(d.code_point)) return false;
    i += d.length;
  }
  return true;
}

std::string ToNfc(std::string_view text) {
  if (IsCertainlyNfc(text)) return std::string(text);
  std::string valid;
  valid.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const DecodedCodePoint d = DecodeUtf8At(text, i);
    valid.append(d.code_point == kInvalidCodePoint ? kReplacementUtf8 : text.substr(i, d.length));
    i += d.length;
  }
  return Utf8procNfc(valid);
}

}  // namespace synd

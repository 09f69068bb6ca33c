#include "feeds/render/text.hpp"

#include <cassert>

#include "feeds/render/unicode.hpp"

namespace synd {
namespace {

using unicode::AllPrintable;
using unicode::AppendMapped;
using unicode::AppendUtf8;
using unicode::Decode;
using unicode::HasByte;
using unicode::IsNfcInert;
using unicode::Load8;

constexpr utf8proc_int32_t kReplacement = 0xFFFD;

bool IsPlainAscii(unsigned char c) { return (c >= 0x20 && c < 0x7F) || c == '\n' || c == '\t'; }

bool HasHtmlSpecial(uint64_t v) {
  return (HasByte(v, '&') | HasByte(v, '<') | HasByte(v, '>') | HasByte(v, '"')) != 0;
}

// Index of the first byte at or after `i` that is not plain ASCII, or s.size().
std::size_t SkipPlainAscii(std::string_view s, std::size_t i) {
  for (;;) {
    while (s.size() - i >= 8 && AllPrintable(Load8(s.data() + i))) i += 8;
    if (i < s.size() && IsPlainAscii(static_cast<unsigned char>(s[i]))) {
      ++i;
      continue;
    }
    return i;
  }
}

std::string_view HtmlEntity(char c) {
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '"':
      return "&quot;";
    default:
      return {};
  }
}

// XML 1.0 cannot carry U+FFFE/U+FFFF; C1 controls are allowed but are always mojibake in news.
bool IsDropped(utf8proc_int32_t cp) {
  return (cp >= 0x80 && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF;
}

// NFC of valid UTF-8. A chunk starts at an ASCII or inert code point (neither reorders nor
// composes with what precedes it) and runs to the next one; only chunks holding a non-inert
// code point go through utf8proc.
std::string NormalizeChunks(std::string_view s) {
  constexpr auto kNfc = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE);
  std::string out;
  out.reserve(s.size());
  std::size_t copied = 0, chunk = 0;
  bool chunk_needs = false;
  auto flush = [&](std::size_t end) {
    if (chunk_needs) {
      out.append(s.substr(copied, chunk - copied));
      if (!AppendMapped(out, s.substr(chunk, end - chunk), kNfc))
        out.append(s.substr(chunk, end - chunk));
      copied = end;
    }
  };
  for (std::size_t i = 0; i < s.size();) {
    utf8proc_int32_t cp = static_cast<unsigned char>(s[i]);
    const std::ptrdiff_t len = cp < 0x80 ? 1 : Decode(s, i, cp);
    assert(len > 0);
    if (cp < 0x80 || IsNfcInert(cp)) {
      flush(i);
      chunk = i;
      chunk_needs = false;
    } else {
      chunk_needs = true;
    }
    i += static_cast<std::size_t>(len);
  }
  flush(s.size());
  out.append(s.substr(copied));
  return out;
}

}  // namespace

std::string CleanText(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  bool needs_nfc = false;
  std::size_t i = 0;
  while (i < in.size()) {
    const std::size_t start = i;
    i = SkipPlainAscii(in, i);
    out.append(in.substr(start, i - start));
    if (i == in.size()) break;
    if (static_cast<unsigned char>(in[i]) < 0x80) {
      if (in[i] == '\r') {
        out += '\n';
        if (i + 1 < in.size() && in[i + 1] == '\n') ++i;
      }
      ++i;
      continue;
    }
    utf8proc_int32_t cp = 0;
    const std::ptrdiff_t len = Decode(in, i, cp);
    if (len < 0) {
      AppendUtf8(out, kReplacement);
      ++i;
      continue;
    }
    if (!IsDropped(cp)) {
      needs_nfc = needs_nfc || !IsNfcInert(cp);
      out.append(in.substr(i, static_cast<std::size_t>(len)));
    }
    i += static_cast<std::size_t>(len);
  }
  return needs_nfc ? NormalizeChunks(out) : out;
}

std::string CleanLine(std::string_view text) {
  const std::string clean = CleanText(text);
  std::string out;
  out.reserve(clean.size());
  bool space = false;
  for (const char c : clean) {
    if (c == ' ' || c == '\t' || c == '\n') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

void AppendHtmlEscaped(std::string& out, std::string_view text) {
  const char* p = text.data();
  const char* const end = p + text.size();
  const char* plain = p;
  while (p < end) {
    while (end - p >= 8 && !HasHtmlSpecial(Load8(p))) p += 8;
    if (p == end) break;
    const std::string_view entity = HtmlEntity(*p);
    if (entity.empty()) {
      ++p;
      continue;
    }
    out.append(plain, static_cast<std::size_t>(p - plain));
    out.append(entity);
    plain = ++p;
  }
  out.append(plain, static_cast<std::size_t>(end - plain));
}

}  // namespace synd

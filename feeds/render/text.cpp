#include "feeds/render/text.hpp"

#include <utf8proc.h>

#include <cassert>
#include <cstdint>
#include <cstdlib>
#include <memory>

namespace synd {
namespace {

constexpr utf8proc_int32_t kReplacement = 0xFFFD;

bool IsPlainAscii(unsigned char c) { return (c >= 0x20 && c < 0x7F) || c == '\n' || c == '\t'; }

bool IsAsciiAlnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// XML 1.0 cannot carry U+FFFE/U+FFFF; C1 controls are allowed but are always mojibake in news.
bool IsDropped(utf8proc_int32_t cp) {
  return (cp >= 0x80 && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF;
}

// A code point NFC leaves alone whatever surrounds it: a starter without a canonical
// decomposition that takes part in no composition. Hangul composes algorithmically, outside
// utf8proc's composition table, so it never counts as inert.
bool IsNfcInert(utf8proc_int32_t cp) {
  if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0xAC00 && cp <= 0xD7A3)) return false;
  const utf8proc_property_t* p = utf8proc_get_property(cp);
  return p->combining_class == 0 && p->comb_index == UINT16_MAX &&
         (p->decomp_seqindex == UINT16_MAX || p->decomp_type != 0);
}

// Decodes one code point at s[i]; returns its length, or -1 when the bytes are not UTF-8.
std::ptrdiff_t Decode(std::string_view s, std::size_t i, utf8proc_int32_t& cp) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i);
  const auto n = utf8proc_iterate(p, static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
  return n > 0 ? n : -1;
}

void AppendUtf8(std::string& out, utf8proc_int32_t cp) {
  utf8proc_uint8_t buf[4];
  const auto n = utf8proc_encode_char(cp, buf);
  out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

// Appends utf8proc_map(chunk, options); false when utf8proc fails (only on invalid input or
// allocation failure).
bool AppendMapped(std::string& out, std::string_view chunk, utf8proc_option_t options) {
  utf8proc_uint8_t* mapped = nullptr;
  const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(chunk.data()),
                              static_cast<utf8proc_ssize_t>(chunk.size()), &mapped, options);
  const std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(mapped, &std::free);
  if (n < 0) return false;
  out.append(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(n));
  return true;
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

bool IsWordCategory(utf8proc_category_t cat) {
  return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO;
}

// Scripts written without spaces between words (see SplitWords).
bool IsUnspacedScript(utf8proc_int32_t cp) {
  return (cp >= 0x0E00 && cp <= 0x0EFF) ||  // Thai, Lao
         (cp >= 0x1000 && cp <= 0x109F) ||  // Myanmar
         (cp >= 0x1780 && cp <= 0x17FF) ||  // Khmer
         (cp >= 0x3040 && cp <= 0x30FF) ||  // Hiragana, Katakana
         (cp >= 0x31F0 && cp <= 0x31FF) ||  // Katakana extensions
         (cp >= 0x3400 && cp <= 0x4DBF) ||  // CJK extension A
         (cp >= 0x4E00 && cp <= 0x9FFF) ||  // CJK unified ideographs
         (cp >= 0xF900 && cp <= 0xFAFF) ||  // CJK compatibility ideographs
         (cp >= 0xFF66 && cp <= 0xFF9F) ||  // half-width Katakana
         (cp >= 0x20000 && cp <= 0x3134F);  // CJK extensions B and later
}

}  // namespace

std::string CleanText(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  bool needs_nfc = false;
  std::size_t i = 0;
  while (i < in.size()) {
    const std::size_t start = i;
    while (i < in.size() && IsPlainAscii(static_cast<unsigned char>(in[i]))) ++i;
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
  std::size_t plain = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char* entity = nullptr;
    switch (text[i]) {
      case '&':
        entity = "&amp;";
        break;
      case '<':
        entity = "&lt;";
        break;
      case '>':
        entity = "&gt;";
        break;
      case '"':
        entity = "&quot;";
        break;
      default:
        continue;
    }
    out.append(text.substr(plain, i - plain));
    out.append(entity);
    plain = i + 1;
  }
  out.append(text.substr(plain));
}

std::string FoldCase(std::string_view text) {
  constexpr auto kFold = static_cast<utf8proc_option_t>(
      UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      out += AsciiLower(text[i++]);
      continue;
    }
    // The ASCII character before a run may compose with a mark at the run's start, so it joins
    // the chunk that goes through utf8proc.
    std::size_t start = i;
    if (start > 0 && static_cast<unsigned char>(text[start - 1]) < 0x80) {
      --start;
      out.pop_back();
    }
    while (i < text.size() && static_cast<unsigned char>(text[i]) >= 0x80) ++i;
    const std::string_view chunk = text.substr(start, i - start);
    if (!AppendMapped(out, chunk, kFold) && !AppendMapped(out, CleanText(chunk), kFold)) {
      out.append(CleanText(chunk));
    }
  }
  return out;
}

void SplitWords(std::string_view s, std::vector<std::string_view>& words) {
  words.clear();
  std::size_t start = std::string_view::npos;
  auto end_word = [&](std::size_t at) {
    if (start != std::string_view::npos) words.push_back(s.substr(start, at - start));
    start = std::string_view::npos;
  };
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (!IsAsciiAlnum(c)) {
        end_word(i);
      } else if (start == std::string_view::npos) {
        start = i;
      }
      ++i;
      continue;
    }
    utf8proc_int32_t cp = 0;
    const std::ptrdiff_t decoded = Decode(s, i, cp);
    const std::size_t len = decoded < 0 ? 1 : static_cast<std::size_t>(decoded);
    if (decoded < 0 || !IsWordCategory(utf8proc_category(cp))) {
      end_word(i);
    } else if (IsUnspacedScript(cp)) {
      end_word(i);
      words.push_back(s.substr(i, len));
    } else if (start == std::string_view::npos) {
      start = i;
    }
    i += len;
  }
  end_word(s.size());
}

}  // namespace synd

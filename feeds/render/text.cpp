#include "feeds/render/text.hpp"

#include <utf8proc.h>

#include <bitset>
#include <cassert>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace synd {
namespace {

constexpr utf8proc_int32_t kReplacement = 0xFFFD;

bool IsPlainAscii(unsigned char c) { return (c >= 0x20 && c < 0x7F) || c == '\n' || c == '\t'; }

// Eight bytes at a time (SWAR): text is mostly ASCII with nothing to escape, and these scans
// decide whether a whole word of it can be copied as is.
constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighs = 0x8080808080808080ULL;

uint64_t Load8(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// Non-zero when some byte of v equals c.
uint64_t HasByte(uint64_t v, unsigned char c) {
  const uint64_t x = v ^ (kOnes * c);
  return (x - kOnes) & ~x & kHighs;
}

// True when all eight bytes are printable ASCII (0x20..0x7E).
bool AllPrintable(uint64_t v) {
  const uint64_t below_space = (v - kOnes * 0x20) & ~v & kHighs;
  const uint64_t above_tilde = ((v + kOnes * (127 - 0x7E)) | v) & kHighs;
  return (below_space | above_tilde) == 0;
}

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
bool ComputeNfcInert(utf8proc_int32_t cp) {
  if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0xAC00 && cp <= 0xD7A3)) return false;
  const utf8proc_property_t* p = utf8proc_get_property(cp);
  return p->combining_class == 0 && p->comb_index == UINT16_MAX &&
         (p->decomp_seqindex == UINT16_MAX || p->decomp_type != 0);
}

// A code point NFKC + case folding leaves alone whatever surrounds it: inert under NFC,
// without any decomposition or case folding, and not default-ignorable.
bool ComputeFoldInert(utf8proc_int32_t cp) {
  if (!ComputeNfcInert(cp)) return false;
  const utf8proc_property_t* p = utf8proc_get_property(cp);
  return p->decomp_seqindex == UINT16_MAX && p->casefold_seqindex == UINT16_MAX && !p->ignorable;
}

// Both properties for the whole BMP, computed once: the per-character property look-ups
// were the largest cost of cleaning and folding news text, which is full of curly quotes.
struct BmpTables {
  std::bitset<0x10000> nfc_inert, fold_inert;
  BmpTables() {
    for (utf8proc_int32_t cp = 0; cp < 0x10000; ++cp) {
      nfc_inert[static_cast<std::size_t>(cp)] = ComputeNfcInert(cp);
      fold_inert[static_cast<std::size_t>(cp)] = ComputeFoldInert(cp);
    }
  }
};

const BmpTables& Tables() {
  static const BmpTables tables;
  return tables;
}

bool IsNfcInert(utf8proc_int32_t cp) {
  return cp < 0x10000 ? Tables().nfc_inert[static_cast<std::size_t>(cp)] : ComputeNfcInert(cp);
}

bool IsFoldInert(utf8proc_int32_t cp) {
  return cp < 0x10000 ? Tables().fold_inert[static_cast<std::size_t>(cp)] : ComputeFoldInert(cp);
}

// Decodes one code point at s[i]; returns its length, or -1 when the bytes are not UTF-8
// (overlong forms, surrogates and values past U+10FFFF included). Inline rather than
// utf8proc_iterate: it runs for every non-ASCII character of every article.
std::ptrdiff_t Decode(std::string_view s, std::size_t i, utf8proc_int32_t& cp) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data() + i);
  const std::size_t left = s.size() - i;
  const unsigned char b0 = p[0];
  auto cont = [&](std::size_t k) { return k < left && (p[k] & 0xC0) == 0x80; };
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  if (b0 >= 0xC2 && b0 <= 0xDF && cont(1)) {
    cp = ((b0 & 0x1F) << 6) | (p[1] & 0x3F);
    return 2;
  }
  if (b0 >= 0xE0 && b0 <= 0xEF && cont(1) && cont(2)) {
    cp = ((b0 & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    return (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) ? 3 : -1;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4 && cont(1) && cont(2) && cont(3)) {
    cp = ((b0 & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
    return (cp >= 0x10000 && cp <= 0x10FFFF) ? 4 : -1;
  }
  return -1;
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
    utf8proc_int32_t cp = 0;
    std::ptrdiff_t len = Decode(text, i, cp);
    if (len > 0 && IsFoldInert(cp)) {
      out.append(text.substr(i, static_cast<std::size_t>(len)));
      i += static_cast<std::size_t>(len);
      continue;
    }
    // A run of code points that folding may change goes through utf8proc, with the ASCII
    // character before it, which may compose with a mark at the run's start.
    std::size_t start = i;
    if (start > 0 && static_cast<unsigned char>(text[start - 1]) < 0x80) {
      --start;
      out.pop_back();
    }
    while (i < text.size() && static_cast<unsigned char>(text[i]) >= 0x80) {
      len = Decode(text, i, cp);
      if (len > 0 && IsFoldInert(cp)) break;
      i += len > 0 ? static_cast<std::size_t>(len) : 1;
    }
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

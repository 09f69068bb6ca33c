#include "feeds/render/unicode.hpp"

#include <bitset>
#include <cstdint>
#include <cstdlib>
#include <memory>

namespace synd::unicode {
namespace {

bool IsHangul(utf8proc_int32_t cp) {
  return (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0xAC00 && cp <= 0xD7A3);
}

// Hangul composes algorithmically, outside utf8proc's composition table, so it never counts
// as inert.
bool ComputeNfcInert(utf8proc_int32_t cp) {
  if (IsHangul(cp)) return false;
  const utf8proc_property_t* p = utf8proc_get_property(cp);
  return p->combining_class == 0 && p->comb_index == UINT16_MAX &&
         (p->decomp_seqindex == UINT16_MAX || p->decomp_type != 0);
}

bool ComputeFoldInert(utf8proc_int32_t cp) {
  if (!ComputeNfcInert(cp)) return false;
  const utf8proc_property_t* p = utf8proc_get_property(cp);
  return p->decomp_seqindex == UINT16_MAX && p->casefold_seqindex == UINT16_MAX && !p->ignorable;
}

// Both properties for the whole BMP, computed once: per-character property look-ups were the
// largest cost of cleaning and folding news text, which is full of curly quotes.
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

}  // namespace

// Inline rather than utf8proc_iterate: it runs for every non-ASCII character of every article.
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

bool AppendMapped(std::string& out, std::string_view chunk, utf8proc_option_t options) {
  utf8proc_uint8_t* mapped = nullptr;
  const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(chunk.data()),
                              static_cast<utf8proc_ssize_t>(chunk.size()), &mapped, options);
  const std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(mapped, &std::free);
  if (n < 0) return false;
  out.append(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(n));
  return true;
}

bool IsNfcInert(utf8proc_int32_t cp) {
  return cp < 0x10000 ? Tables().nfc_inert[static_cast<std::size_t>(cp)] : ComputeNfcInert(cp);
}

bool IsFoldInert(utf8proc_int32_t cp) {
  return cp < 0x10000 ? Tables().fold_inert[static_cast<std::size_t>(cp)] : ComputeFoldInert(cp);
}

bool IsWordChar(utf8proc_int32_t cp) {
  const utf8proc_category_t cat = utf8proc_category(cp);
  return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO;
}

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

}  // namespace synd::unicode

#include "feeds/normalize/unicode_tables.hpp"

#include <utf8proc.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "feeds/normalize/utf8.hpp"

namespace synd::unicode {
namespace {

constexpr char32_t kCodeSpace = 0x110000;
constexpr char32_t kBmpSize = 0x10000;
constexpr auto kNfcOptions = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE);
constexpr auto kFoldOptions = static_cast<utf8proc_option_t>(
    UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);

bool IsSurrogate(char32_t cp) { return cp >= 0xD800 && cp <= 0xDFFF; }

class BitSet {
 public:
  explicit BitSet(std::size_t size) : words_((size + 63) / 64, 0) {}
  void Set(char32_t i) { words_[i >> 6] |= std::uint64_t{1} << (i & 63); }
  bool Test(char32_t i) const { return (words_[i >> 6] >> (i & 63)) & 1; }

 private:
  std::vector<std::uint64_t> words_;
};

// utf8proc_map on one code point; empty on error.
std::string MapOne(char32_t cp, utf8proc_option_t options) {
  std::string in;
  AppendUtf8(cp, in);
  utf8proc_uint8_t* out = nullptr;
  const utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(in.data()),
                                          static_cast<utf8proc_ssize_t>(in.size()), &out, options);
  std::string result;
  if (n >= 0 && out != nullptr) result.assign(reinterpret_cast<const char*>(out), n);
  std::free(out);
  return result;
}

std::string FoldString(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const DecodedCodePoint d = DecodeUtf8At(text, i);
    AppendUtf8(FoldPunctuation(d.code_point), out);
    i += d.length;
  }
  return out;
}

bool HasCanonicalDecomposition(const utf8proc_property_t* p) {
  return p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0;
}

struct Tables {
  BitSet second{kCodeSpace};  // may compose with a preceding character
  BitSet nfc_inert{kCodeSpace};
  std::vector<FoldKind> fold_kind = std::vector<FoldKind>(kBmpSize, FoldKind::kSlow);
  std::vector<std::uint32_t> fold_offset = std::vector<std::uint32_t>(kBmpSize, 0);
  std::vector<std::uint8_t> fold_length = std::vector<std::uint8_t>(kBmpSize, 0);
  std::string fold_pool;

  Tables() {
    MarkSeconds();
    for (char32_t cp = 0; cp < kCodeSpace; ++cp) {
      if (!IsSurrogate(cp) && ComputeNfcInert(cp)) nfc_inert.Set(cp);
    }
    for (char32_t cp = 0; cp < kBmpSize; ++cp) {
      if (!IsSurrogate(cp)) ComputeFold(cp);
    }
  }

  void MarkSeconds() {
    utf8proc_int32_t buf[32];
    for (char32_t cp = 0; cp < kCodeSpace; ++cp) {
      if (IsSurrogate(cp) ||
          !HasCanonicalDecomposition(utf8proc_get_property(static_cast<utf8proc_int32_t>(cp))))
        continue;
      const utf8proc_ssize_t n = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(cp), buf, 32,
                                                         UTF8PROC_DECOMPOSE, nullptr);
      for (utf8proc_ssize_t i = 1; i < n && i < 32; ++i) second.Set(buf[i]);
    }
    // Hangul syllables compose algorithmically: vowel and trailing jamo attach to what precedes.
    for (char32_t cp = 0x1161; cp <= 0x1175; ++cp) second.Set(cp);
    for (char32_t cp = 0x11A8; cp <= 0x11C2; ++cp) second.Set(cp);
  }

  bool ComputeNfcInert(char32_t cp) const {
    const utf8proc_property_t* p = utf8proc_get_property(static_cast<utf8proc_int32_t>(cp));
    if (p->combining_class != 0 || second.Test(cp)) return false;
    if (!HasCanonicalDecomposition(p)) return true;
    std::string self;
    AppendUtf8(cp, self);
    return MapOne(cp, kNfcOptions) == self;
  }

  // A code point whose fold can be done alone: its own class is 0, it is no composition
  // second, and its image starts with such a character (or is empty).
  bool FoldsAlone(char32_t cp, std::string_view image) const {
    if (utf8proc_get_property(static_cast<utf8proc_int32_t>(cp))->combining_class != 0 ||
        second.Test(cp)) {
      return false;
    }
    if (image.empty()) return true;
    const char32_t first = DecodeUtf8At(image, 0).code_point;
    return utf8proc_get_property(static_cast<utf8proc_int32_t>(first))->combining_class == 0 &&
           !second.Test(first);
  }

  void ComputeFold(char32_t cp) {
    const utf8proc_property_t* p = utf8proc_get_property(static_cast<utf8proc_int32_t>(cp));
    std::string image;
    if (p->decomp_seqindex == UINT16_MAX && p->casefold_seqindex == UINT16_MAX && !p->ignorable) {
      AppendUtf8(FoldPunctuation(cp), image);  // utf8proc would return it unchanged
    } else {
      image = FoldString(MapOne(cp, kFoldOptions));
    }
    if (!FoldsAlone(cp, image)) return;  // stays kSlow
    std::string self;
    AppendUtf8(cp, self);
    if (image == self) {
      fold_kind[cp] = FoldKind::kKeep;
    } else if (image.empty()) {
      fold_kind[cp] = p->ignorable
                          ? FoldKind::kDrop
                          : FoldKind::kSlow;  // an error from utf8proc: let the slow path say
    } else if (image.size() <= 255) {
      fold_kind[cp] = FoldKind::kMap;
      fold_offset[cp] = static_cast<std::uint32_t>(fold_pool.size());
      fold_length[cp] = static_cast<std::uint8_t>(image.size());
      fold_pool += image;
    }
  }
};

const Tables& GetTables() {
  static const Tables tables;
  return tables;
}

}  // namespace

bool IsNfcInert(char32_t cp) {
  if (cp < 0x300) return true;
  return cp < kCodeSpace && GetTables().nfc_inert.Test(cp);
}

FoldEntry FoldLookup(char32_t cp) {
  const Tables& t = GetTables();
  if (cp < kBmpSize) {
    const FoldKind kind = t.fold_kind[cp];
    if (kind != FoldKind::kMap) return {kind, {}};
    return {kind, std::string_view(t.fold_pool).substr(t.fold_offset[cp], t.fold_length[cp])};
  }
  if (cp >= kCodeSpace) return {FoldKind::kSlow, {}};
  const utf8proc_property_t* p = utf8proc_get_property(static_cast<utf8proc_int32_t>(cp));
  if (p->combining_class != 0 || t.second.Test(cp) || p->decomp_seqindex != UINT16_MAX ||
      p->casefold_seqindex != UINT16_MAX) {
    return {FoldKind::kSlow, {}};
  }
  return {p->ignorable ? FoldKind::kDrop : FoldKind::kKeep, {}};
}

LetterKind LetterKindOf(char32_t cp) {
  if (cp < 0x80) {
    if (cp >= 'A' && cp <= 'Z') return LetterKind::kUpper;
    if (cp >= 'a' && cp <= 'z') return LetterKind::kLower;
    return LetterKind::kNotLetter;
  }
  if (cp >= kCodeSpace) return LetterKind::kNotLetter;
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
      return LetterKind::kUpper;
    case UTF8PROC_CATEGORY_LL:
      return LetterKind::kLower;
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_LM:
      return LetterKind::kUncased;
    default:
      return LetterKind::kNotLetter;
  }
}

char32_t FoldPunctuation(char32_t cp) {
  switch (cp) {
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
    case 0x2035:
    case 0x2039:
    case 0x203A:
    case 0xFF07:
      return '\'';
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2033:
    case 0x2036:
    case 0x00AB:
    case 0x00BB:
    case 0x301D:
    case 0x301E:
    case 0x301F:
    case 0xFF02:
      return '"';
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
    case 0x2E3A:
    case 0x2E3B:
    case 0xFE58:
    case 0xFE63:
    case 0xFF0D:
      return '-';
    default:
      return cp;
  }
}

}  // namespace synd::unicode

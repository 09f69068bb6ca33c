#include "feeds/normalize/fold.hpp"

#include <utf8proc.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "feeds/normalize/unicode_tables.hpp"
#include "feeds/normalize/utf8.hpp"

namespace synd {
namespace {

constexpr std::string_view kReplacementUtf8 = "\xEF\xBF\xBD";
constexpr std::size_t kNone = std::string_view::npos;

// Full utf8proc fold of valid UTF-8, then the punctuation fold; appended to out.
void AppendSlowFold(std::string_view valid_utf8, std::string& out) {
  utf8proc_uint8_t* mapped = nullptr;
  const utf8proc_ssize_t n = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(valid_utf8.data()),
      static_cast<utf8proc_ssize_t>(valid_utf8.size()), &mapped,
      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                     UTF8PROC_CASEFOLD | UTF8PROC_IGNORE));
  const std::string_view folded = n >= 0 && mapped != nullptr
                                      ? std::string_view(reinterpret_cast<const char*>(mapped), n)
                                      : valid_utf8;
  for (std::size_t i = 0; i < folded.size();) {
    if (IsAsciiByte(folded[i])) {
      out.push_back(folded[i++]);
      continue;
    }
    const DecodedCodePoint d = DecodeUtf8At(folded, i);
    AppendUtf8(unicode::FoldPunctuation(d.code_point), out);
    i += d.length;
  }
  std::free(mapped);
}

// Appends ASCII text in lower case, eight bytes a step.
void AppendAsciiLowered(std::string_view ascii, std::string& out) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  const std::size_t from = out.size();
  out.append(ascii);
  char* p = out.data() + from;
  char* const end = out.data() + out.size();
  for (; end - p >= 8; p += 8) {
    std::uint64_t x;
    std::memcpy(&x, p, 8);
    // Bytes are below 0x80, so these sums never carry into the next byte.
    const std::uint64_t above_z = x + kOnes * (0x7F - 'Z');
    const std::uint64_t from_a = x + kOnes * (0x80 - 'A');
    x |= ((from_a ^ above_z) & kHigh) >> 2;  // 0x20 on each of A..Z
    std::memcpy(p, &x, 8);
  }
  for (; p != end; ++p) *p = static_cast<char>(*p | ((*p >= 'A' && *p <= 'Z') ? 0x20 : 0));
}

// Replaces ill-formed bytes by U+FFFD so that utf8proc accepts the text.
std::string ValidUtf8(std::string_view text) {
  std::string valid;
  valid.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const DecodedCodePoint d = DecodeUtf8At(text, i);
    valid.append(d.code_point == kInvalidCodePoint ? kReplacementUtf8 : text.substr(i, d.length));
    i += d.length;
  }
  return valid;
}

}  // namespace

void AppendFingerprintFold(std::string_view text, std::string& out) {
  // The last code point that folded on its own (input offset, output size before it): a
  // context-dependent run may compose with it, so the run starts there.
  std::size_t anchor_in = kNone;
  std::size_t anchor_out = 0;
  std::size_t slow_start = kNone;
  auto flush_slow = [&](std::size_t end) {
    if (slow_start == kNone) return;
    // The run may start at an ill-formed byte (the anchor): utf8proc needs valid UTF-8.
    AppendSlowFold(ValidUtf8(text.substr(slow_start, end - slow_start)), out);
    slow_start = kNone;
  };
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      flush_slow(i);
      const std::size_t j = SkipAscii(text, i + 1);
      AppendAsciiLowered(text.substr(i, j - i), out);
      anchor_in = j - 1;
      anchor_out = out.size() - 1;
      i = j;
      continue;
    }
    const DecodedCodePoint d = DecodeUtf8At(text, i);
    const bool invalid = d.code_point == kInvalidCodePoint;
    const unicode::FoldEntry entry =
        unicode::FoldLookup(invalid ? kReplacementCharacter : d.code_point);
    if (entry.kind == unicode::FoldKind::kSlow) {
      if (slow_start == kNone) {
        slow_start = anchor_in == kNone ? i : anchor_in;
        if (anchor_in != kNone) out.resize(anchor_out);
      }
    } else if (entry.kind != unicode::FoldKind::kDrop) {
      flush_slow(i);
      anchor_in = i;
      anchor_out = out.size();
      out.append(entry.kind == unicode::FoldKind::kMap ? entry.mapped
                 : invalid                             ? kReplacementUtf8
                                                       : text.substr(i, d.length));
    }
    i += d.length;
  }
  flush_slow(text.size());
}

std::string FingerprintFold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  AppendFingerprintFold(text, out);
  return out;
}

std::string FingerprintFoldReference(std::string_view text) {
  std::string out;
  AppendSlowFold(ValidUtf8(text), out);
  return out;
}

}  // namespace synd

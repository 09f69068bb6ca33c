#include "feeds/dedupe/fingerprint.hpp"

#include <xxhash.h>

#include <cstdint>
#include <cstring>

#include "feeds/normalize/dateline.hpp"
#include "feeds/normalize/fold.hpp"
#include "feeds/normalize/line_shapes.hpp"

namespace synd {
namespace {

bool IsAsciiSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// Whether `s` may hold white space other than single spaces between words. Conservative (a
// false "yes" only costs a rewrite); eight bytes a step, because it runs over every block.
bool MayNeedCollapse(std::string_view s) {
  if (s.empty()) return false;
  if (s.front() == ' ' || s.back() == ' ') return true;
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  constexpr std::uint64_t kSpaces = 0x2020202020202020ULL;
  bool previous_space = false;
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t x;
    std::memcpy(&x, s.data() + i, 8);
    if (((x - kSpaces) & ~x & kHigh) != 0) return true;  // a byte below 0x20
    const std::uint64_t y = x ^ kSpaces;
    const std::uint64_t spaces = (y - kOnes) & ~y & kHigh;  // flags every space byte
    if ((spaces & (spaces << 8)) != 0 || (previous_space && (spaces & 0x80) != 0)) return true;
    previous_space = (spaces >> 63) != 0;
  }
  for (; i < s.size(); ++i) {
    const bool space = s[i] == ' ';
    if ((space && previous_space) || (!space && IsAsciiSpace(s[i]))) return true;
    previous_space = space;
  }
  return false;
}

// Collapses white space in out[start..] to single spaces, trimmed. Folded text of normalized
// input rarely needs it (NFKC maps a few characters to a space), so check before rewriting.
void CollapseSpaces(std::string& out, std::size_t start) {
  if (!MayNeedCollapse(std::string_view(out).substr(start))) return;
  std::size_t w = start;
  bool pending_space = false;
  for (std::size_t r = start; r < out.size(); ++r) {
    if (IsAsciiSpace(out[r])) {
      pending_space = true;
      continue;
    }
    if (pending_space && w > start) out[w++] = ' ';
    pending_space = false;
    out[w++] = out[r];
  }
  out.resize(w);
}

// Folds one block onto a line of its own at the end of `out`.
void AppendBlock(std::string_view text, std::string& out) {
  if (text.empty() || IsBoilerplateLine(text)) return;
  const std::size_t mark = out.size();
  if (!out.empty()) out.push_back('\n');
  const std::size_t start = out.size();
  AppendFingerprintFold(text, out);
  CollapseSpaces(out, start);
  if (out.size() == start) out.resize(mark);
}

// The first paragraph without the article's dateline, when it starts with it.
std::string_view WithoutDateline(const Article& article, std::string_view paragraph) {
  if (!article.dateline) return paragraph;
  const std::optional<DatelineMatch> match = MatchDateline(paragraph);
  if (!match || match->dateline != *article.dateline) return paragraph;
  return paragraph.substr(match->length);
}

}  // namespace

std::string FingerprintText(const Article& article) {
  std::string out;
  out.reserve(4096);
  AppendBlock(article.title, out);
  for (const std::string& bullet : article.summary) AppendBlock(bullet, out);
  bool first_paragraph = true;
  for (const Block& block : article.body) {
    std::string_view text = block.text;
    if (block.type == BlockType::kParagraph && first_paragraph) {
      text = WithoutDateline(article, text);
      first_paragraph = false;
    }
    AppendBlock(text, out);
  }
  return out;
}

std::string FingerprintHex(std::string_view fingerprint_text) {
  const XXH128_hash_t hash = XXH3_128bits(fingerprint_text.data(), fingerprint_text.size());
  XXH128_canonical_t canonical;
  XXH128_canonicalFromHash(&canonical, hash);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * sizeof canonical.digest);
  for (unsigned char byte : canonical.digest) {
    hex.push_back(kHex[byte >> 4]);
    hex.push_back(kHex[byte & 0xF]);
  }
  return hex;
}

}  // namespace synd

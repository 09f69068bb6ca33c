#include "feeds/dedupe/fingerprint.hpp"

#include <xxhash.h>

#include "feeds/normalize/dateline.hpp"
#include "feeds/normalize/fold.hpp"
#include "feeds/normalize/line_shapes.hpp"

namespace synd {
namespace {

bool IsAsciiSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// Folds one block and appends it as space-separated tokens on a line of its own.
void AppendBlock(std::string_view text, std::string& scratch, std::string& out) {
  if (text.empty() || IsBoilerplateLine(text)) return;
  scratch.clear();
  AppendFingerprintFold(text, scratch);
  const std::size_t mark = out.size();
  if (!out.empty()) out.push_back('\n');
  const std::size_t start = out.size();
  bool pending_space = false;
  for (char c : scratch) {
    if (IsAsciiSpace(c)) {
      pending_space = true;
      continue;
    }
    if (pending_space && out.size() > start) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
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
  std::string scratch;
  AppendBlock(article.title, scratch, out);
  for (const std::string& bullet : article.summary) AppendBlock(bullet, scratch, out);
  bool first_paragraph = true;
  for (const Block& block : article.body) {
    std::string_view text = block.text;
    if (block.type == BlockType::kParagraph && first_paragraph) {
      text = WithoutDateline(article, text);
      first_paragraph = false;
    }
    AppendBlock(text, scratch, out);
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

#include "feeds/dedupe/shingles.hpp"

#include <xxhash.h>

#include <algorithm>
#include <array>

namespace synd {
namespace {

enum class CharClass { kSeparator, kWordPart, kOwnToken };

// Scripts whose writing puts no spaces between words: each character stands in for a word.
bool WrittenWithoutSpaces(char32_t c) {
  return (c >= 0x0E00 && c <= 0x0EFF)        // Thai, Lao
         || (c >= 0x1000 && c <= 0x109F)     // Myanmar
         || (c >= 0x1780 && c <= 0x17FF)     // Khmer
         || (c >= 0x3040 && c <= 0x30FF)     // Hiragana, Katakana
         || (c >= 0x31F0 && c <= 0x31FF)     // Katakana phonetic extensions
         || (c >= 0x3400 && c <= 0x4DBF)     // CJK extension A
         || (c >= 0x4E00 && c <= 0x9FFF)     // CJK unified ideographs
         || (c >= 0xF900 && c <= 0xFAFF)     // CJK compatibility ideographs
         || (c >= 0xFF66 && c <= 0xFF9F)     // half-width katakana
         || (c >= 0x20000 && c <= 0x3FFFF);  // CJK extensions B and later
}

CharClass Classify(char32_t c) {
  if (c == ' ' || c == '\n' || c == '\t' || c == '\r') return CharClass::kSeparator;
  if ((c >= 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF0F)) {
    return CharClass::kSeparator;  // ideographic space and CJK punctuation
  }
  if (c >= 0x0E00 && WrittenWithoutSpaces(c)) return CharClass::kOwnToken;
  return CharClass::kWordPart;
}

// Decodes one UTF-8 sequence at `i` and returns its length (1 for a stray byte, which then stands
// for itself: the fingerprint text is valid UTF-8, but this must not misbehave when it is not).
std::size_t DecodeAt(std::string_view s, std::size_t i, char32_t& c) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  std::size_t len = b0 < 0x80           ? 1
                    : (b0 >> 5) == 0x6  ? 2
                    : (b0 >> 4) == 0xE  ? 3
                    : (b0 >> 3) == 0x1E ? 4
                                        : 1;
  if (i + len > s.size()) len = 1;
  if (len == 1) {
    c = b0;
    return 1;
  }
  c = b0 & (0x7F >> len);
  for (std::size_t k = 1; k < len; ++k)
    c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return len;
}

// Slides a window of the last kShingleWords token hashes and emits one hash per full window.
class ShingleWindow {
 public:
  explicit ShingleWindow(std::vector<uint64_t>& out) : out_(out) {}

  void AddToken(std::string_view token) {
    window_[count_ % kShingleWords] = XXH3_64bits(token.data(), token.size());
    ++count_;
    if (count_ >= kShingleWords) Emit(kShingleWords);
  }

  void Finish() {
    if (count_ > 0 && count_ < kShingleWords) Emit(count_);
  }

 private:
  void Emit(std::size_t n) {
    std::array<uint64_t, kShingleWords> ordered{};
    for (std::size_t k = 0; k < n; ++k) ordered[k] = window_[(count_ - n + k) % kShingleWords];
    out_.push_back(XXH3_64bits(ordered.data(), n * sizeof(uint64_t)));
  }

  std::vector<uint64_t>& out_;
  std::array<uint64_t, kShingleWords> window_{};
  std::size_t count_ = 0;
};

}  // namespace

std::vector<uint64_t> ShingleHashes(std::string_view text) {
  std::vector<uint64_t> out;
  out.reserve(text.size() / 5);
  ShingleWindow window(out);
  std::size_t word_start = 0;
  bool in_word = false;
  for (std::size_t i = 0; i < text.size();) {
    char32_t c;
    const std::size_t len = DecodeAt(text, i, c);
    const CharClass cls = Classify(c);
    if (cls != CharClass::kWordPart && in_word) {
      window.AddToken(text.substr(word_start, i - word_start));
      in_word = false;
    }
    if (cls == CharClass::kOwnToken) window.AddToken(text.substr(i, len));
    if (cls == CharClass::kWordPart && !in_word) {
      word_start = i;
      in_word = true;
    }
    i += len;
  }
  if (in_word) window.AddToken(text.substr(word_start));
  window.Finish();
  return out;
}

std::vector<uint32_t> ShingleSet(const std::vector<uint64_t>& shingle_hashes) {
  std::vector<uint32_t> set;
  set.reserve(shingle_hashes.size());
  for (uint64_t h : shingle_hashes) set.push_back(static_cast<uint32_t>(h >> 32));
  std::sort(set.begin(), set.end());
  set.erase(std::unique(set.begin(), set.end()), set.end());
  return set;
}

}  // namespace synd

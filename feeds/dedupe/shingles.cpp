#include "feeds/dedupe/shingles.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <utility>

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

// Little-endian value of the 8 bytes at `p`: the same on every machine.
uint64_t Load8(const char* p) {
  uint64_t v = 0;
  if constexpr (std::endian::native == std::endian::little) {
    std::memcpy(&v, p, 8);
  } else {
    for (int k = 7; k >= 0; --k) v = (v << 8) | static_cast<unsigned char>(p[k]);
  }
  return v;
}

// A fast 64-bit hash of the token [p, p + n) inside a text that ends at `end`: multiply-xorshift
// over 8-byte chunks, then an avalanche. A short tail is read as a whole word when the text goes
// on for 8 more bytes, with the bytes past the token masked off.
uint64_t TokenHash(const char* p, std::size_t n, const char* end) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ (n * 0xFF51AFD7ED558CCDull);
  for (; n >= 8; p += 8, n -= 8) {
    h = (h ^ Load8(p)) * 0xBF58476D1CE4E5B9ull;
    h ^= h >> 31;
  }
  if (n > 0) {
    uint64_t tail = 0;
    if (end - p >= 8) {
      tail = Load8(p) & ((uint64_t{1} << (8 * n)) - 1);
    } else {
      for (std::size_t k = n; k-- > 0;) tail = (tail << 8) | static_cast<unsigned char>(p[k]);
    }
    h = (h ^ tail) * 0xBF58476D1CE4E5B9ull;
    h ^= h >> 31;
  }
  h ^= h >> 29;
  h *= 0x94D049BB133111EBull;
  return h ^ (h >> 32);
}

// The fingerprint text separates tokens with ' ' and '\n'; any ASCII control byte counts too.
bool IsAsciiSeparator(unsigned char b) { return b <= 0x20; }

// An ASCII byte that belongs to a word: '!' to DEL.
bool IsAsciiWordByte(unsigned char b) { return static_cast<unsigned char>(b - 0x21) < 0x5F; }

// Slides a window of the last kShingleWords token hashes and emits one hash per full window.
class ShingleWindow {
 public:
  ShingleWindow(std::vector<uint64_t>& out, const char* text_end) : out_(out), end_(text_end) {}

  void AddToken(std::string_view token) {
    // The window holds the last tokens oldest first; shifting four words beats a modulo.
    for (std::size_t k = 0; k + 1 < kShingleWords; ++k) window_[k] = window_[k + 1];
    window_[kShingleWords - 1] = TokenHash(token.data(), token.size(), end_);
    if (++count_ >= kShingleWords) Emit(kShingleWords);
  }

  void Finish() {
    if (count_ > 0 && count_ < kShingleWords) Emit(count_);
  }

 private:
  // Order-dependent combination of the window's newest `n` token hashes: each position has its
  // own odd multiplier, and a final avalanche spreads every input bit over the result (the
  // MinHash bins take the top bits, the confirmation sets the upper half).
  void Emit(std::size_t n) {
    static constexpr uint64_t kPosition[kShingleWords] = {
        0x9E3779B97F4A7C15ull, 0xC2B2AE3D27D4EB4Full, 0x165667B19E3779F9ull, 0xD6E8FEB86659FD93ull,
        0xFF51AFD7ED558CCDull};
    uint64_t h = n;
    for (std::size_t k = 0; k < n; ++k) h += window_[kShingleWords - n + k] * kPosition[k];
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDull;
    h ^= h >> 33;
    h *= 0xC4CEB9FE1A85EC53ull;
    h ^= h >> 33;
    out_.push_back(h);
  }

  std::vector<uint64_t>& out_;
  const char* end_;
  std::array<uint64_t, kShingleWords> window_{};
  std::size_t count_ = 0;
};

// An article gives a few hundred to a few thousand shingles; up to this many are bucket sorted.
constexpr std::size_t kMaxBucketSorted = 4096;

// The hashes' upper halves, sorted: LSD radix sort, four passes of 8 bits with all histograms
// counted in one sweep (several times faster than std::sort at these sizes).
void RadixSort(const std::vector<uint64_t>& hashes, std::vector<uint32_t>& set) {
  std::vector<uint32_t> scratch(hashes.size());
  std::array<std::array<uint32_t, 256>, 4> count{};
  for (std::size_t i = 0; i < set.size(); ++i) {
    const auto v = static_cast<uint32_t>(hashes[i] >> 32);
    set[i] = v;
    for (int d = 0; d < 4; ++d) ++count[d][(v >> (8 * d)) & 0xFF];
  }
  for (int d = 0; d < 4; ++d) {
    uint32_t sum = 0;
    for (uint32_t& c : count[d]) sum += std::exchange(c, sum);
    for (uint32_t v : set) scratch[count[d][(v >> (8 * d)) & 0xFF]++] = v;
    set.swap(scratch);
  }
}

// The same by one pass into 256 buckets by the top byte, then insertion within each bucket. The
// values are hash bits, so a bucket holds size/256 of them on average (at most 16 here): about
// half the work of the radix sort's four passes. Text made to put every shingle in one bucket
// costs at most kMaxBucketSorted²/2 moves (a few milliseconds).
void BucketSort(const std::vector<uint64_t>& hashes, std::vector<uint32_t>& set) {
  std::array<uint32_t, 257> start{};
  for (uint64_t h : hashes) ++start[(h >> 56) + 1];
  for (std::size_t b = 0; b < 256; ++b) start[b + 1] += start[b];
  std::array<uint32_t, 256> next;
  std::copy(start.begin(), start.end() - 1, next.begin());
  for (uint64_t h : hashes) set[next[h >> 56]++] = static_cast<uint32_t>(h >> 32);
  for (std::size_t b = 0; b < 256; ++b) {
    for (uint32_t i = start[b] + 1; i < start[b + 1]; ++i) {
      const uint32_t v = set[i];
      uint32_t j = i;
      for (; j > start[b] && set[j - 1] > v; --j) set[j] = set[j - 1];
      set[j] = v;
    }
  }
}

}  // namespace

std::vector<uint64_t> ShingleHashes(std::string_view text) {
  std::vector<uint64_t> out;
  out.reserve(text.size() / 5);
  ShingleWindow window(out, text.data() + text.size());
  std::size_t word_start = 0;
  bool in_word = false;
  for (std::size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80 && !IsAsciiSeparator(b)) {
      // The common case: a run of ASCII word bytes.
      if (!in_word) word_start = i;
      in_word = true;
      do {
        ++i;
      } while (i < text.size() && IsAsciiWordByte(static_cast<unsigned char>(text[i])));
      continue;
    }
    char32_t c = b;
    const std::size_t len = b < 0x80 ? 1 : DecodeAt(text, i, c);
    const CharClass cls = b < 0x80 ? CharClass::kSeparator : Classify(c);
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
  std::vector<uint32_t> set(shingle_hashes.size());
  if (set.size() <= kMaxBucketSorted) {
    BucketSort(shingle_hashes, set);
  } else {
    RadixSort(shingle_hashes, set);
  }
  set.erase(std::unique(set.begin(), set.end()), set.end());
  return set;
}

}  // namespace synd

#include "feeds/normalize/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace synd {
namespace {

// Bounds of the second byte of a sequence, by lead byte (Unicode table 3-7).
struct LeadInfo {
  int length;
  unsigned char second_low;
  unsigned char second_high;
};

LeadInfo Lead(unsigned char b) {
  if (b >= 0xC2 && b <= 0xDF) return {2, 0x80, 0xBF};
  if (b == 0xE0) return {3, 0xA0, 0xBF};
  if ((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) return {3, 0x80, 0xBF};
  if (b == 0xED) return {3, 0x80, 0x9F};
  if (b == 0xF0) return {4, 0x90, 0xBF};
  if (b >= 0xF1 && b <= 0xF3) return {4, 0x80, 0xBF};
  if (b == 0xF4) return {4, 0x80, 0x8F};
  return {0, 0, 0};
}

// How many bytes of a sequence starting at pos are well formed (the whole length when complete).
std::size_t WellFormedPrefix(std::string_view text, std::size_t pos, const LeadInfo& lead) {
  std::size_t n = 1;
  for (; n < static_cast<std::size_t>(lead.length) && pos + n < text.size(); ++n) {
    const auto b = static_cast<unsigned char>(text[pos + n]);
    const unsigned char low = n == 1 ? lead.second_low : 0x80;
    const unsigned char high = n == 1 ? lead.second_high : 0xBF;
    if (b < low || b > high) return n;
  }
  return n;
}

}  // namespace

DecodedCodePoint DecodeUtf8At(std::string_view text, std::size_t pos) {
  const auto b0 = static_cast<unsigned char>(text[pos]);
  if (b0 < 0x80) return {b0, 1};
  const LeadInfo lead = Lead(b0);
  if (lead.length == 0) return {kInvalidCodePoint, 1};
  if (WellFormedPrefix(text, pos, lead) != static_cast<std::size_t>(lead.length)) {
    return {kInvalidCodePoint, 1};
  }
  char32_t cp = b0 & (0xFF >> (lead.length + 1));
  for (int i = 1; i < lead.length; ++i) {
    cp = (cp << 6) | (static_cast<unsigned char>(text[pos + i]) & 0x3F);
  }
  return {cp, static_cast<std::size_t>(lead.length)};
}

void AppendUtf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::size_t SkipAscii(std::string_view text, std::size_t from) {
  std::size_t pos = from;
  for (; pos + 8 <= text.size(); pos += 8) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + pos, 8);
    if ((word & 0x8080808080808080ULL) != 0) break;
  }
  while (pos < text.size() && IsAsciiByte(text[pos])) ++pos;
  return pos;
}

Utf8Check CheckUtf8(std::string_view text) {
  Utf8Check check;
  std::size_t pos = 0;
  const std::size_t size = text.size();
  while (pos < size) {
    // Skip ASCII eight bytes at a time: most of a news dump is ASCII.
    if (pos + 8 <= size) {
      std::uint64_t word;
      std::memcpy(&word, text.data() + pos, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        pos += 8;
        continue;
      }
    }
    const auto b0 = static_cast<unsigned char>(text[pos]);
    if (b0 < 0x80) {
      ++pos;
      continue;
    }
    const LeadInfo lead = Lead(b0);
    const std::size_t good = lead.length == 0 ? 0 : WellFormedPrefix(text, pos, lead);
    if (lead.length != 0 && good == static_cast<std::size_t>(lead.length)) {
      check.has_multibyte = true;
      pos += good;
      continue;
    }
    check.valid = false;
    check.first_error = pos;
    check.truncated_at_end = lead.length != 0 && pos + good == size;
    return check;
  }
  check.first_error = size;
  return check;
}

}  // namespace synd

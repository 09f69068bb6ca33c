#include "feeds/dedupe/identity.hpp"

#include <chrono>
#include <vector>

#include "feeds/model/hex.hpp"

namespace synd {
namespace {

constexpr char kCrockford[] = "0123456789abcdefghjkmnpqrstvwxyz";
constexpr std::size_t kSuffixLength = 8;

}  // namespace

std::string Base32FromHex(std::string_view hex) {
  std::vector<uint8_t> bytes;
  bytes.reserve(hex.size() / 2);
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    const int hi = HexDigitValue(hex[i]);
    const int lo = HexDigitValue(hex[i + 1]);
    if (hi < 0 || lo < 0) return "";
    bytes.push_back(static_cast<uint8_t>(hi * 16 + lo));
  }
  std::string out;
  out.reserve((bytes.size() * 8 + 4) / 5);
  uint32_t buffer = 0;
  int bits = 0;
  for (uint8_t b : bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += kCrockford[(buffer >> (bits - 5)) & 0x1F];
      bits -= 5;
    }
  }
  if (bits > 0) out += kCrockford[(buffer << (5 - bits)) & 0x1F];
  return out;
}

Result<std::string> MintSuffix(std::string_view fingerprint_hex,
                               const std::function<Result<bool>(std::string_view)>& claim) {
  std::string full = Base32FromHex(fingerprint_hex);
  // A fingerprint that is not hex still gets a stable suffix from its own characters' hex.
  if (full.size() < kSuffixLength) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    for (unsigned char c : fingerprint_hex) {
      hex += kHex[c >> 4];
      hex += kHex[c & 0xF];
    }
    full = Base32FromHex(hex + "0000000000");
  }
  for (std::size_t len = kSuffixLength; len <= full.size(); ++len) {
    const std::string candidate = full.substr(0, len);
    Result<bool> claimed = claim(candidate);
    if (!claimed.ok()) return claimed.status();
    if (*claimed) return candidate;
  }
  for (int n = 2;; ++n) {
    std::string candidate = full + "-" + std::to_string(n);
    Result<bool> claimed = claim(candidate);
    if (!claimed.ok()) return claimed.status();
    if (*claimed) return candidate;
  }
}

std::string StoryTagId(std::string_view authority, TimePoint published, std::string_view suffix) {
  std::string id = "tag:";
  id.append(authority).append(",").append(FormatDate(published)).append(":story/").append(suffix);
  return id;
}

std::string FeedTagId(std::string_view authority, int year, std::string_view feed_name) {
  std::string id = "tag:";
  id.append(authority).append(",").append(std::to_string(year)).append(":feed/").append(feed_name);
  return id;
}

std::string EventId(std::string_view suffix, int revision) {
  std::string id = "msg_";
  id.append(suffix).append("_").append(std::to_string(revision));
  return id;
}

}  // namespace synd

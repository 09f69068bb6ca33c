#include "feeds/webhook/address_policy.hpp"

#include <arpa/inet.h>

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>
#include <cstring>

namespace synd {
namespace {

bool InPrefix(uint32_t address, uint32_t network, int bits) {
  const uint32_t mask = bits == 0 ? 0 : ~uint32_t{0} << (32 - bits);
  return (address & mask) == network;
}

bool AllZero(const std::array<uint8_t, 16>& a, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to; ++i) {
    if (a[i] != 0) return false;
  }
  return true;
}

std::array<uint8_t, 4> LastFour(const std::array<uint8_t, 16>& a) {
  return {a[12], a[13], a[14], a[15]};
}

}  // namespace

const char* AddressRangeName(AddressRange range) {
  switch (range) {
    case AddressRange::kPublic:
      return "public";
    case AddressRange::kUnspecified:
      return "unspecified";
    case AddressRange::kLoopback:
      return "loopback";
    case AddressRange::kPrivate:
      return "private";
    case AddressRange::kLinkLocal:
      return "link-local";
    case AddressRange::kSharedCgnat:
      return "shared (CGNAT)";
    case AddressRange::kMulticast:
      return "multicast";
    case AddressRange::kReserved:
      return "reserved";
  }
  return "unknown";
}

AddressRange ClassifyIpv4(const std::array<uint8_t, 4>& a) {
  const uint32_t v = (uint32_t{a[0]} << 24) | (uint32_t{a[1]} << 16) | (uint32_t{a[2]} << 8) | a[3];
  if (InPrefix(v, 0x00000000, 8)) return AddressRange::kUnspecified;
  if (InPrefix(v, 0x7F000000, 8)) return AddressRange::kLoopback;
  if (InPrefix(v, 0x0A000000, 8) || InPrefix(v, 0xAC100000, 12) || InPrefix(v, 0xC0A80000, 16)) {
    return AddressRange::kPrivate;
  }
  if (InPrefix(v, 0xA9FE0000, 16)) return AddressRange::kLinkLocal;
  if (InPrefix(v, 0x64400000, 10)) return AddressRange::kSharedCgnat;
  if (InPrefix(v, 0xE0000000, 4)) return AddressRange::kMulticast;
  if (InPrefix(v, 0xF0000000, 4)) return AddressRange::kReserved;  // includes 255.255.255.255
  return AddressRange::kPublic;
}

AddressRange ClassifyIpv6(const std::array<uint8_t, 16>& a) {
  if (AllZero(a, 0, 16)) return AddressRange::kUnspecified;
  if (AllZero(a, 0, 15) && a[15] == 1) return AddressRange::kLoopback;
  const bool mapped = AllZero(a, 0, 10) && a[10] == 0xFF && a[11] == 0xFF;
  const bool compatible = AllZero(a, 0, 12);
  const bool nat64 =
      a[0] == 0x00 && a[1] == 0x64 && a[2] == 0xFF && a[3] == 0x9B && AllZero(a, 4, 12);
  if (mapped || compatible || nat64) return ClassifyIpv4(LastFour(a));
  if ((a[0] & 0xFE) == 0xFC) return AddressRange::kPrivate;
  if (a[0] == 0xFE && (a[1] & 0xC0) == 0x80) return AddressRange::kLinkLocal;
  if (a[0] == 0xFE && (a[1] & 0xC0) == 0xC0) return AddressRange::kPrivate;
  if (a[0] == 0xFF) return AddressRange::kMulticast;
  return AddressRange::kPublic;
}

Result<AddressRange> ClassifyAddressText(std::string_view text) {
  const std::string s(text);
  std::array<uint8_t, 4> v4{};
  if (::inet_pton(AF_INET, s.c_str(), v4.data()) == 1) return ClassifyIpv4(v4);
  std::array<uint8_t, 16> v6{};
  if (::inet_pton(AF_INET6, s.c_str(), v6.data()) == 1) return ClassifyIpv6(v6);
  return Status::Invalid("\"" + s + "\" is not an IPv4 or IPv6 address");
}

Status CheckWebhookUrl(std::string_view url) {
  const auto parsed = boost::urls::parse_absolute_uri(url);
  const std::string quoted = "webhook url \"" + std::string(url) + "\"";
  if (!parsed) return Status::Invalid(quoted + " is not an absolute URL");
  const boost::urls::scheme id = parsed->scheme_id();
  if (id != boost::urls::scheme::http && id != boost::urls::scheme::https) {
    return Status::Invalid(quoted + " has scheme \"" + std::string(parsed->scheme()) +
                           "\"; only http and https are allowed");
  }
  if (!parsed->has_authority() || parsed->encoded_host().empty()) {
    return Status::Invalid(quoted + " has no host");
  }
  return Status::Ok();
}

}  // namespace synd

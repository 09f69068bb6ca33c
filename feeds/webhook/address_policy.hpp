// Which destinations a webhook may reach (SSRF defence, issue [5/6]): URL shape (http/https
// only) and the IP ranges that stay closed unless `allow_private: true`. Pure: the daemon's HTTP
// client applies ClassifyAddress to the address it is about to connect to, never to an earlier
// lookup, so DNS rebinding cannot slip past it.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "feeds/model/status.hpp"

namespace synd {

enum class AddressRange {
  kPublic,
  kUnspecified,  // 0.0.0.0/8, ::
  kLoopback,     // 127.0.0.0/8, ::1
  kPrivate,      // RFC 1918, fc00::/7 (and the deprecated site-local fec0::/10)
  kLinkLocal,    // 169.254.0.0/16, fe80::/10
  kSharedCgnat,  // 100.64.0.0/10 (RFC 6598)
  kMulticast,    // 224.0.0.0/4, ff00::/8
  kReserved,     // 240.0.0.0/4 and the broadcast address
};

// "loopback", "private", ... for messages; "public" for kPublic.
const char* AddressRangeName(AddressRange range);

AddressRange ClassifyIpv4(const std::array<uint8_t, 4>& address);

// IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) forms
// are classified by the IPv4 address they carry.
AddressRange ClassifyIpv6(const std::array<uint8_t, 16>& address);

// Classifies a textual IPv4 or IPv6 address (no brackets, no zone). Errors when it is neither.
Result<AddressRange> ClassifyAddressText(std::string_view text);

// Accepts absolute http:// and https:// URLs with a host. Errors name the URL and the problem.
Status CheckWebhookUrl(std::string_view url);

}  // namespace synd

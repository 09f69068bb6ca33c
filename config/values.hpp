// Scalar formats of the configuration (DESIGN.md §5): durations, URLs, tag-URI authorities,
// listen addresses, names, language tags and webhook secrets. Pure text checks: no YAML, no
// file access. Errors say what is wrong without a position (the loader adds FILE:LINE:COL) and
// never repeat a secret.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "config/config.hpp"
#include "feeds/model/status.hpp"

namespace synd::config {

// Longest duration any key accepts; keeps arithmetic on deadlines far from overflow.
inline constexpr Duration kMaxDuration = std::chrono::hours(24 * 365);

// "<digits><unit>" with unit ms, s, m, h or d, e.g. "15s", "250ms", "7d". Rejects a bare number,
// an unknown unit, a sign, a fraction and anything longer than kMaxDuration.
Result<Duration> ParseDuration(std::string_view text);

struct BaseUrl {
  std::string url;   // normalized: lower-case scheme and host, path ends with '/'
  std::string host;  // lower-case; an IPv6 host keeps its brackets
  bool host_is_ip = false;
};

// An absolute http(s) URL with a host and no user info, query or fragment; the result is
// normalized so that links can be made by appending a relative path.
Result<BaseUrl> ParseBaseUrl(std::string_view text);

// An absolute http(s) URL with a host. The error never repeats the URL: a webhook URL often
// carries a token in its path or query.
Status CheckWebhookUrl(std::string_view text);

// A DNS name: dot-separated labels of letters, digits and '-' (not at either end of a label),
// labels of 1..63 characters, 253 characters in all, and a last label that is not all digits
// (so "127.0.0.1" is not one).
bool IsDnsName(std::string_view text);

// A tag-URI authority (RFC 4151 §2.1): a DNS name or an e-mail address. Returns it with the
// domain part in lower case.
Result<std::string> ParseTagAuthority(std::string_view text);

// `host:port` or `[IPv6]:port`, port 0..65535; the host an IPv4 address or a DNS name.
// (The empty string, meaning "no HTTP server", is the caller's case.)
Status CheckListenAddress(std::string_view text);

// [a-z0-9-]+: feed and webhook names, used in file names, URLs and metrics labels.
bool IsName(std::string_view text);

// A BCP 47 shaped language tag: 2-3 letters, then '-'-separated subtags of 1-8 letters or digits.
bool IsLanguageTag(std::string_view text);

// Standard Webhooks secret: "whsec_" then standard base64 (padding optional) of 24 bytes or
// more. The error names the problem only, never the secret or a part of it.
Status CheckWebhookSecret(std::string_view text);

// Quotes a value for an error message, shortened when long; anything that holds "whsec_" is
// replaced by a placeholder so that a misplaced secret never reaches a message.
std::string QuoteForMessage(std::string_view value);

}  // namespace synd::config

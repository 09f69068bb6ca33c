#include "config/values.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <cctype>
#include <charconv>
#include <cstdint>

namespace synd::config {
namespace {

bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  });
  return out;
}

bool AllOf(std::string_view text, bool (*pred)(char)) {
  return std::all_of(text.begin(), text.end(), pred);
}

bool IsDnsLabel(std::string_view label) {
  if (label.empty() || label.size() > 63) return false;
  if (label.front() == '-' || label.back() == '-') return false;
  return std::all_of(label.begin(), label.end(), [](char c) { return IsAlnum(c) || c == '-'; });
}

bool IsIpv4(std::string_view text) {
  std::array<unsigned char, 4> bytes{};
  return ::inet_pton(AF_INET, std::string(text).c_str(), bytes.data()) == 1;
}

bool IsIpv6(std::string_view text) {
  std::array<unsigned char, 16> bytes{};
  return ::inet_pton(AF_INET6, std::string(text).c_str(), bytes.data()) == 1;
}

struct DurationUnit {
  std::string_view suffix;
  std::int64_t millis;
};

// Longest suffix first, so that "ms" is not read as minutes followed by junk.
constexpr std::array<DurationUnit, 5> kUnits = {{
    {"ms", 1},
    {"s", 1000},
    {"m", std::int64_t{60} * 1000},
    {"h", std::int64_t{60} * 60 * 1000},
    {"d", std::int64_t{24} * 60 * 60 * 1000},
}};

int Base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (IsDigit(c)) return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// Length in bytes of standard base64 text (padding optional), or -1 when it is not base64.
std::int64_t Base64DecodedSize(std::string_view text) {
  std::size_t padding = 0;
  while (!text.empty() && text.back() == '=' && padding < 2) {
    text.remove_suffix(1);
    ++padding;
  }
  if (text.empty() || text.size() % 4 == 1) return -1;
  if (padding > 0 && (text.size() + padding) % 4 != 0) return -1;
  if (!std::all_of(text.begin(), text.end(), [](char c) { return Base64Value(c) >= 0; })) {
    return -1;
  }
  // The bits of the last character beyond the decoded bytes must be zero (canonical form).
  const int last = Base64Value(text.back());
  const std::size_t tail = text.size() % 4;
  if ((tail == 2 && (last & 0x0f) != 0) || (tail == 3 && (last & 0x03) != 0)) return -1;
  return static_cast<std::int64_t>(text.size() / 4 * 3 + (tail == 0 ? 0 : tail - 1));
}

}  // namespace

Result<Duration> ParseDuration(std::string_view text) {
  const std::string quoted = QuoteForMessage(text);
  const auto digits_end = std::find_if_not(text.begin(), text.end(), IsDigit);
  const std::string_view digits(text.data(), static_cast<std::size_t>(digits_end - text.begin()));
  const std::string_view unit = text.substr(digits.size());
  if (!text.empty() && text.front() == '-') {
    return Status::Invalid(quoted + " is negative; a duration is 0 or more");
  }
  if (digits.empty()) {
    return Status::Invalid(quoted + " is not a duration: expected a whole number and a unit " +
                           "(ms, s, m, h or d), like \"15s\"");
  }
  if (unit.empty()) {
    return Status::Invalid(quoted + " has no unit: add ms, s, m, h or d, like \"" +
                           std::string(digits) + "s\"");
  }
  if (unit.front() == '.' || unit.front() == ',') {
    return Status::Invalid(quoted + " has a fraction: use a whole number of a smaller unit, " +
                           "like \"90m\" for 1.5h");
  }
  const auto found = std::find_if(kUnits.begin(), kUnits.end(),
                                  [&](const DurationUnit& u) { return u.suffix == unit; });
  if (found == kUnits.end()) {
    return Status::Invalid(quoted + " has an unknown unit " + QuoteForMessage(unit) +
                           ": use ms, s, m, h or d");
  }
  std::int64_t count = 0;
  const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), count);
  const std::int64_t max_count = kMaxDuration.count() / found->millis;
  if (ec != std::errc() || ptr != digits.data() + digits.size() || count > max_count) {
    return Status::Invalid(quoted + " is too long: at most 365d");
  }
  return Duration(count * found->millis);
}

Result<BaseUrl> ParseBaseUrl(std::string_view text) {
  const std::string quoted = QuoteForMessage(text);
  auto parsed = boost::urls::parse_uri(text);
  if (!parsed) return Status::Invalid(quoted + " is not an absolute URL");
  const boost::urls::url_view view = *parsed;
  const auto scheme = view.scheme_id();
  if (scheme != boost::urls::scheme::http && scheme != boost::urls::scheme::https) {
    return Status::Invalid(quoted + " must use http or https");
  }
  if (!view.has_authority() || view.encoded_host().empty()) {
    return Status::Invalid(quoted + " has no host");
  }
  if (view.has_userinfo()) return Status::Invalid(quoted + " must not hold a user name");
  if (view.has_query()) return Status::Invalid(quoted + " must not have a query (?...)");
  if (view.has_fragment()) return Status::Invalid(quoted + " must not have a fragment (#...)");
  boost::urls::url url(view);
  url.normalize();
  BaseUrl out;
  // With no query and no fragment the path ends the URL, so a '/' can simply be appended.
  out.url = std::string(url.buffer());
  if (out.url.back() != '/') out.url += '/';
  out.host = Lower(std::string(url.encoded_host()));
  out.host_is_ip = url.host_type() != boost::urls::host_type::name;
  return out;
}

Status CheckWebhookUrl(std::string_view text) {
  auto parsed = boost::urls::parse_uri(text);
  if (!parsed) return Status::Invalid("not an absolute URL");
  const auto scheme = parsed->scheme_id();
  if (scheme != boost::urls::scheme::http && scheme != boost::urls::scheme::https) {
    return Status::Invalid("must use http or https");
  }
  if (!parsed->has_authority() || parsed->encoded_host().empty()) {
    return Status::Invalid("has no host");
  }
  return Status::Ok();
}

bool IsDnsName(std::string_view text) {
  if (text.empty() || text.size() > 253) return false;
  std::string_view last;
  while (true) {
    const std::size_t dot = text.find('.');
    last = text.substr(0, dot);
    if (!IsDnsLabel(last)) return false;
    if (dot == std::string_view::npos) break;
    text.remove_prefix(dot + 1);
  }
  return !AllOf(last, IsDigit);
}

Result<std::string> ParseTagAuthority(std::string_view text) {
  const std::string quoted = QuoteForMessage(text);
  const std::size_t at = text.find('@');
  const std::string_view domain = at == std::string_view::npos ? text : text.substr(at + 1);
  if (at != std::string_view::npos) {
    const std::string_view local = text.substr(0, at);
    const bool local_ok = !local.empty() && std::all_of(local.begin(), local.end(), [](char c) {
      return IsAlnum(c) || c == '-' || c == '.' || c == '_';
    });
    if (!local_ok) {
      return Status::Invalid(quoted + " is not a valid e-mail address for a tag: URI (before " +
                             "the @: letters, digits, '-', '.', '_')");
    }
  }
  if (IsIpv4(domain) || IsIpv6(domain)) {
    return Status::Invalid(quoted + " is an IP address; a tag: URI authority must be a domain " +
                           "name or an e-mail address you control");
  }
  if (!IsDnsName(domain)) {
    return Status::Invalid(quoted + " is not a domain name or e-mail address (tag: URI " +
                           "authority, RFC 4151)");
  }
  return std::string(text.substr(0, at == std::string_view::npos ? 0 : at + 1)) + Lower(domain);
}

Status CheckListenAddress(std::string_view text) {
  const std::string quoted = QuoteForMessage(text);
  std::string_view host;
  std::string_view port;
  if (!text.empty() && text.front() == '[') {
    const std::size_t close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      return Status::Invalid(quoted + " is not [IPv6]:port");
    }
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
    if (!IsIpv6(host)) return Status::Invalid(quoted + " does not hold a valid IPv6 address");
  } else {
    const std::size_t colon = text.rfind(':');
    if (colon == std::string_view::npos) {
      return Status::Invalid(quoted + " has no port: use host:port, like 127.0.0.1:8080");
    }
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
    if (host.find(':') != std::string_view::npos) {
      return Status::Invalid(quoted + ": an IPv6 address needs brackets, like [::1]:8080");
    }
    if (host.empty()) {
      return Status::Invalid(quoted + " has no host: use 0.0.0.0 or [::] for every interface");
    }
    if (!IsIpv4(host) && !IsDnsName(host)) {
      return Status::Invalid(quoted + ": the host is neither an IPv4 address nor a host name");
    }
  }
  unsigned value = 0;
  const auto [ptr, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (port.empty() || !AllOf(port, IsDigit) || ec != std::errc() ||
      ptr != port.data() + port.size() || value > 65535) {
    return Status::Invalid(quoted + ": the port must be a number from 0 to 65535");
  }
  return Status::Ok();
}

bool IsName(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || IsDigit(c) || c == '-';
  });
}

bool IsLanguageTag(std::string_view text) {
  if (text.size() > 35) return false;
  const std::size_t dash = text.find('-');
  const std::string_view primary = text.substr(0, dash);
  if (primary.size() < 2 || primary.size() > 3 || !AllOf(primary, IsAlpha)) return false;
  while (true) {
    const std::size_t start = text.find('-');
    if (start == std::string_view::npos) return true;
    text.remove_prefix(start + 1);
    const std::string_view subtag = text.substr(0, text.find('-'));
    if (subtag.empty() || subtag.size() > 8 || !AllOf(subtag, IsAlnum)) return false;
  }
}

Status CheckWebhookSecret(std::string_view text) {
  constexpr std::string_view kPrefix = "whsec_";
  if (text.substr(0, kPrefix.size()) != kPrefix) {
    return Status::Invalid("is not in the form whsec_<base64> (value not shown)");
  }
  const std::int64_t size = Base64DecodedSize(text.substr(kPrefix.size()));
  if (size < 0) {
    return Status::Invalid("is not valid base64 after whsec_ (value not shown)");
  }
  if (size < 24) {
    return Status::Invalid("is too short: " + std::to_string(size) +
                           " bytes after base64 decoding; Standard Webhooks secrets are 24 to " +
                           "64 bytes");
  }
  return Status::Ok();
}

std::string QuoteForMessage(std::string_view value) {
  constexpr std::size_t kMax = 60;
  if (Lower(value).find("whsec_") != std::string::npos) return "<secret not shown>";
  std::string out = "\"";
  for (char c : value.substr(0, kMax)) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      out += ' ';
      continue;
    }
    out += c;
  }
  if (value.size() > kMax) out += "...";
  return out + "\"";
}

}  // namespace synd::config

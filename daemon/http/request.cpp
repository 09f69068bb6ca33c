#include "daemon/http/request.hpp"

#include <algorithm>

#include "feeds/model/hex.hpp"

namespace synd::http {
namespace beast = boost::beast;

void RequestParser::on_request_impl(beast::http::verb method, beast::string_view,
                                    beast::string_view target, int version, beast::error_code&) {
  head_.method = method;
  head_.target = target;
  head_.version = version;
}

void RequestParser::on_field_impl(beast::http::field name, beast::string_view,
                                  beast::string_view value, beast::error_code&) {
  using beast::http::field;
  switch (name) {
    case field::host:
      head_.has_host = true;
      break;
    case field::if_none_match:
      head_.if_none_match.Add(value);
      break;
    case field::accept_encoding:
      head_.accept_encoding.Add(value);
      break;
    case field::if_modified_since:
      head_.if_modified_since = value;
      ++head_.if_modified_since_lines;
      break;
    default:
      break;
  }
}

namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return Lower(x) == Lower(y); });
}

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && EqualsIgnoreCase(text.substr(0, prefix.size()), prefix);
}

// The path part of an origin-form or absolute-form target, without query or fragment; empty
// when the target has neither form (asterisk-form, authority-form).
std::string_view PathOf(std::string_view target) {
  for (std::string_view scheme : {"http://", "https://"}) {
    if (StartsWithIgnoreCase(target, scheme)) {
      target.remove_prefix(scheme.size());
      const auto slash = target.find('/');
      target = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
      break;
    }
  }
  if (target.empty() || target[0] != '/') return {};
  return target.substr(0, target.find_first_of("?#"));
}

enum class Decode { kOk, kTooLong, kMalformed };

Decode PercentDecode(std::string_view in, std::span<char> out, std::size_t& size) {
  size = 0;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (size == out.size()) return Decode::kTooLong;
    char c = in[i];
    if (c == '%') {
      const int hi = i + 2 < in.size() ? HexDigitValue(in[i + 1]) : -1;
      const int lo = hi >= 0 ? HexDigitValue(in[i + 2]) : -1;
      if (lo < 0) return Decode::kMalformed;
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
    }
    out[size++] = c;
  }
  return Decode::kOk;
}

constexpr std::size_t kMaxNameLength = 128;

bool AllOf(std::string_view s, bool (*pred)(char)) {
  return !s.empty() && s.size() <= kMaxNameLength && std::all_of(s.begin(), s.end(), pred);
}

bool IsFeedNameChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }

bool IsSuffixChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

bool IsFeedFile(std::string_view file) {
  const auto dot = file.rfind('.');
  if (dot == std::string_view::npos) return false;
  const std::string_view ext = file.substr(dot + 1);
  return AllOf(file.substr(0, dot), IsFeedNameChar) &&
         (ext == "rss" || ext == "atom" || ext == "json");
}

bool IsArticleFile(std::string_view file) {
  return file.ends_with(".html") && AllOf(file.substr(0, file.size() - 5), IsSuffixChar);
}

}  // namespace

Route ResolveTarget(std::string_view target, std::span<char> scratch) {
  const std::string_view raw = PathOf(target);
  if (raw.empty()) return {};
  std::size_t size = 0;
  switch (PercentDecode(raw, scratch, size)) {
    case Decode::kOk:
      break;
    case Decode::kTooLong:
      return {};
    case Decode::kMalformed:
      return {RouteKind::kBadRequest, {}};
  }
  const std::string_view path(scratch.data(), size);
  if (path == "/") return {RouteKind::kIndex, "index.html"};
  if (path == "/livez") return {RouteKind::kLivez, {}};
  if (path == "/readyz") return {RouteKind::kReadyz, {}};
  if (path == "/metrics") return {RouteKind::kMetrics, {}};
  constexpr std::string_view kFeeds = "/feeds/";
  if (path.starts_with(kFeeds) && IsFeedFile(path.substr(kFeeds.size()))) {
    return {RouteKind::kFeed, path.substr(kFeeds.size())};
  }
  constexpr std::string_view kArticles = "/articles/";
  if (path.starts_with(kArticles) && IsArticleFile(path.substr(kArticles.size()))) {
    return {RouteKind::kArticle, path.substr(1)};
  }
  return {};
}

namespace {

constexpr std::string_view kOws = " \t";

std::string_view Trim(std::string_view s) {
  const auto first = s.find_first_not_of(kOws);
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(kOws);
  return s.substr(first, last - first + 1);
}

// The weight of one Accept-Encoding member ("gzip;q=0.5"): 1 without a q parameter, 0 for a
// q-value of zero ("0", "0.0", "0.000") or a malformed one.
bool PositiveWeight(std::string_view params) {
  while (!params.empty()) {
    const auto semi = params.find(';');
    const std::string_view param = Trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
    if (param.size() < 2 || Lower(param[0]) != 'q' || param[1] != '=') continue;
    const std::string_view q = Trim(param.substr(2));
    if (q.empty() || q.size() > 5 || (q[0] != '0' && q[0] != '1')) return false;
    if (q.size() > 1 && q[1] != '.') return false;
    const std::string_view frac = q.size() > 2 ? q.substr(2) : std::string_view();
    if (!std::all_of(frac.begin(), frac.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return false;
    }
    return q[0] == '1' || frac.find_first_not_of('0') != std::string_view::npos;
  }
  return true;
}

}  // namespace

bool AcceptsGzip(const FieldLines& accept_encoding) {
  enum class Listed { kNo, kRefused, kAccepted };
  Listed gzip = Listed::kNo;
  Listed star = Listed::kNo;
  for (std::size_t i = 0; i < accept_encoding.count; ++i) {
    std::string_view rest = accept_encoding.lines[i];
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      const std::string_view member = rest.substr(0, comma);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      const auto semi = member.find(';');
      const std::string_view coding = Trim(member.substr(0, semi));
      const Listed weight =
          semi == std::string_view::npos || PositiveWeight(member.substr(semi + 1))
              ? Listed::kAccepted
              : Listed::kRefused;
      if (EqualsIgnoreCase(coding, "gzip") || EqualsIgnoreCase(coding, "x-gzip")) {
        gzip = std::max(gzip, weight);
      } else if (coding == "*") {
        star = std::max(star, weight);
      }
    }
  }
  return gzip == Listed::kAccepted || (gzip == Listed::kNo && star == Listed::kAccepted);
}

bool IfNoneMatchMatches(const FieldLines& if_none_match, std::string_view etag) {
  if (etag.starts_with("W/")) etag.remove_prefix(2);
  for (std::size_t i = 0; i < if_none_match.count; ++i) {
    std::string_view rest = if_none_match.lines[i];
    for (;;) {
      const auto start = rest.find_first_not_of(" \t,");
      if (start == std::string_view::npos) break;
      rest.remove_prefix(start);
      if (rest[0] == '*') return true;
      if (rest.starts_with("W/")) rest.remove_prefix(2);
      if (rest.empty() || rest[0] != '"') break;
      const auto close = rest.find('"', 1);
      if (close == std::string_view::npos) break;
      if (rest.substr(0, close + 1) == etag) return true;
      rest.remove_prefix(close + 1);
    }
  }
  return false;
}

}  // namespace synd::http

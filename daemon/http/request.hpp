// Request side of the HTTP server (daemon shell): a header-only Beast parser that keeps views of
// the few fields the server acts on, and the pure rules applied to them — routing a request target
// onto the output folder's whitelisted path shapes, Accept-Encoding negotiation, If-None-Match
// matching. No I/O, no allocation per request; views point into the connection's read buffer.
#pragma once

#include <array>
#include <boost/beast/http/basic_parser.hpp>
#include <cstddef>
#include <span>
#include <string_view>

namespace synd::http {

// A list-valued field that may arrive on several lines. Lines past kMaxLines are dropped, which
// is safe for both uses: a dropped validator only costs a 200, a dropped coding only gzip.
struct FieldLines {
  static constexpr std::size_t kMaxLines = 4;
  std::array<std::string_view, kMaxLines> lines{};
  std::size_t count = 0;
  bool present = false;
  void Add(std::string_view v) {
    present = true;
    if (count < kMaxLines) lines[count++] = v;
  }
};

struct RequestHead {
  boost::beast::http::verb method = boost::beast::http::verb::unknown;
  std::string_view target;
  int version = 11;
  bool has_host = false;
  FieldLines if_none_match;
  FieldLines accept_encoding;
  std::string_view if_modified_since;
  int if_modified_since_lines = 0;
};

// Parses one request header (never a body). Construct a fresh one per request (cheap: no heap).
class RequestParser : public boost::beast::http::basic_parser<true> {
 public:
  RequestParser() = default;
  const RequestHead& head() const { return head_; }

 private:
  void on_request_impl(boost::beast::http::verb method, boost::beast::string_view method_str,
                       boost::beast::string_view target, int version,
                       boost::beast::error_code& ec) override;
  void on_response_impl(int, boost::beast::string_view, int, boost::beast::error_code&) override {}
  void on_field_impl(boost::beast::http::field name, boost::beast::string_view name_string,
                     boost::beast::string_view value, boost::beast::error_code& ec) override;
  void on_header_impl(boost::beast::error_code&) override {}
  void on_body_init_impl(const boost::optional<std::uint64_t>&,
                         boost::beast::error_code&) override {}
  std::size_t on_body_impl(boost::beast::string_view body, boost::beast::error_code&) override {
    return body.size();
  }
  void on_chunk_header_impl(std::uint64_t, boost::beast::string_view,
                            boost::beast::error_code&) override {}
  std::size_t on_chunk_body_impl(std::uint64_t, boost::beast::string_view body,
                                 boost::beast::error_code&) override {
    return body.size();
  }
  void on_finish_impl(boost::beast::error_code&) override {}

  RequestHead head_;
};

enum class RouteKind {
  kNotFound,
  kBadRequest,  // malformed percent-encoding
  kFeed,        // output/<name>.rss|.atom|.json
  kArticle,     // output/articles/<suffix>.html
  kIndex,       // output/index.html
  kLivez,
  kReadyz,
  kMetrics,
};

struct Route {
  RouteKind kind = RouteKind::kNotFound;
  // For file routes: the path relative to the output folder, e.g. "all.rss",
  // "articles/7k3f9q2m.html", "index.html"; it views `scratch` given to ResolveTarget.
  std::string_view relative_path;
};

// Maps a request target (origin-form or absolute-form; query ignored) to a route. The path is
// percent-decoded, then must match a whitelisted shape exactly: /feeds/<name>.<rss|atom|json> with
// name [a-z0-9-]+, /articles/<suffix>.html with suffix [A-Za-z0-9_-]+, or one of /, /livez,
// /readyz, /metrics. So "..", "/", "\", NUL or any other byte, raw or encoded, never reaches the
// file system. `scratch` receives the decoded path; longer paths are kNotFound.
Route ResolveTarget(std::string_view target, std::span<char> scratch);

// True when the Accept-Encoding lines accept gzip: "gzip" or "x-gzip" with q > 0, or "*" with
// q > 0 when gzip is not listed itself. A coding with q=0 is refused.
bool AcceptsGzip(const FieldLines& accept_encoding);

// RFC 9110 §13.1.2: true when any member of the If-None-Match lines is "*" or weakly matches
// `etag` (a quoted entity-tag such as "\"abc\""; W/ prefixes are ignored on both sides).
// A malformed member ends the scan of its line.
bool IfNoneMatchMatches(const FieldLines& if_none_match, std::string_view etag);

}  // namespace synd::http

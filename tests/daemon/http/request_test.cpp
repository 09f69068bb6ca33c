#include "daemon/http/request.hpp"

#include <gtest/gtest.h>

#include <array>
#include <string>

#include "daemon/http/listen_address.hpp"

namespace synd::http {
namespace {

FieldLines Lines(std::initializer_list<std::string_view> lines) {
  FieldLines f;
  for (std::string_view l : lines) f.Add(l);
  return f;
}

TEST(ResolveTarget, MapsWhitelistedShapesAndNothingElse) {
  struct Case {
    std::string_view target;
    RouteKind kind;
    std::string_view relative;
  };
  const Case cases[] = {
      {"/", RouteKind::kIndex, "index.html"},
      {"/?utm=x", RouteKind::kIndex, "index.html"},
      {"/livez", RouteKind::kLivez, ""},
      {"/readyz", RouteKind::kReadyz, ""},
      {"/metrics", RouteKind::kMetrics, ""},
      {"/feeds/all.rss", RouteKind::kFeed, "all.rss"},
      {"/feeds/china-2.atom", RouteKind::kFeed, "china-2.atom"},
      {"/feeds/all.json?_=1711111111", RouteKind::kFeed, "all.json"},
      {"/feeds/%61ll.rss", RouteKind::kFeed, "all.rss"},
      {"http://example.org/feeds/all.rss", RouteKind::kFeed, "all.rss"},
      {"/articles/7k3f9q2m.html", RouteKind::kArticle, "articles/7k3f9q2m.html"},
      {"/articles/AB_c-1.html#frag", RouteKind::kArticle, "articles/AB_c-1.html"},
      {"/index.html", RouteKind::kNotFound, ""},
      {"/feeds/", RouteKind::kNotFound, ""},
      {"/feeds/all", RouteKind::kNotFound, ""},
      {"/feeds/all.xml", RouteKind::kNotFound, ""},
      {"/feeds/All.rss", RouteKind::kNotFound, ""},
      {"/feeds/.rss", RouteKind::kNotFound, ""},
      {"/feeds/a.b.rss", RouteKind::kNotFound, ""},
      {"/feeds/../x.rss", RouteKind::kNotFound, ""},
      {"/feeds/%2e%2e/x.rss", RouteKind::kNotFound, ""},
      {"/feeds/..%2fx.rss", RouteKind::kNotFound, ""},
      {"/feeds/x%2Frss", RouteKind::kNotFound, ""},
      {"/feeds/all.rss%00", RouteKind::kNotFound, ""},
      {"/feeds/a%5cb.rss", RouteKind::kNotFound, ""},
      {"/feeds/a\\b.rss", RouteKind::kNotFound, ""},
      {"/feeds//all.rss", RouteKind::kNotFound, ""},
      {"/articles/../all.rss", RouteKind::kNotFound, ""},
      {"/articles/sub/x.html", RouteKind::kNotFound, ""},
      {"/articles/%2e%2e%2fx.html", RouteKind::kNotFound, ""},
      {"/articles/.html", RouteKind::kNotFound, ""},
      {"//etc/passwd", RouteKind::kNotFound, ""},
      {"*", RouteKind::kNotFound, ""},
      {"example.org:80", RouteKind::kNotFound, ""},
      {"/feeds/%zzall.rss", RouteKind::kBadRequest, ""},
      {"/feeds/all.rss%", RouteKind::kBadRequest, ""},
      {"/feeds/all.rss%4", RouteKind::kBadRequest, ""},
  };
  for (const Case& c : cases) {
    std::array<char, 512> scratch{};
    const Route r = ResolveTarget(c.target, scratch);
    EXPECT_EQ(r.kind, c.kind) << c.target;
    EXPECT_EQ(r.relative_path, c.relative) << c.target;
  }
}

TEST(ResolveTarget, PathsLongerThanTheScratchAreNotFound) {
  std::array<char, 16> scratch{};
  EXPECT_EQ(ResolveTarget("/feeds/abcdefghijklmnop.rss", scratch).kind, RouteKind::kNotFound);
}

TEST(AcceptsGzip, FollowsQValues) {
  struct Case {
    std::vector<std::string_view> lines;
    bool gzip;
  };
  const Case cases[] = {
      {{}, false},
      {{"gzip"}, true},
      {{"gzip, deflate"}, true},
      {{"GZIP;Q=0.5"}, true},
      {{"x-gzip"}, true},
      {{"br, gzip;q=0.001"}, true},
      {{"gzip;q=0"}, false},
      {{"gzip;q=0.000"}, false},
      {{"gzip; q=0.0"}, false},
      {{"deflate"}, false},
      {{"identity"}, false},
      {{"*"}, true},
      {{"*;q=0"}, false},
      {{"gzip;q=0, *"}, false},
      {{"deflate", "gzip"}, true},
      {{"gzip;q=nonsense"}, false},
      {{"gzipper"}, false},
  };
  for (const Case& c : cases) {
    FieldLines f;
    std::string joined;
    for (std::string_view l : c.lines) {
      f.Add(l);
      joined += std::string(l) + " | ";
    }
    EXPECT_EQ(AcceptsGzip(f), c.gzip) << joined;
  }
}

TEST(IfNoneMatchMatches, UsesWeakComparisonOverListsAndLines) {
  const std::string_view etag = "\"abc\"";
  struct Case {
    std::vector<std::string_view> lines;
    bool match;
  };
  const Case cases[] = {
      {{"\"abc\""}, true},
      {{"W/\"abc\""}, true},
      {{"\"x\", \"abc\""}, true},
      {{"\"x\",W/\"abc\" , \"y\""}, true},
      {{"\"x\"", "\"abc\""}, true},
      {{"*"}, true},
      {{"\"abcd\""}, false},
      {{"abc"}, false},
      {{"\"ab"}, false},
      {{""}, false},
      {{"\"a,b\", \"abc\""}, true},
  };
  for (const Case& c : cases) {
    FieldLines f;
    std::string joined;
    for (std::string_view l : c.lines) {
      f.Add(l);
      joined += std::string(l) + " | ";
    }
    EXPECT_EQ(IfNoneMatchMatches(f, etag), c.match) << joined;
  }
  EXPECT_TRUE(IfNoneMatchMatches(Lines({"\"abc\""}), "W/\"abc\""));
}

TEST(ParseListenAddress, AcceptsHostPortAndBracketedV6) {
  struct Case {
    std::string_view text;
    bool ok;
    std::string host;
    std::uint16_t port;
  };
  const Case cases[] = {
      {"127.0.0.1:8080", true, "127.0.0.1", 8080},
      {"[::1]:0", true, "::1", 0},
      {"localhost:65535", true, "localhost", 65535},
      {"127.0.0.1", false, "", 0},
      {"::1:80", false, "", 0},
      {"[::1]80", false, "", 0},
      {"[::1", false, "", 0},
      {":8080", false, "", 0},
      {"host:", false, "", 0},
      {"host:65536", false, "", 0},
      {"host:8o", false, "", 0},
  };
  for (const Case& c : cases) {
    const auto r = ParseListenAddress(c.text);
    ASSERT_EQ(r.ok(), c.ok) << c.text << " " << r.status().message();
    if (!c.ok) {
      EXPECT_EQ(r.status().code(), ErrorCode::kConfig) << c.text;
      EXPECT_NE(r.status().message().find(c.text), std::string::npos) << c.text;
      continue;
    }
    EXPECT_EQ(r->host, c.host) << c.text;
    EXPECT_EQ(r->port, c.port) << c.text;
  }
}

}  // namespace
}  // namespace synd::http

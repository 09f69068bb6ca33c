// A real feed reader against the real server: Debian's python3-feedparser fetches a served feed
// over HTTP, then polls again with the etag and/or modified value it was given and gets 304.
#include <gtest/gtest.h>
#include <stdio.h>

#include <array>
#include <string>

#include "tests/daemon/http/http_test_support.hpp"

namespace synd::http::testing {
namespace {

constexpr const char* kRss = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>All stories</title>
<link>http://feeds.example.org/</link>
<description>All stories</description>
<atom:link href="http://feeds.example.org/feeds/all.rss" rel="self" type="application/rss+xml"/>
<lastBuildDate>Fri, 28 Mar 2025 14:05:09 +0000</lastBuildDate>
<item><title>One &amp; only</title><link>http://feeds.example.org/articles/aaaa.html</link>
<guid isPermaLink="false">tag:feeds.example.org,2025-03-28:story/aaaa</guid>
<pubDate>Fri, 28 Mar 2025 14:05:09 +0000</pubDate><description>First.</description></item>
<item><title>Two</title><link>http://feeds.example.org/articles/bbbb.html</link>
<guid isPermaLink="false">tag:feeds.example.org,2025-03-28:story/bbbb</guid>
<pubDate>Fri, 28 Mar 2025 13:00:00 +0000</pubDate><description>Second.</description></item>
<item><title>Three</title><link>http://feeds.example.org/articles/cccc.html</link>
<guid isPermaLink="false">tag:feeds.example.org,2025-03-27:story/cccc</guid>
<pubDate>Thu, 27 Mar 2025 09:30:00 +0000</pubDate><description>Third.</description></item>
</channel>
</rss>
)";

// Prints one line: status, bozo, entry ids, then the statuses of re-polls with etag+modified,
// etag only and modified only.
constexpr const char* kScript = R"(
import sys, feedparser
url = sys.argv[1]
d = feedparser.parse(url)
ids = ",".join(e.id for e in d.entries)
both = feedparser.parse(url, etag=d.etag, modified=d.modified).status
etag = feedparser.parse(url, etag=d.etag).status
modified = feedparser.parse(url, modified=d.modified).status
print(d.status, int(bool(d.bozo)), ids, both, etag, modified)
)";

std::string RunFeedparser(const std::string& url) {
  const std::string command =
      "/usr/bin/python3 -c '" + std::string(kScript) + "' '" + url + "' 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  EXPECT_NE(pipe, nullptr);
  if (pipe == nullptr) return {};
  std::string out;
  std::array<char, 4096> buf;
  while (std::fgets(buf.data(), static_cast<int>(buf.size()), pipe) != nullptr) out += buf.data();
  EXPECT_EQ(::pclose(pipe), 0) << out;
  return out;
}

class FeedparserTest : public ServerFixture {};

TEST_F(FeedparserTest, ReadsTheServedFeedThenGets304WithItsValidators) {
  WriteServedFile(output() / "all.rss", kRss, FromCivil(2025, 3, 28, 14, 5, 9));
  StartServer();
  const std::string out =
      RunFeedparser("http://127.0.0.1:" + std::to_string(port()) + "/feeds/all.rss");
  EXPECT_EQ(out,
            "200 0 tag:feeds.example.org,2025-03-28:story/aaaa,"
            "tag:feeds.example.org,2025-03-28:story/bbbb,"
            "tag:feeds.example.org,2025-03-27:story/cccc 304 304 304\n");
}

}  // namespace
}  // namespace synd::http::testing

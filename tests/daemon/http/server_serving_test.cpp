// What the server sends for the output folder's files: types, validators, gzip, conditional
// requests, HEAD, errors and traversal attempts. Real server, real sockets.
#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

#include "tests/daemon/http/http_test_support.hpp"

namespace synd::http::testing {
namespace {

const TimePoint kT1 = FromCivil(2025, 3, 28, 14, 5, 9);
const TimePoint kT2 = FromCivil(2025, 3, 28, 15, 0, 0);

std::string Gunzip(std::string_view in) {
  z_stream zs{};
  EXPECT_EQ(inflateInit2(&zs, 15 + 16), Z_OK);
  std::string out(1 << 20, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  inflateEnd(&zs);
  return out;
}

// Compressible, so the server offers gzip.
std::string FeedBytes(std::string_view marker) {
  std::string s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>";
  for (int i = 0; i < 50; ++i) s += "<item><title>" + std::string(marker) + "</title></item>";
  return s + "</channel></rss>\n";
}

class ServingTest : public ServerFixture {
 protected:
  void SetUp() override {
    WriteServedFile(output() / "all.rss", FeedBytes("rss"), kT1);
    WriteServedFile(output() / "all.atom", FeedBytes("atom"), kT1);
    WriteServedFile(output() / "all.json", FeedBytes("json"), kT1);
    WriteServedFile(output() / "index.html", "<!doctype html><title>Feeds</title>", kT1);
    std::filesystem::create_directories(output() / "articles");
    WriteServedFile(output() / "articles" / "7k3f9q2m.html", "<p>story</p>", kT1);
  }
};

TEST_F(ServingTest, ServesEachFileWithItsContentTypeAndValidators) {
  StartServer();
  struct Case {
    std::string target;
    std::filesystem::path file;
    std::string content_type;
    std::string link;
  };
  const Case cases[] = {
      {"/feeds/all.rss", "all.rss", "application/rss+xml; charset=utf-8",
       "<http://feeds.example.org/feeds/all.rss>; rel=\"self\""},
      {"/feeds/all.atom", "all.atom", "application/atom+xml; charset=utf-8",
       "<http://feeds.example.org/feeds/all.atom>; rel=\"self\""},
      {"/feeds/all.json", "all.json", "application/feed+json; charset=utf-8",
       "<http://feeds.example.org/feeds/all.json>; rel=\"self\""},
      {"/articles/7k3f9q2m.html", "articles/7k3f9q2m.html", "text/html; charset=utf-8", ""},
      {"/", "index.html", "text/html; charset=utf-8", ""},
  };
  for (const Case& c : cases) {
    const auto r = Fetch(c.target);
    ASSERT_TRUE(r) << c.target;
    EXPECT_EQ(r->result_int(), 200u) << c.target;
    EXPECT_EQ(r->body(), synd::testing::ReadFile(output() / c.file)) << c.target;
    EXPECT_EQ((*r)["Content-Type"], c.content_type) << c.target;
    EXPECT_EQ((*r)["Link"], c.link) << c.target;
    EXPECT_EQ((*r)["Last-Modified"], "Fri, 28 Mar 2025 14:05:09 GMT") << c.target;
    EXPECT_EQ((*r)["Vary"], "Accept-Encoding") << c.target;
    EXPECT_EQ((*r)["Cache-Control"], "public, max-age=60") << c.target;
    EXPECT_EQ((*r)["Content-Encoding"], "") << c.target;
    const std::string etag((*r)["ETag"]);
    EXPECT_TRUE(etag.size() > 2 && etag.front() == '"' && etag.back() == '"') << c.target << etag;
    EXPECT_FALSE((*r)["Date"].empty()) << c.target;
  }
}

TEST_F(ServingTest, GzipBodyHasItsOwnStrongETag) {
  StartServer();
  const auto plain = Fetch("/feeds/all.rss");
  const auto gz = Fetch("/feeds/all.rss", "Accept-Encoding: gzip, deflate\r\n");
  const auto refused = Fetch("/feeds/all.rss", "Accept-Encoding: gzip;q=0, deflate\r\n");
  ASSERT_TRUE(plain && gz && refused);
  EXPECT_EQ((*gz)["Content-Encoding"], "gzip");
  EXPECT_EQ((*gz)["Vary"], "Accept-Encoding");
  EXPECT_NE((*gz)["ETag"], (*plain)["ETag"]);
  EXPECT_FALSE((*gz)["ETag"].starts_with("W/"));
  EXPECT_EQ(Gunzip(gz->body()), plain->body());
  EXPECT_LT(gz->body().size(), plain->body().size());
  EXPECT_EQ((*refused)["Content-Encoding"], "");
  EXPECT_EQ((*refused)["ETag"], (*plain)["ETag"]);
}

TEST_F(ServingTest, ConditionalRequestsGet304ByTheRules) {
  StartServer();
  const auto plain = Fetch("/feeds/all.rss");
  const auto gz = Fetch("/feeds/all.rss", "Accept-Encoding: gzip\r\n");
  ASSERT_TRUE(plain && gz);
  const std::string etag((*plain)["ETag"]);
  const std::string gz_etag((*gz)["ETag"]);
  const std::string lm((*plain)["Last-Modified"]);
  struct Case {
    std::string name;
    std::string headers;
    unsigned code;
  };
  const Case cases[] = {
      {"etag", "If-None-Match: " + etag + "\r\n", 304},
      {"weak etag", "If-None-Match: W/" + etag + "\r\n", 304},
      {"etag in list", "If-None-Match: \"x\", " + etag + "\r\n", 304},
      {"star", "If-None-Match: *\r\n", 304},
      {"other etag", "If-None-Match: \"x\"\r\n", 200},
      {"inm wins over matching ims", "If-None-Match: \"x\"\r\nIf-Modified-Since: " + lm + "\r\n",
       200},
      {"inm wins over old ims",
       "If-None-Match: " + etag + "\r\nIf-Modified-Since: Thu, 01 Jan 2004 00:00:00 GMT\r\n", 304},
      {"ims equal", "If-Modified-Since: " + lm + "\r\n", 304},
      {"ims later", "If-Modified-Since: Sat, 29 Mar 2025 00:00:00 GMT\r\n", 304},
      {"ims rfc850 later", "If-Modified-Since: Saturday, 29-Mar-25 00:00:00 GMT\r\n", 304},
      {"ims earlier", "If-Modified-Since: Fri, 28 Mar 2025 14:05:08 GMT\r\n", 200},
      {"ims invalid", "If-Modified-Since: yesterday\r\n", 200},
      {"gzip etag, gzip body", "Accept-Encoding: gzip\r\nIf-None-Match: " + gz_etag + "\r\n", 304},
      {"gzip etag, plain body", "If-None-Match: " + gz_etag + "\r\n", 200},
      {"plain etag, gzip body", "Accept-Encoding: gzip\r\nIf-None-Match: " + etag + "\r\n", 200},
  };
  for (const Case& c : cases) {
    const auto r = Fetch("/feeds/all.rss", c.headers);
    ASSERT_TRUE(r) << c.name;
    EXPECT_EQ(r->result_int(), c.code) << c.name;
    if (c.code == 304) {
      EXPECT_TRUE(r->body().empty()) << c.name;
      EXPECT_FALSE((*r)["ETag"].empty()) << c.name;
      EXPECT_EQ((*r)["Vary"], "Accept-Encoding") << c.name;
      EXPECT_FALSE((*r)["Cache-Control"].empty()) << c.name;
    }
  }
}

TEST_F(ServingTest, NewBytesMoveETagAndLastModifiedOnceInvalidated) {
  ServerOptions o = DefaultOptions();
  o.revalidate_interval = std::chrono::hours(1);  // only Invalidate() can reveal the change
  StartServer(o);
  const auto before = Fetch("/feeds/all.rss");
  ASSERT_TRUE(before);
  WriteServedFile(output() / "all.rss", FeedBytes("changed"), kT2);
  const auto cached = Fetch("/feeds/all.rss");
  server_->Invalidate("all.rss");
  const auto after = Fetch("/feeds/all.rss");
  ASSERT_TRUE(cached && after);
  EXPECT_EQ((*cached)["ETag"], (*before)["ETag"]);
  EXPECT_NE((*after)["ETag"], (*before)["ETag"]);
  EXPECT_EQ((*after)["Last-Modified"], "Fri, 28 Mar 2025 15:00:00 GMT");
  EXPECT_EQ(after->body(), FeedBytes("changed"));
  const auto old_validator =
      Fetch("/feeds/all.rss", "If-None-Match: " + std::string((*before)["ETag"]) + "\r\n");
  ASSERT_TRUE(old_validator);
  EXPECT_EQ(old_validator->result_int(), 200u);
}

TEST_F(ServingTest, ChangedFileIsSeenByTheStatCheckWithoutInvalidate) {
  ServerOptions o = DefaultOptions();
  o.revalidate_interval = std::chrono::milliseconds(0);
  StartServer(o);
  const auto before = Fetch("/feeds/all.atom");
  WriteServedFile(output() / "all.atom", FeedBytes("atom2"), kT2);
  const auto after = Fetch("/feeds/all.atom");
  std::filesystem::remove(output() / "all.atom");
  const auto gone = Fetch("/feeds/all.atom");
  ASSERT_TRUE(before && after && gone);
  EXPECT_NE((*after)["ETag"], (*before)["ETag"]);
  EXPECT_EQ((*after)["Last-Modified"], "Fri, 28 Mar 2025 15:00:00 GMT");
  EXPECT_EQ(gone->result_int(), 404u);
}

TEST_F(ServingTest, HeadSendsTheSameHeadersAndNoBody) {
  StartServer();
  for (std::string_view target : {"/feeds/all.rss", "/", "/livez", "/nope"}) {
    Client c(port());
    ASSERT_TRUE(c.Send(Request(target) + Request(target, {}, "HEAD") + Request("/livez")));
    const auto get = c.Read();
    const auto head = c.Read(/*head_request=*/true);
    const auto next = c.Read();  // would be garbled had HEAD sent a body
    ASSERT_TRUE(get && head && next) << target;
    EXPECT_EQ(head->result_int(), get->result_int()) << target;
    EXPECT_TRUE(head->body().empty()) << target;
    for (const auto& field : *get) {
      if (field.name() == http::field::date) continue;
      EXPECT_EQ((*head)[field.name_string()], field.value())
          << target << " " << field.name_string();
    }
    EXPECT_EQ(next->result_int(), 200u) << target;
    EXPECT_EQ(next->body(), "ok\n") << target;
  }
}

TEST_F(ServingTest, UnknownPathsAre404AndOtherMethods405) {
  StartServer();
  struct Case {
    std::string_view method;
    std::string_view target;
    unsigned code;
  };
  const Case cases[] = {
      {"GET", "/nope", 404},          {"GET", "/feeds/missing.rss", 404},
      {"GET", "/feeds/all.xml", 404}, {"GET", "/articles/missing.html", 404},
      {"POST", "/nope", 404},         {"POST", "/feeds/all.rss", 405},
      {"DELETE", "/", 405},           {"PUT", "/livez", 405},
      {"OPTIONS", "/metrics", 405},   {"BREW", "/feeds/all.rss", 405},
  };
  for (const Case& c : cases) {
    const auto r = Fetch(c.target, {}, c.method);
    ASSERT_TRUE(r) << c.method << " " << c.target;
    EXPECT_EQ(r->result_int(), c.code) << c.method << " " << c.target;
    if (c.code == 405) {
      EXPECT_EQ((*r)["Allow"], "GET, HEAD") << c.method << " " << c.target;
    }
  }
}

TEST_F(ServingTest, TraversalNeverLeavesTheOutputFolder) {
  synd::testing::WriteFile(root() / "secret.rss", "SECRET");
  synd::testing::WriteFile(root() / "secret.html", "SECRET");
  std::filesystem::create_directories(root() / "elsewhere");
  synd::testing::WriteFile(root() / "elsewhere" / "x.html", "SECRET");
  std::filesystem::create_symlink(root() / "secret.rss", output() / "link.rss");
  std::filesystem::create_symlink(root() / "secret.html", output() / "articles" / "link.html");
  std::filesystem::create_directories(output() / "sub");
  std::filesystem::create_symlink(root() / "elsewhere", output() / "sub" / "articles");
  StartServer();
  const char* targets[] = {
      "/feeds/../secret.rss",
      "/feeds/..%2fsecret.rss",
      "/feeds/%2e%2e%2fsecret.rss",
      "/feeds/%2E%2E/secret.rss",
      "/articles/..%2f..%2fsecret.html",
      "/articles/%2e%2e%2f%2e%2e%2fsecret.html",
      "/articles/..%5c..%5csecret.html",
      "/feeds/secret.rss%00.rss",
      "/feeds/link.rss",
      "/articles/link.html",
      "/../secret.rss",
      "/articles/../../secret.html",
      "/feeds/%252e%252e%252fsecret.rss",
      "/sub/articles/x.html",
      "/feeds/..%00/secret.rss",
      "http://x/feeds/..%2fsecret.rss",
  };
  for (const char* target : targets) {
    const auto r = Fetch(target);
    ASSERT_TRUE(r) << target;
    EXPECT_TRUE(r->result_int() == 404 || r->result_int() == 400)
        << target << " " << r->result_int();
    EXPECT_EQ(r->body().find("SECRET"), std::string::npos) << target;
  }
}

TEST_F(ServingTest, ArticlesFolderThatIsASymlinkIsNotFollowed) {
  std::filesystem::remove_all(output() / "articles");
  std::filesystem::create_directories(root() / "elsewhere");
  synd::testing::WriteFile(root() / "elsewhere" / "x.html", "SECRET");
  std::filesystem::create_directory_symlink(root() / "elsewhere", output() / "articles");
  StartServer();
  const auto r = Fetch("/articles/x.html");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 404u);
}

}  // namespace
}  // namespace synd::http::testing

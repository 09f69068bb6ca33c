// The server's bounds and connection handling: header limit, deadlines, the connection bound,
// keep-alive and pipelining, probes, /metrics, Stop(), and serving on the app's io_context.
#include <gtest/gtest.h>

#include <chrono>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "tests/daemon/http/http_test_support.hpp"

namespace synd::http::testing {
namespace {

class LimitsTest : public ServerFixture {};

// Checks of /metrics lines against the exposition format the server writes. (Plain string code,
// not std::regex: g++ 12 warns inside <regex> under the sanitizers, and warnings are errors.)
std::size_t LowerRun(std::string_view s) {
  std::size_t n = 0;
  while (n < s.size() && ((s[n] >= 'a' && s[n] <= 'z') || s[n] == '_')) ++n;
  return n;
}

// Takes "syndicated_[a-z_]+" off the front of `s`; false when it is not there.
bool ConsumeMetricName(std::string_view& s) {
  constexpr std::string_view kPrefix = "syndicated_";
  if (!s.starts_with(kPrefix)) return false;
  s.remove_prefix(kPrefix.size());
  const std::size_t n = LowerRun(s);
  s.remove_prefix(n);
  return n > 0;
}

// Takes {label="value"(,label="value")*} off the front of `s` when it opens with '{'.
bool ConsumeLabels(std::string_view& s) {
  if (!s.starts_with('{')) return true;
  do {
    s.remove_prefix(1);  // the '{' or ','
    const std::size_t name = LowerRun(s);
    if (name == 0 || s.substr(name, 2) != "=\"") return false;
    s.remove_prefix(name + 2);
    const std::size_t quote = s.find('"');
    if (quote == std::string_view::npos) return false;
    s.remove_prefix(quote + 1);
  } while (s.starts_with(','));
  if (!s.starts_with('}')) return false;
  s.remove_prefix(1);
  return true;
}

// "syndicated_NAME{LABELS} VALUE" with optional labels; VALUE a number, +Inf or NaN.
bool IsSampleLine(std::string_view line) {
  if (!ConsumeMetricName(line) || !ConsumeLabels(line) || !line.starts_with(' ')) return false;
  const std::string_view value = line.substr(1);
  if (value == "+Inf" || value == "NaN") return true;
  return !value.empty() && value.find_first_not_of("0123456789.e+-") == std::string_view::npos;
}

// "# HELP syndicated_NAME text" or "# TYPE syndicated_NAME type".
bool IsCommentLine(std::string_view line) {
  if (!line.starts_with("# HELP ") && !line.starts_with("# TYPE ")) return false;
  line.remove_prefix(7);
  return ConsumeMetricName(line) && line.size() >= 2 && line[0] == ' ';
}

TEST(ExpositionLineCheck, AcceptsTheServersShapesAndRejectsOthers) {
  const struct {
    std::string_view line;
    bool valid;
  } cases[] = {
      {"syndicated_up 1", true},
      {"syndicated_http_requests_total{code=\"200\"} 1", true},
      {"syndicated_x_bucket{le=\"+Inf\",route=\"/a b\"} 2.5e-05", true},
      {"syndicated_x NaN", true},
      {"# HELP syndicated_x Requests served.", true},
      {"# TYPE syndicated_x counter", true},
      {"syndicated_ 1", false},
      {"other_x 1", false},
      {"syndicated_x  1", false},
      {"syndicated_x{code=200} 1", false},
      {"syndicated_x{code=\"200\" 1", false},
      {"syndicated_x{} 1", false},
      {"syndicated_x Inf", false},
      {"syndicated_x 1 2", false},
      {"# TYPE syndicated_x", false},
      {"# NOTE syndicated_x counter", false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(IsSampleLine(c.line) || IsCommentLine(c.line), c.valid) << c.line;
  }
}

TEST_F(LimitsTest, HeadersOver8KiBGet431AndTheConnectionCloses) {
  StartServer();
  {
    Client c(port());
    ASSERT_TRUE(c.Send(Request("/livez", "X-Pad: " + std::string(7000, 'a') + "\r\n")));
    const auto r = c.Read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->result_int(), 200u);
  }
  Client c(port());
  ASSERT_TRUE(c.Send(Request("/livez", "X-Pad: " + std::string(9000, 'a') + "\r\n")));
  const auto r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 431u);
  EXPECT_EQ((*r)["Connection"], "close");
  EXPECT_TRUE(c.WaitClosed());
}

// The parser takes a complete request line before the fields have arrived; the rest of the
// header must be handed to it alone, and the bound still counts the whole header.
TEST_F(LimitsTest, AHeaderArrivingInPiecesIsServedAndStillBounded) {
  StartServer();
  Client whole(port());
  ASSERT_TRUE(whole.Send("GET /livez HTTP/1.1\r\n"));
  WaitForConnections(1, 0);  // the server has read the request line alone
  ASSERT_TRUE(whole.Send("Host: 127.0.0.1\r\n"));
  ASSERT_TRUE(whole.Send("\r\n"));
  const auto served = whole.Read();
  ASSERT_TRUE(served);
  EXPECT_EQ(served->result_int(), 200u) << served->body();

  Client big(port());
  ASSERT_TRUE(big.Send("GET /livez HTTP/1.1\r\n"));
  WaitForConnections(2, 1);
  const std::string field = "X-Pad: " + std::string(4500, 'a') + "\r\n";
  ASSERT_TRUE(big.Send(field));
  big.Send(field);  // the server may have answered and closed already
  const auto refused = big.Read();
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->result_int(), 431u);
}

// Each piece is under the bound, and the last one completes the header: the whole is still over
// it (the server used to check the whole only while more of the header was awaited). The second
// piece ends inside the next field's name, so that the parser can take its fields whole.
TEST_F(LimitsTest, AHeaderCompletedByASmallLastPieceIsStillBounded) {
  StartServer();
  Client big(port());
  ASSERT_TRUE(big.Send("GET /livez HTTP/1.1\r\n"));
  WaitForConnections(1, 0);  // the server has read the request line
  ASSERT_TRUE(big.Send("Host: 127.0.0.1\r\nX-Pad: " + std::string(4500, 'a') + "\r\nX"));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // read apart from the last piece
  big.Send("-Pad2: " + std::string(4500, 'a') + "\r\n\r\n");    // may be refused already
  const auto refused = big.Read();
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->result_int(), 431u);
}

TEST_F(LimitsTest, IdleAndSlowConnectionsAreClosedAfterTheIdleTimeout) {
  ServerOptions o = DefaultOptions();
  o.idle_timeout = std::chrono::milliseconds(200);
  StartServer(o);
  Client silent(port());
  Client slow(port());
  ASSERT_TRUE(slow.Send("GET /livez HTTP/1.1\r\nHost: x\r\n"));  // never finishes its header
  Client kept(port());
  ASSERT_TRUE(kept.Send(Request("/livez")));
  ASSERT_TRUE(kept.Read());
  EXPECT_TRUE(silent.WaitClosed());
  EXPECT_TRUE(slow.WaitClosed());
  EXPECT_TRUE(kept.WaitClosed());
}

TEST_F(LimitsTest, ClientThatStopsReadingIsCutAfterTheWriteTimeout) {
  synd::testing::WriteFile(output() / "big.json", std::string(16u << 20, 'x'));
  ServerOptions o = DefaultOptions();
  o.write_timeout = std::chrono::milliseconds(300);
  StartServer(o);
  Client stalled(port(), /*receive_buffer=*/4096);
  ASSERT_TRUE(stalled.Send(Request("/feeds/big.json")));
  const auto deadline = std::chrono::steady_clock::now() + kDeadline;
  std::string metrics;
  while (std::chrono::steady_clock::now() < deadline) {
    const auto r = Fetch("/metrics");
    ASSERT_TRUE(r);
    metrics = r->body();
    if (metrics.find("syndicated_http_deadline_closes_total 1\n") != std::string::npos) break;
  }
  EXPECT_NE(metrics.find("syndicated_http_deadline_closes_total 1\n"), std::string::npos)
      << metrics;
  EXPECT_TRUE(stalled.WaitClosed());
}

TEST_F(LimitsTest, ClientsResettingMidBodyLeaveTheServerServing) {
  synd::testing::WriteFile(output() / "big.json", std::string(16u << 20, 'x'));
  StartServer();
  for (int i = 0; i < 3; ++i) {  // the server's next write gets EPIPE (SIGPIPE unless ignored)
    Client reset(port(), /*receive_buffer=*/4096);
    ASSERT_TRUE(reset.Send(Request("/feeds/big.json")));
    ASSERT_TRUE(reset.ReceiveSome());  // the body is on its way
    const linger abort{1, 0};          // close() sends RST
    ASSERT_EQ(::setsockopt(reset.fd(), SOL_SOCKET, SO_LINGER, &abort, sizeof abort), 0);
  }
  const auto r = Fetch("/livez");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 200u);
}

TEST_F(LimitsTest, AConnectionOverTheBoundTakesThePlaceOfTheLongestIdle) {
  ServerOptions o = DefaultOptions();
  o.max_connections = 2;
  StartServer(o);
  Client first(port());
  Client second(port());
  for (Client* c : {&first, &second}) {  // served, so both are counted and idle in that order
    ASSERT_TRUE(c->Send(Request("/livez")));
    ASSERT_TRUE(c->Read());
  }
  WaitForConnections(2, 2);
  Client third(port());
  ASSERT_TRUE(third.Send(Request("/livez")));
  const auto r = third.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 200u);
  EXPECT_TRUE(first.WaitClosed());
  ASSERT_TRUE(second.Send(Request("/livez")));  // the more recently idle one stays open
  const auto again = second.Read();
  ASSERT_TRUE(again);
  EXPECT_EQ(again->result_int(), 200u);
  WaitForConnections(2, 2);
  const auto metrics = Fetch("/metrics");  // takes the place of `third`, idle the longest
  ASSERT_TRUE(metrics);
  EXPECT_NE(metrics->body().find("syndicated_http_idle_connections_replaced_total 2\n"),
            std::string::npos)
      << metrics->body();
}

TEST_F(LimitsTest, ConnectionsThatNeverSentARequestAreIdleToo) {
  ServerOptions o = DefaultOptions();
  o.max_connections = 3;
  o.threads = 2;  // the newcomer is accepted on one loop and may replace a session of the other
  StartServer(o);
  std::vector<std::unique_ptr<Client>> silent;
  for (int i = 0; i < 3; ++i) silent.push_back(std::make_unique<Client>(port()));
  WaitForConnections(3, 3);
  for (int i = 0; i < 5; ++i) {  // each newcomer is served at once, not after the idle timeout
    const auto r = Fetch("/livez");
    ASSERT_TRUE(r) << i;
    EXPECT_EQ(r->result_int(), 200u) << i;
  }
  EXPECT_TRUE(silent[0]->WaitClosed());
}

TEST_F(LimitsTest, ConnectionsOverTheBoundGet503WhileNoneIsIdleUntilOneCloses) {
  ServerOptions o = DefaultOptions();
  o.max_connections = 2;
  StartServer(o);
  // Half a request header each: busy, so neither may be closed for a newcomer.
  auto first = std::make_unique<Client>(port());
  Client second(port());
  for (Client* c : {first.get(), &second}) ASSERT_TRUE(c->Send("GET /livez HTTP/1.1\r\n"));
  WaitForConnections(2, 0);
  {
    Client third(port());
    const auto r = third.Read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->result_int(), 503u);
    EXPECT_EQ((*r)["Retry-After"], "1");
    EXPECT_TRUE(third.WaitClosed());
  }
  ASSERT_TRUE(second.Send("Host: x\r\n\r\n"));  // the busy ones are still served
  const auto finished = second.Read();
  ASSERT_TRUE(finished);
  EXPECT_EQ(finished->result_int(), 200u) << finished->body();
  first.reset();
  bool served = false;
  const auto deadline = std::chrono::steady_clock::now() + kDeadline;
  while (!served && std::chrono::steady_clock::now() < deadline) {
    Client again(port());
    again.Send(Request("/livez"));
    const auto r = again.Read(false, /*expect_response=*/false);
    served = r && r->result_int() == 200;
  }
  EXPECT_TRUE(served);
}

TEST_F(LimitsTest, KeepAliveAndPipelinedRequestsAreAnsweredInOrder) {
  synd::testing::WriteFile(output() / "all.rss", "<rss/>");
  StartServer();
  Client c(port());
  ASSERT_TRUE(c.Send(Request("/feeds/all.rss") + Request("/nope") + Request("/livez") +
                     Request("/feeds/all.rss", {}, "HEAD") + Request("/livez")));
  const auto a = c.Read();
  const auto b = c.Read();
  const auto d = c.Read();
  const auto e = c.Read(/*head_request=*/true);
  const auto f = c.Read();
  ASSERT_TRUE(a && b && d && e && f);
  EXPECT_EQ(a->body(), "<rss/>");
  EXPECT_EQ(b->result_int(), 404u);
  EXPECT_EQ(d->body(), "ok\n");
  EXPECT_EQ(e->result_int(), 200u);
  EXPECT_EQ(f->body(), "ok\n");
  // Still open for more.
  ASSERT_TRUE(c.Send(Request("/livez")));
  EXPECT_TRUE(c.Read());
}

TEST_F(LimitsTest, ConnectionCloseHttp10AndBadRequestsCloseAfterTheResponse) {
  StartServer();
  struct Case {
    std::string name;
    std::string request;
    unsigned code;
  };
  const Case cases[] = {
      {"connection close", Request("/livez", "Connection: close\r\n"), 200},
      {"http/1.0", "GET /livez HTTP/1.0\r\n\r\n", 200},
      {"no host", "GET /livez HTTP/1.1\r\n\r\n", 400},
      {"garbage", "HELLO THERE\r\n\r\n", 400},
      {"body on get", Request("/livez", "Content-Length: 5\r\n") + "hello", 200},
      {"post with body", Request("/feeds/all.rss", "Content-Length: 3\r\n", "POST") + "abc", 405},
  };
  for (const Case& c : cases) {
    Client client(port());
    ASSERT_TRUE(client.Send(c.request)) << c.name;
    const auto r = client.Read();
    ASSERT_TRUE(r) << c.name;
    EXPECT_EQ(r->result_int(), c.code) << c.name;
    EXPECT_EQ((*r)["Connection"], "close") << c.name;
    EXPECT_TRUE(client.WaitClosed()) << c.name;
  }
  Client keep10(port());
  ASSERT_TRUE(keep10.Send("GET /livez HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
  const auto r = keep10.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ((*r)["Connection"], "keep-alive");
}

TEST_F(LimitsTest, ReadyzFollowsTheAppAndLivezAlwaysAnswers) {
  StartServer();
  const auto before = Fetch("/readyz");
  const auto live = Fetch("/livez");
  ready_ = true;
  const auto after = Fetch("/readyz");
  ASSERT_TRUE(before && live && after);
  EXPECT_EQ(before->result_int(), 503u);
  EXPECT_EQ(live->result_int(), 200u);
  EXPECT_EQ(after->result_int(), 200u);
  EXPECT_EQ((*after)["Cache-Control"], "no-store");
}

TEST_F(LimitsTest, MetricsAreValidPrometheusTextWithRequestsByCode) {
  registry_.GetCounter("syndicated_ingest_files_total", "Files", {{"outcome", "done"}}).Increment();
  StartServer();
  ASSERT_TRUE(Fetch("/livez"));
  ASSERT_TRUE(Fetch("/nope"));
  const auto r = Fetch("/metrics");
  ASSERT_TRUE(r);
  EXPECT_EQ((*r)["Content-Type"], "text/plain; version=0.0.4; charset=utf-8");
  const std::string& text = r->body();
  EXPECT_NE(text.find("# TYPE syndicated_http_requests_total counter\n"), std::string::npos);
  EXPECT_NE(text.find("syndicated_http_requests_total{code=\"200\"} 1\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("syndicated_http_requests_total{code=\"404\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("# TYPE syndicated_http_request_duration_seconds histogram\n"),
            std::string::npos);
  EXPECT_NE(text.find("syndicated_http_request_duration_seconds_count 2\n"), std::string::npos);
  EXPECT_NE(text.find("syndicated_ingest_files_total{outcome=\"done\"} 1\n"), std::string::npos);
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    EXPECT_TRUE(IsSampleLine(line) || IsCommentLine(line)) << line;
  }
}

TEST_F(LimitsTest, StopClosesOpenConnections) {
  StartServer();
  Client c(port());
  ASSERT_TRUE(c.Send(Request("/livez")));
  ASSERT_TRUE(c.Read());
  server_->Stop();
  EXPECT_TRUE(c.WaitClosed());
}

TEST_F(LimitsTest, ServesOnTheAppIoContextWithoutOwnThreads) {
  synd::testing::WriteFile(output() / "all.json", "{}");
  ServerOptions o = DefaultOptions();
  o.threads = 0;
  StartServer(o);
  const auto r = Fetch("/feeds/all.json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 200u);
  EXPECT_EQ(r->body(), "{}");
}

bool HasIpv6Loopback() {
  const int fd = ::socket(AF_INET6, SOCK_STREAM, 0);
  sockaddr_in6 addr{};
  addr.sin6_family = AF_INET6;
  addr.sin6_addr = in6addr_loopback;
  const bool ok = fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  if (fd >= 0) ::close(fd);
  return ok;
}

TEST_F(LimitsTest, ListensOnABracketedIpv6Address) {
  if (!HasIpv6Loopback()) GTEST_SKIP() << "no IPv6 loopback here";
  ServerOptions o = DefaultOptions();
  o.listen = "[::1]:0";
  StartServer(o);
  Client c(port(), 0, /*ipv6=*/true);
  ASSERT_TRUE(c.Send(Request("/livez")));
  const auto r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 200u);
}

TEST_F(LimitsTest, BadListenAddressIsAConfigErrorNamingIt) {
  ServerOptions o = DefaultOptions();
  o.listen = "127.0.0.1";
  Server s(io_, o, registry_, nullptr);
  const Status st = s.Start();
  EXPECT_EQ(st.code(), ErrorCode::kConfig);
  EXPECT_NE(st.message().find("127.0.0.1"), std::string::npos) << st.message();
}

TEST_F(LimitsTest, PortInUseIsAnIoErrorNamingTheAddress) {
  StartServer();
  ServerOptions o = DefaultOptions();
  o.listen = "127.0.0.1:" + std::to_string(port());
  Server s(io_, o, registry_, nullptr);
  const Status st = s.Start();
  EXPECT_EQ(st.code(), ErrorCode::kIo);
  EXPECT_NE(st.message().find(o.listen), std::string::npos) << st.message();
}

}  // namespace
}  // namespace synd::http::testing

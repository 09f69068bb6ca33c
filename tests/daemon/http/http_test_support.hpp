// Test support for the HTTP server: a real server on 127.0.0.1 port 0 over a temp output folder,
// and a real client on raw sockets that reads responses with Beast's parser under a deadline (so
// a broken server fails a test instead of hanging it). Header-only: only *_test.cpp files join
// daemon_test.
#pragma once

#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "daemon/http/server.hpp"
#include "daemon/metrics/registry.hpp"
#include "feeds/model/time.hpp"
#include "tests/support/temp_dir.hpp"

namespace synd::http::testing {

using namespace std::chrono_literals;
namespace http = boost::beast::http;
using Response = http::response<http::string_body>;

inline constexpr auto kDeadline = std::chrono::seconds(5);

// One client connection to 127.0.0.1:port.
class Client {
 public:
  // `receive_buffer` > 0 shrinks SO_RCVBUF, so a client that does not read stalls the server.
  // `ipv6`: connect to [::1] instead of 127.0.0.1.
  explicit Client(std::uint16_t port, int receive_buffer = 0, bool ipv6 = false) {
    fd_ = ::socket(ipv6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (receive_buffer > 0) {
      ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
    }
    if (ipv6) {
      sockaddr_in6 addr{};
      addr.sin6_family = AF_INET6;
      addr.sin6_port = htons(port);
      addr.sin6_addr = in6addr_loopback;
      connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    } else {
      sockaddr_in addr{};
      addr.sin_family = AF_INET;
      addr.sin_port = htons(port);
      addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    }
    EXPECT_TRUE(connected_) << "connect to port " << port;
  }
  ~Client() { ::close(fd_); }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  bool Send(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  // Reads one response; nullopt (with a test failure) on EOF, error or deadline before it is
  // complete. `head_request`: the response has no body whatever its Content-Length says.
  std::optional<Response> Read(bool head_request = false, bool expect_response = true) {
    http::response_parser<http::string_body> parser;
    parser.eager(true);
    parser.skip(head_request);
    parser.body_limit(256u << 20);
    const auto deadline = std::chrono::steady_clock::now() + kDeadline;
    for (;;) {
      if (!pending_.empty()) {
        boost::beast::error_code ec;
        const std::size_t used =
            parser.put(boost::asio::buffer(pending_.data(), pending_.size()), ec);
        pending_.erase(0, used);
        if (!ec && parser.is_done()) return parser.release();
        if (ec && ec != http::error::need_more) {
          ADD_FAILURE() << "malformed response: " << ec.message();
          return std::nullopt;
        }
        if (used > 0 && !pending_.empty()) continue;
      }
      if (!Receive(deadline)) {
        if (expect_response) ADD_FAILURE() << "no complete response before EOF or deadline";
        return std::nullopt;
      }
    }
  }

  // True when the server closes the connection (EOF or reset) before the deadline; whatever it
  // still sends is discarded.
  bool WaitClosed(std::chrono::steady_clock::duration within = kDeadline) {
    const auto deadline = std::chrono::steady_clock::now() + within;
    for (;;) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
      std::array<char, 65536> buf;
      const ssize_t n = ::recv(fd_, buf.data(), buf.size(), 0);
      if (n <= 0) return true;
    }
  }

  // Receives whatever bytes arrive first (kept for Read()); false on EOF, error or deadline.
  bool ReceiveSome() { return Receive(std::chrono::steady_clock::now() + kDeadline); }

  bool connected() const { return connected_; }
  int fd() const { return fd_; }

 private:
  bool Receive(std::chrono::steady_clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
    std::array<char, 65536> buf;
    const ssize_t n = ::recv(fd_, buf.data(), buf.size(), 0);
    if (n <= 0) return false;
    pending_.append(buf.data(), static_cast<std::size_t>(n));
    return true;
  }

  int fd_ = -1;
  bool connected_ = false;
  std::string pending_;
};

// "GET <target> HTTP/1.1" with Host and the given extra header lines (each ending CRLF).
inline std::string Request(std::string_view target, std::string_view extra = {},
                           std::string_view method = "GET") {
  return std::string(method) + " " + std::string(target) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
         std::string(extra) + "\r\n";
}

// Writes `bytes` to `path` by temp file + rename (as the feed writer does) and sets its mtime.
inline void WriteServedFile(const std::filesystem::path& path, std::string_view bytes,
                            TimePoint mtime) {
  const auto tmp = path.string() + ".tmp";
  synd::testing::WriteFile(tmp, bytes);
  const timespec times[2] = {{mtime.time_since_epoch().count(), 0},
                             {mtime.time_since_epoch().count(), 0}};
  ASSERT_EQ(::utimensat(AT_FDCWD, tmp.c_str(), times, 0), 0) << tmp;
  std::filesystem::rename(tmp, path);
}

// A started server over `output` (a folder in a temp dir), with its own threads (default) or on
// an io_context run by a background thread (threads == 0).
class ServerFixture : public ::testing::Test {
 protected:
  std::filesystem::path output() const { return dir_.path() / "out"; }
  std::filesystem::path root() const { return dir_.path(); }

  ServerOptions DefaultOptions() const {
    ServerOptions o;
    o.listen = "127.0.0.1:0";
    o.output_dir = output();
    o.base_url = "http://feeds.example.org/";
    o.threads = 1;
    return o;
  }

  void StartServer(ServerOptions options) {
    std::filesystem::create_directories(output());
    threads_ = options.threads;
    server_ = std::make_unique<Server>(io_, std::move(options), registry_,
                                       [this] { return ready_.load(); });
    const Status s = server_->Start();
    ASSERT_TRUE(s.ok()) << s.message();
    if (threads_ == 0) io_thread_ = std::thread([this] { io_.run(); });
  }
  void StartServer() { StartServer(DefaultOptions()); }

  void TearDown() override {
    if (!server_) return;
    if (threads_ == 0) {
      boost::asio::post(io_, [this] { server_->Stop(); });
      guard_.reset();
      io_thread_.join();
    }
    server_.reset();
  }

  // One request on a fresh connection.
  std::optional<Response> Fetch(std::string_view target, std::string_view extra = {},
                                std::string_view method = "GET") {
    Client c(port());
    EXPECT_TRUE(c.Send(Request(target, extra, method)));
    return c.Read(method == "HEAD");
  }

  std::uint16_t port() const { return server_->port(); }

  // Polls the server's gauges until `open` connections are open, `idle` of them waiting for a
  // request with none of it received (the server has read what the others sent).
  void WaitForConnections(double open, double idle) {
    const auto deadline = std::chrono::steady_clock::now() + kDeadline;
    auto& open_gauge = registry_.GetGauge("syndicated_http_connections", "");
    auto& idle_gauge = registry_.GetGauge("syndicated_http_idle_connections", "");
    while (open_gauge.value() != open || idle_gauge.value() != idle) {
      ASSERT_LT(std::chrono::steady_clock::now(), deadline)
          << "open " << open_gauge.value() << ", idle " << idle_gauge.value();
      std::this_thread::yield();
    }
  }

  synd::testing::TempDir dir_;
  metrics::Registry registry_;
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard_ =
      boost::asio::make_work_guard(io_);
  std::atomic<bool> ready_{false};
  std::unique_ptr<Server> server_;
  unsigned threads_ = 1;
  std::thread io_thread_;
};

}  // namespace synd::http::testing

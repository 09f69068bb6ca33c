// Test support: a webhook receiver on 127.0.0.1 (port 0 or a given port) that records every
// request and verifies its Standard Webhooks signature with its own HMAC code (OpenSSL's one-shot
// HMAC, not the product's signer). Blocking sockets, one thread per connection; header-only
// because the test glob compiles only *_test.cpp files.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace synd::testing {

struct ReceivedRequest {
  std::string target;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  bool signature_valid = false;
  std::chrono::steady_clock::time_point at;
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
  std::string id() const { return header("webhook-id"); }
};

struct Reply {
  int status = 200;
  std::chrono::milliseconds delay{0};
  std::vector<std::string> headers;  // "Name: value"
};

// Verifies a webhook-signature header against `secrets` ("whsec_..."): true when one of the
// header's v1 signatures matches one of the secrets.
inline bool VerifyStandardWebhook(const std::vector<std::string>& secrets, const std::string& id,
                                  const std::string& timestamp, const std::string& body,
                                  const std::string& signature_header) {
  const std::string message = id + "." + timestamp + "." + body;
  for (const std::string& secret : secrets) {
    const std::string encoded = secret.substr(6);
    std::string key(encoded.size(), '\0');
    int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(key.data()),
                            reinterpret_cast<const unsigned char*>(encoded.data()),
                            static_cast<int>(encoded.size()));
    if (n < 0) continue;
    n -= static_cast<int>(std::count(encoded.end() - 2, encoded.end(), '='));
    key.resize(static_cast<std::size_t>(n));
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int mac_len = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &mac_len);
    std::string expected(4 * ((mac_len + 2) / 3) + 1, '\0');
    expected.resize(static_cast<std::size_t>(EVP_EncodeBlock(
        reinterpret_cast<unsigned char*>(expected.data()), mac, static_cast<int>(mac_len))));
    std::size_t pos = 0;
    while (pos < signature_header.size()) {
      std::size_t end = signature_header.find(' ', pos);
      if (end == std::string::npos) end = signature_header.size();
      if (signature_header.substr(pos, end - pos) == "v1," + expected) return true;
      pos = end + 1;
    }
  }
  return false;
}

class TestReceiver {
 public:
  using Responder = std::function<Reply(const ReceivedRequest&, int index)>;

  explicit TestReceiver(std::vector<std::string> secrets, uint16_t port = 0)
      : secrets_(std::move(secrets)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const int one = 1;
    ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(listener_, 512) != 0) {
      ::close(listener_);
      listener_ = -1;
      return;
    }
    socklen_t len = sizeof addr;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    acceptor_ = std::thread([this] { AcceptLoop(); });
  }

  ~TestReceiver() { Stop(); }

  bool listening() const { return listener_ >= 0; }
  uint16_t port() const { return port_; }
  std::string url(const std::string& path = "/hook") const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

  void set_responder(Responder responder) {
    std::lock_guard lock(mu_);
    responder_ = std::move(responder);
  }

  std::vector<ReceivedRequest> requests() const {
    std::lock_guard lock(mu_);
    return requests_;
  }
  std::size_t count() const {
    std::lock_guard lock(mu_);
    return requests_.size();
  }
  // TCP connections accepted so far (to see connection reuse).
  int connections_accepted() const { return accepted_.load(); }

  // Closes the listener and every connection, and waits for the threads.
  void Stop() {
    {
      std::lock_guard lock(mu_);
      if (stopped_.exchange(true)) return;
    }
    stop_cv_.notify_all();
    if (listener_ >= 0) ::shutdown(listener_, SHUT_RDWR);
    if (acceptor_.joinable()) acceptor_.join();
    if (listener_ >= 0) ::close(listener_);
    std::vector<std::thread> threads;
    {
      std::lock_guard lock(mu_);
      for (int fd : connections_) ::shutdown(fd, SHUT_RDWR);
      threads.swap(threads_);
    }
    for (std::thread& t : threads) t.join();
  }

 private:
  void AcceptLoop() {
    for (;;) {
      const int fd = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) return;
      std::lock_guard lock(mu_);
      if (stopped_) {
        ::close(fd);
        return;
      }
      connections_.push_back(fd);
      ++accepted_;
      threads_.emplace_back([this, fd] { Serve(fd); });
    }
  }

  void Serve(int fd) {
    std::string buffer;
    ReceivedRequest request;
    while (ReadRequest(fd, buffer, request)) {
      Reply reply;
      int index = 0;
      Responder responder;
      {
        std::lock_guard lock(mu_);
        index = static_cast<int>(requests_.size());
        requests_.push_back(request);
        responder = responder_;
      }
      if (responder) reply = responder(request, index);
      if (reply.delay.count() > 0) {
        // A slow receiver, cut short by Stop().
        std::unique_lock lock(mu_);
        stop_cv_.wait_for(lock, reply.delay, [this] { return stopped_.load(); });
      }
      std::string response =
          "HTTP/1.1 " + std::to_string(reply.status) + " X\r\nContent-Length: 0\r\n";
      for (const std::string& h : reply.headers) response += h + "\r\n";
      response += "\r\n";
      if (::send(fd, response.data(), response.size(), MSG_NOSIGNAL) < 0) break;
    }
    std::lock_guard lock(mu_);
    connections_.erase(std::find(connections_.begin(), connections_.end(), fd));
    ::close(fd);
  }

  // Reads one request (headers, then Content-Length bytes of body). False at EOF or error.
  bool ReadRequest(int fd, std::string& buffer, ReceivedRequest& request) {
    std::size_t header_end;
    while ((header_end = buffer.find("\r\n\r\n")) == std::string::npos) {
      if (!ReadMore(fd, buffer)) return false;
    }
    request = ReceivedRequest{};
    std::size_t line_end = buffer.find("\r\n");
    const std::string request_line = buffer.substr(0, line_end);
    const std::size_t sp1 = request_line.find(' ');
    request.target = request_line.substr(sp1 + 1, request_line.rfind(' ') - sp1 - 1);
    std::size_t pos = line_end + 2;
    while (pos < header_end) {
      line_end = buffer.find("\r\n", pos);
      const std::string line = buffer.substr(pos, line_end - pos);
      const std::size_t colon = line.find(':');
      std::string name = line.substr(0, colon);
      std::transform(name.begin(), name.end(), name.begin(), ::tolower);
      std::size_t value_start = line.find_first_not_of(' ', colon + 1);
      request.headers[name] = value_start == std::string::npos ? "" : line.substr(value_start);
      pos = line_end + 2;
    }
    const std::size_t length = std::stoul(
        request.header("content-length").empty() ? "0" : request.header("content-length"));
    while (buffer.size() < header_end + 4 + length) {
      if (!ReadMore(fd, buffer)) return false;
    }
    request.body = buffer.substr(header_end + 4, length);
    buffer.erase(0, header_end + 4 + length);
    request.at = std::chrono::steady_clock::now();
    request.signature_valid = VerifyStandardWebhook(
        secrets_, request.header("webhook-id"), request.header("webhook-timestamp"), request.body,
        request.header("webhook-signature"));
    return true;
  }

  static bool ReadMore(int fd, std::string& buffer) {
    char chunk[16384];
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

  const std::vector<std::string> secrets_;
  int listener_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stopped_{false};
  std::atomic<int> accepted_{0};
  std::condition_variable stop_cv_;
  std::thread acceptor_;
  mutable std::mutex mu_;
  Responder responder_;
  std::vector<ReceivedRequest> requests_;
  std::vector<int> connections_;
  std::vector<std::thread> threads_;
};

}  // namespace synd::testing

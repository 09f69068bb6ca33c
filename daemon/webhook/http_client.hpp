// Outbound HTTP POSTs for webhook deliveries (issue [5/6]): one libcurl multi handle, driven on
// its own thread, carries every transfer, with connection reuse, a connect and a total deadline,
// no redirects, no proxy, http/https only, and the SSRF address check applied in curl's
// open-socket callback to the address actually connected to. It knows nothing of webhooks.
//
// Cross-thread path (one of the two STYLE.md allows): Post() and AbortAll() run on the
// io_context thread and hand work to the curl thread through a mutex-guarded list and
// curl_multi_wakeup; the curl thread posts completed transfers back to the io_context in batches.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace boost::asio {
class io_context;
}

namespace synd {

struct HttpPost {
  std::string url;
  std::vector<std::string> headers;  // "Name: value"; Content-Type and User-Agent are added
  std::string body;                  // sent as application/json
  std::chrono::milliseconds timeout{15000};
  bool allow_private = false;  // false: refuse loopback, private, link-local... (address_policy)
};

struct HttpOutcome {
  int status = 0;           // HTTP status; 0 when no response arrived
  std::string error;        // why no response arrived (timeout, refused address...); else empty
  std::string retry_after;  // the response's Retry-After header, empty when absent
  std::chrono::microseconds elapsed{};
};

class HttpClient {
 public:
  using Handler = std::function<void(HttpOutcome)>;

  // Starts the curl thread. `io` must outlive the client; handlers run on it.
  HttpClient(boost::asio::io_context& io, std::string user_agent);
  // Aborts every transfer (their handlers never run) and joins the curl thread.
  // REQUIRES: called on the io_context thread.
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Starts a POST; `handler` runs once on the io_context with the outcome, unless the transfer
  // is aborted first. REQUIRES: io_context thread.
  void Post(HttpPost request, Handler handler);

  // Aborts every transfer started so far; their handlers never run. REQUIRES: io_context thread.
  void AbortAll();

 private:
  class Engine;
  std::unique_ptr<Engine> engine_;
};

}  // namespace synd

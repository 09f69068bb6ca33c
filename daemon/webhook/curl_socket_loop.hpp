// The event loop of the webhook HTTP client's curl thread: an epoll set that holds only the
// sockets libcurl asks to watch (CURLMOPT_SOCKETFUNCTION), curl's timeout
// (CURLMOPT_TIMERFUNCTION) and an eventfd for wake-ups from other threads, driving the multi
// handle with curl_multi_socket_action. Work per wake-up grows with the sockets that are ready,
// not with every open connection as curl_multi_poll's would. Used by HttpClient only.
#pragma once

#include <curl/curl.h>

#include <chrono>
#include <optional>

namespace synd {

class CurlSocketLoop {
 public:
  // Installs the socket and timer callbacks on `multi`, which must outlive the loop.
  explicit CurlSocketLoop(CURLM* multi);
  ~CurlSocketLoop();
  CurlSocketLoop(const CurlSocketLoop&) = delete;
  CurlSocketLoop& operator=(const CurlSocketLoop&) = delete;

  // Waits up to `max_wait` for a ready socket, curl's timeout or Wake(), and lets curl act on
  // what is ready. Returns true when Wake() was called since the previous call. Loop thread only.
  bool RunOnce(std::chrono::milliseconds max_wait);

  // Makes the current or next RunOnce return at once. Any thread.
  void Wake();

 private:
  static int OnSocket(CURL* easy, curl_socket_t socket, int what, void* loop, void* assigned);
  static int OnTimer(CURLM* multi, long timeout_ms, void* loop);
  void Act(curl_socket_t socket, int flags);

  CURLM* multi_;
  int epoll_ = -1;
  int wake_ = -1;  // eventfd
  std::optional<std::chrono::steady_clock::time_point> deadline_;
};

}  // namespace synd

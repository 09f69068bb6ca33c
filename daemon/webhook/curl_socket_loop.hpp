// The event loop of the webhook HTTP client's curl thread: an epoll set that holds only the
// sockets libcurl asks to watch (CURLMOPT_SOCKETFUNCTION), curl's timeout
// (CURLMOPT_TIMERFUNCTION) and an eventfd for wake-ups from other threads, driving the multi
// handle with curl_multi_socket_action. Work per wake-up grows with the sockets that are ready,
// not with every open connection as curl_multi_poll's would. An idle kept-alive connection stays
// in the set ("parked") instead of leaving and rejoining it around every request: two system calls
// fewer per delivery. Used by HttpClient only.
#pragma once

#include <curl/curl.h>

#include <chrono>
#include <optional>
#include <unordered_map>

namespace synd {

class CurlSocketLoop {
 public:
  // Installs the socket and timer callbacks on `multi`. The loop must outlive every socket curl
  // opens through it: destroy it after curl_multi_cleanup and curl_share_cleanup.
  explicit CurlSocketLoop(CURLM* multi);
  ~CurlSocketLoop();
  CurlSocketLoop(const CurlSocketLoop&) = delete;
  CurlSocketLoop& operator=(const CurlSocketLoop&) = delete;

  // Waits up to `max_wait` for a ready socket, curl's timeout or Wake(), and lets curl act on
  // what is ready. Returns true when Wake() was called since the previous call. Loop thread only.
  bool RunOnce(std::chrono::milliseconds max_wait);

  // Makes the current or next RunOnce return at once. Any thread.
  void Wake();

  // For CURLOPT_CLOSESOCKETFUNCTION with this loop as CURLOPT_CLOSESOCKETDATA: forgets the
  // socket (closing removes it from the epoll set) and closes it.
  static int CloseSocket(void* loop, curl_socket_t socket);

 private:
  static int OnSocket(CURL* easy, curl_socket_t socket, int what, void* loop, void* assigned);
  static int OnTimer(CURLM* multi, long timeout_ms, void* loop);
  void Act(curl_socket_t socket, int flags);
  void Watch(curl_socket_t socket, uint32_t events);

  struct Registration {
    uint32_t events = 0;  // as registered in the epoll set
    bool parked = false;  // curl does not want events for it now
  };

  CURLM* multi_;
  std::unordered_map<curl_socket_t, Registration> registered_;
  int epoll_ = -1;
  int wake_ = -1;  // eventfd
  std::optional<std::chrono::steady_clock::time_point> deadline_;
};

}  // namespace synd

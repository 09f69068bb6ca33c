#include "daemon/webhook/curl_socket_loop.hpp"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cassert>
#include <cerrno>

namespace synd {
namespace {

constexpr int kMaxEvents = 256;

}  // namespace

CurlSocketLoop::CurlSocketLoop(CURLM* multi) : multi_(multi) {
  epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
  wake_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  // Without these two descriptors nothing can work; there is no meaningful recovery.
  assert(epoll_ >= 0 && wake_ >= 0);
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = wake_;
  ::epoll_ctl(epoll_, EPOLL_CTL_ADD, wake_, &ev);
  curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, &CurlSocketLoop::OnSocket);
  curl_multi_setopt(multi_, CURLMOPT_SOCKETDATA, this);
  curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, &CurlSocketLoop::OnTimer);
  curl_multi_setopt(multi_, CURLMOPT_TIMERDATA, this);
}

CurlSocketLoop::~CurlSocketLoop() {
  ::close(wake_);
  ::close(epoll_);
}

int CurlSocketLoop::OnSocket(CURL* /*easy*/, curl_socket_t socket, int what, void* loop,
                             void* /*assigned*/) {
  auto* self = static_cast<CurlSocketLoop*>(loop);
  if (what == CURL_POLL_REMOVE) {
    auto it = self->registered_.find(socket);
    if (it != self->registered_.end()) it->second.parked = true;
    return 0;
  }
  self->Watch(socket, ((what & CURL_POLL_IN) != 0 ? EPOLLIN : 0u) |
                          ((what & CURL_POLL_OUT) != 0 ? EPOLLOUT : 0u));
  return 0;
}

void CurlSocketLoop::Watch(curl_socket_t socket, uint32_t events) {
  epoll_event ev{};
  ev.events = events;
  ev.data.fd = socket;
  auto it = registered_.find(socket);
  if (it == registered_.end()) {
    if (::epoll_ctl(epoll_, EPOLL_CTL_ADD, socket, &ev) != 0 && errno == EEXIST) {
      ::epoll_ctl(epoll_, EPOLL_CTL_MOD, socket, &ev);
    }
    registered_[socket] = Registration{events, false};
    return;
  }
  it->second.parked = false;
  if (it->second.events == events) return;
  it->second.events = events;
  if (::epoll_ctl(epoll_, EPOLL_CTL_MOD, socket, &ev) != 0 && errno == ENOENT) {
    ::epoll_ctl(epoll_, EPOLL_CTL_ADD, socket, &ev);
  }
}

int CurlSocketLoop::CloseSocket(void* loop, curl_socket_t socket) {
  static_cast<CurlSocketLoop*>(loop)->registered_.erase(socket);
  return ::close(socket);
}

int CurlSocketLoop::OnTimer(CURLM* /*multi*/, long timeout_ms, void* loop) {
  auto* self = static_cast<CurlSocketLoop*>(loop);
  if (timeout_ms < 0) {
    self->deadline_.reset();
  } else {
    self->deadline_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  }
  return 0;
}

void CurlSocketLoop::Act(curl_socket_t socket, int flags) {
  int running = 0;
  curl_multi_socket_action(multi_, socket, flags, &running);
}

bool CurlSocketLoop::RunOnce(std::chrono::milliseconds max_wait) {
  auto wait = max_wait;
  if (deadline_) {
    const auto left =
        std::chrono::ceil<std::chrono::milliseconds>(*deadline_ - std::chrono::steady_clock::now());
    wait = std::clamp(left, std::chrono::milliseconds(0), max_wait);
  }
  std::array<epoll_event, kMaxEvents> events{};
  const int n = ::epoll_wait(epoll_, events.data(), kMaxEvents, static_cast<int>(wait.count()));
  bool woken = false;
  for (int i = 0; i < n; ++i) {
    const int fd = events[i].data.fd;
    if (fd == wake_) {
      uint64_t count = 0;
      while (::read(wake_, &count, sizeof count) > 0) {
      }
      woken = true;
      continue;
    }
    auto parked = registered_.find(fd);
    if (parked != registered_.end() && parked->second.parked) {
      // An idle connection that became readable (closed by the peer, most likely): stop
      // watching it; curl finds out for itself before it reuses the connection.
      ::epoll_ctl(epoll_, EPOLL_CTL_DEL, fd, nullptr);
      registered_.erase(parked);
      continue;
    }
    const uint32_t e = events[i].events;
    const int flags = ((e & EPOLLIN) != 0 ? CURL_CSELECT_IN : 0) |
                      ((e & EPOLLOUT) != 0 ? CURL_CSELECT_OUT : 0) |
                      ((e & (EPOLLERR | EPOLLHUP)) != 0 ? CURL_CSELECT_ERR : 0);
    Act(fd, flags);
  }
  if (deadline_ && std::chrono::steady_clock::now() >= *deadline_) {
    deadline_.reset();
    Act(CURL_SOCKET_TIMEOUT, 0);
  }
  return woken;
}

void CurlSocketLoop::Wake() {
  const uint64_t one = 1;
  // A full counter (it cannot be, in practice) still leaves the descriptor readable.
  [[maybe_unused]] const ssize_t n = ::write(wake_, &one, sizeof one);
}

}  // namespace synd

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
// Any non-null pointer: curl_multi_assign marks a socket as already in the epoll set.
char kInEpoll;

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
  curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, nullptr);
  curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, nullptr);
  ::close(wake_);
  ::close(epoll_);
}

int CurlSocketLoop::OnSocket(CURL* /*easy*/, curl_socket_t socket, int what, void* loop,
                             void* assigned) {
  auto* self = static_cast<CurlSocketLoop*>(loop);
  if (what == CURL_POLL_REMOVE) {
    ::epoll_ctl(self->epoll_, EPOLL_CTL_DEL, socket, nullptr);
    curl_multi_assign(self->multi_, socket, nullptr);
    return 0;
  }
  epoll_event ev{};
  ev.events =
      ((what & CURL_POLL_IN) != 0 ? EPOLLIN : 0u) | ((what & CURL_POLL_OUT) != 0 ? EPOLLOUT : 0u);
  ev.data.fd = socket;
  int op = assigned != nullptr ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
  if (::epoll_ctl(self->epoll_, op, socket, &ev) != 0) {
    // A descriptor number reused after a close that curl did not report, or the reverse.
    op = errno == EEXIST ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
    ::epoll_ctl(self->epoll_, op, socket, &ev);
  }
  curl_multi_assign(self->multi_, socket, &kInEpoll);
  return 0;
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

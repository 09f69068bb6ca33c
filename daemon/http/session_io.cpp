// Session's socket writes and deadlines: direct sendmsg()/sendfile() on the non-blocking socket,
// waiting for writability through Asio only when the kernel buffer is full. This keeps a cached
// response to one system call in the common case and lets big bodies go out without a copy.
#include <errno.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <array>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "daemon/http/session.hpp"

namespace synd::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

namespace {

// After a response with Connection: close, what the client still sends is read and dropped for
// this long (and up to this much), so closing does not reset the connection before the client
// has read the response.
constexpr auto kLingerTimeout = std::chrono::seconds(2);
constexpr std::size_t kMaxLingerBytes = std::size_t{64} << 10;

bool WouldBlock(int err) { return err == EAGAIN || err == EWOULDBLOCK; }

}  // namespace

// GCC 12 miscompiles some coroutine shapes (reference parameters, structured bindings of a
// co_await, co_await inside conditions), so the coroutines here keep to plain statements and
// members.
asio::awaitable<bool> Session::Send() {
  const bool file_body = !reply_.head_only && reply_.fd >= 0;
  const std::string_view body = reply_.head_only ? std::string_view() : reply_.body;
  bool ok = co_await SendBuffers(head_, body, file_body ? MSG_MORE : 0);
  if (ok && file_body) ok = co_await SendFile(reply_.fd, reply_.fd_size);
  co_return ok;
}

asio::awaitable<bool> Session::SendBuffers(std::string_view first, std::string_view second,
                                           int flags) {
  std::array<iovec, 2> iov = {{{const_cast<char*>(first.data()), first.size()},
                               {const_cast<char*>(second.data()), second.size()}}};
  std::size_t at = 0;
  for (;;) {
    while (at < iov.size() && iov[at].iov_len == 0) ++at;
    if (at == iov.size()) co_return true;
    msghdr msg{};
    msg.msg_iov = &iov[at];
    msg.msg_iovlen = iov.size() - at;
    const ssize_t n = ::sendmsg(socket_.native_handle(), &msg, MSG_NOSIGNAL | flags);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && !WouldBlock(errno)) co_return false;
    if (n < 0) {
      const bool writable = co_await WaitWritable();
      if (!writable) co_return false;
      continue;
    }
    auto sent = static_cast<std::size_t>(n);
    for (; at < iov.size() && sent >= iov[at].iov_len; ++at) sent -= iov[at].iov_len;
    if (at < iov.size()) {
      iov[at].iov_base = static_cast<char*>(iov[at].iov_base) + sent;
      iov[at].iov_len -= sent;
    }
  }
}

asio::awaitable<bool> Session::SendFile(int fd, std::size_t size) {
  off_t offset = 0;
  while (static_cast<std::size_t>(offset) < size) {
    const ssize_t n =
        ::sendfile(socket_.native_handle(), fd, &offset, size - static_cast<std::size_t>(offset));
    if (n > 0) continue;
    if (n == 0) co_return false;  // cannot happen on a sealed memfd; never spin on it
    if (errno == EINTR) continue;
    if (!WouldBlock(errno)) co_return false;
    const bool writable = co_await WaitWritable();
    if (!writable) co_return false;
  }
  co_return true;
}

asio::awaitable<bool> Session::WaitWritable() {
  beast::error_code ec;
  co_await socket_.async_wait(tcp::socket::wait_write,
                              asio::redirect_error(asio::use_awaitable, ec));
  co_return !ec && !closed_;
}

asio::awaitable<void> Session::Linger() {
  beast::error_code ec;
  socket_.shutdown(tcp::socket::shutdown_send, ec);
  if (ec) co_return;
  SetDeadline(Clock::now() + kLingerTimeout);
  std::size_t discarded = 0;
  while (discarded < kMaxLingerBytes) {
    const std::size_t n = co_await socket_.async_read_some(
        asio::buffer(buffer_.get(), capacity_), asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    discarded += n;
  }
}

// The watchdog timer is re-armed lazily: moving the deadline later costs nothing (the timer fires
// at the old time and goes back to sleep); only an earlier deadline re-arms it at once.
void Session::SetDeadline(Clock::time_point deadline) {
  deadline_ = deadline;
  if (!closed_ && deadline < watchdog_.expiry()) ArmWatchdog();
}

void Session::ArmWatchdog() {
  watchdog_.expires_at(deadline_);
  watchdog_.async_wait([self = shared_from_this()](const beast::error_code& ec) {
    if (!ec) self->OnWatchdog();  // aborted: Close() or a re-arm, which armed its own wait
  });
}

void Session::OnWatchdog() {
  if (closed_) return;
  if (Clock::now() < deadline_) {
    ArmWatchdog();
    return;
  }
  core_->metrics.DeadlineExpired();
  Close();
}

}  // namespace synd::http

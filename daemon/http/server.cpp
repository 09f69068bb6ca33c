#include "daemon/http/server.hpp"

#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <optional>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "daemon/http/listen_address.hpp"
#include "daemon/http/response.hpp"
#include "daemon/http/server_core.hpp"
#include "daemon/http/session.hpp"

namespace synd::http {
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

// sendfile() has no MSG_NOSIGNAL, so a client that resets mid-body would kill the process with
// SIGPIPE. Network daemons ignore it; a handler the application installed is left alone.
void IgnoreSigpipe() {
  struct sigaction current {};
  if (::sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL) {
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    ::sigaction(SIGPIPE, &ignore, nullptr);
  }
}

// A socket between loops: closed with its holder unless someone took it (fd -1).
struct OwnedFd {
  explicit OwnedFd(int f) : fd(f) {}
  ~OwnedFd() {
    if (fd >= 0) ::close(fd);
  }
  OwnedFd(const OwnedFd&) = delete;
  OwnedFd& operator=(const OwnedFd&) = delete;
  int fd;
};

struct Loop {
  asio::io_context* io;
  std::shared_ptr<SessionSet> sessions;
};

// Accepts on loops[0]'s io_context and hands each connection to the next loop in turn. Shared
// with its pending accept, so it outlives the Server when the app's io_context unwinds later.
class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(std::shared_ptr<ServerCore> core, std::vector<Loop> loops)
      : core_(std::move(core)),
        loops_(std::move(loops)),
        acceptor_(*loops_[0].io),
        backoff_(*loops_[0].io) {}

  Status Open(const tcp::endpoint& endpoint, const std::string& listen) {
    boost::system::error_code ec;
    const auto fail = [&](std::string_view what) {
      return Status::Io("http.listen " + listen + ": " + std::string(what) + ": " + ec.message());
    };
    if (acceptor_.open(endpoint.protocol(), ec); ec) return fail("socket");
    if (acceptor_.set_option(tcp::acceptor::reuse_address(true), ec); ec) return fail("setsockopt");
    if (acceptor_.bind(endpoint, ec); ec) return fail("bind");
    if (acceptor_.listen(asio::socket_base::max_listen_connections, ec); ec) return fail("listen");
    port_ = acceptor_.local_endpoint(ec).port();
    protocol_ = endpoint.protocol();
    return Status::Ok();
  }

  std::uint16_t port() const { return port_; }

  void Accept() {
    // Decided before accepting: a socket over the bound is accepted on this thread's io_context
    // and handed on from there.
    const bool at_bound = core_->connections.load() >= core_->options.max_connections;
    Loop& loop = at_bound ? loops_[0] : loops_[next_++ % loops_.size()];
    acceptor_.async_accept(*loop.io,
                           [self = shared_from_this(), at_bound, sessions = loop.sessions](
                               const boost::system::error_code& ec, tcp::socket socket) mutable {
                             self->OnAccept(ec, std::move(socket), at_bound, std::move(sessions));
                           });
  }

  // Thread: loops[0]'s.
  void Close() {
    closed_ = true;
    boost::system::error_code ec;
    acceptor_.close(ec);
    backoff_.cancel();
  }

 private:
  void OnAccept(const boost::system::error_code& ec, tcp::socket socket, bool at_bound,
                std::shared_ptr<SessionSet> sessions) {
    if (closed_ || ec == asio::error::operation_aborted) return;
    if (ec) {
      // Typically EMFILE: back off instead of spinning; the count shows how often.
      core_->metrics.AcceptFailed();
      if (!accept_error_logged_) spdlog::warn("http: accept failed: {}", ec.message());
      accept_error_logged_ = true;
      backoff_.expires_after(std::chrono::milliseconds(50));
      backoff_.async_wait([self = shared_from_this()](const boost::system::error_code& e) {
        if (!e && !self->closed_) self->Accept();
      });
      return;
    }
    if (at_bound) {
      boost::system::error_code release_ec;
      TakePlaceOfIdle(std::make_shared<OwnedFd>(socket.release(release_ec)), 0);
    } else if (!core_->stopping.load()) {
      Session::Start(std::make_shared<Session>(core_, std::move(sessions), std::move(socket)));
    }
    Accept();
  }

  // At max_connections a new connection takes the place of an idle one (as nginx reuses its
  // keep-alive connections): the one that has waited longest for a request on the first loop,
  // from `loop` on, that has one (each loop is asked on its own thread); only when no connection
  // anywhere is idle is the newcomer refused. Else connections that sit open without a request
  // would lock every client out until they time out.
  void TakePlaceOfIdle(std::shared_ptr<OwnedFd> fd, std::size_t loop) {
    if (fd->fd < 0 || core_->stopping.load()) return;
    if (loop == loops_.size()) {
      Refuse(fd->fd);
      return;
    }
    asio::post(*loops_[loop].io, [self = shared_from_this(), fd = std::move(fd), loop] {
      if (self->core_->stopping.load()) return;
      const Loop& target = self->loops_[loop];
      if (!CloseLongestIdle(*target.sessions)) {
        self->TakePlaceOfIdle(fd, loop + 1);
        return;
      }
      self->core_->metrics.IdleConnectionReplaced();
      boost::system::error_code ec;
      tcp::socket socket(*target.io);
      if (socket.assign(self->protocol_, fd->fd, ec); ec) return;  // `fd` still closes it
      fd->fd = -1;
      Session::Start(std::make_shared<Session>(self->core_, target.sessions, std::move(socket)));
    });
  }

  // The stated overflow action: a best-effort 503 without reading the request. The caller
  // closes `fd`.
  void Refuse(int fd) {
    core_->metrics.ConnectionRejected();
    [[maybe_unused]] const ssize_t n = ::send(
        fd, kOverloadedResponse.data(), kOverloadedResponse.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    ::shutdown(fd, SHUT_WR);
    // Drop what already arrived, so close() sends FIN rather than a reset that eats the 503.
    std::array<char, 4096> sink;
    while (::recv(fd, sink.data(), sink.size(), MSG_DONTWAIT) > 0) {
    }
  }

  std::shared_ptr<ServerCore> core_;
  std::vector<Loop> loops_;
  tcp::acceptor acceptor_;
  asio::steady_timer backoff_;
  std::size_t next_ = 0;
  std::uint16_t port_ = 0;
  tcp protocol_ = tcp::v4();
  bool closed_ = false;
  bool accept_error_logged_ = false;
};

}  // namespace

class Server::Impl {
 public:
  Impl(asio::io_context& io, ServerOptions options, metrics::Registry& registry,
       std::function<bool()> ready)
      : app_io_(io),
        core_(std::make_shared<ServerCore>(std::move(options), registry, std::move(ready))) {}

  Status Start();
  void Stop();

  asio::io_context& app_io_;
  std::shared_ptr<ServerCore> core_;
  struct OwnedLoop {
    std::unique_ptr<asio::io_context> io;
    std::optional<asio::executor_work_guard<asio::io_context::executor_type>> guard;
    std::thread thread;
  };
  std::vector<OwnedLoop> owned_;
  std::vector<Loop> loops_;
  std::shared_ptr<Listener> listener_;
  std::uint16_t port_ = 0;
  bool started_ = false;
  bool stopped_ = false;
};

Status Server::Impl::Start() {
  if (started_) return Status::Error(ErrorCode::kInternal, "http server: Start() called twice");
  started_ = true;
  const ServerOptions& options = core_->options;
  auto endpoint = ResolveListenAddress(app_io_, options.listen);
  if (!endpoint.ok()) return endpoint.status();
  for (unsigned i = 0; i < options.threads; ++i) {
    owned_.push_back({std::make_unique<asio::io_context>(1), std::nullopt, std::thread()});
    loops_.push_back({owned_.back().io.get(), std::make_shared<SessionSet>()});
  }
  if (owned_.empty()) loops_.push_back({&app_io_, std::make_shared<SessionSet>()});
  listener_ = std::make_shared<Listener>(core_, loops_);
  if (Status s = listener_->Open(*endpoint, options.listen); !s.ok()) {
    listener_.reset();
    loops_.clear();
    owned_.clear();
    return s;
  }
  port_ = listener_->port();
  IgnoreSigpipe();
  listener_->Accept();
  try {
    for (OwnedLoop& loop : owned_) {
      loop.guard.emplace(loop.io->get_executor());
      loop.thread = std::thread([io = loop.io.get()] { io->run(); });
    }
  } catch (const std::system_error& e) {
    Stop();
    return Status::Io("http server: cannot start a thread: " + std::string(e.what()));
  }
  spdlog::info("http: serving {} on {} (port {}, {})", options.output_dir.string(), options.listen,
               port_,
               owned_.empty() ? std::string("on the app's thread")
                              : std::to_string(owned_.size()) + " thread(s)");
  return Status::Ok();
}

void Server::Impl::Stop() {
  if (!started_ || stopped_ || loops_.empty()) return;
  stopped_ = true;
  core_->stopping.store(true);
  for (std::size_t i = 0; i < loops_.size(); ++i) {
    auto close = [sessions = loops_[i].sessions, listener = i == 0 ? listener_ : nullptr] {
      if (listener) listener->Close();
      for (Session* s : sessions->sessions) s->Close();
    };
    if (owned_.empty() && app_io_.get_executor().running_in_this_thread()) {
      close();
    } else {
      asio::post(*loops_[i].io, std::move(close));
    }
  }
  for (OwnedLoop& loop : owned_) loop.guard.reset();
  for (OwnedLoop& loop : owned_) {
    if (loop.thread.joinable()) loop.thread.join();
  }
  if (!owned_.empty()) {
    // A handler posted to a loop after that loop ran out of work (a connection handed on by
    // TakePlaceOfIdle just as Stop() began) is still queued and holds the listener: run such
    // handlers now, while every loop exists (they see `stopping` and return), so that nothing
    // else holds the listener, which must go before its loop.
    for (OwnedLoop& loop : owned_) {
      loop.io->restart();
      loop.io->poll();
    }
    listener_.reset();
    loops_.clear();
    owned_.clear();
  }
  spdlog::info("http: stopped serving on {}", core_->options.listen);
}

unsigned DefaultServerThreads() { return std::max(1u, std::thread::hardware_concurrency()); }

Server::Server(asio::io_context& io, ServerOptions options, metrics::Registry& registry,
               std::function<bool()> ready)
    : impl_(std::make_unique<Impl>(io, std::move(options), registry, std::move(ready))) {}

Server::~Server() {
  try {
    Stop();
  } catch (...) {  // a destructor cannot report it; Stop() itself only logs and joins
  }
}

Status Server::Start() { return impl_->Start(); }
std::uint16_t Server::port() const { return impl_->port_; }
void Server::Stop() { impl_->Stop(); }
void Server::Invalidate(std::string_view relative_path) {
  impl_->core_->cache.Invalidate(relative_path);
}
void Server::InvalidateAll() { impl_->core_->cache.InvalidateAll(); }

}  // namespace synd::http

// One HTTP/1.1 connection of the server (daemon shell, internal to daemon/http/): reads request
// headers, answers each from the file cache or a built-in endpoint, strictly in order (keep-alive
// and pipelining), under a deadline for every read and write. Runs only on its socket's executor;
// reaches shared state only through ServerCore. Never reads a request body: a request that has
// one is answered and the connection closed.
#pragma once

#include <array>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "daemon/http/cached_file.hpp"
#include "daemon/http/request.hpp"
#include "daemon/http/server_core.hpp"

namespace synd::http {

class Session;

// The open sessions of one io_context, so that Stop() can close them. Touched only on that
// io_context's thread.
struct SessionSet {
  std::unordered_set<Session*> sessions;
};

// Closes the session of `set` that has waited longest for a request with none of it received,
// so that a new connection can take its place at max_connections. False when none waits so.
// Thread: the set's io_context.
bool CloseLongestIdle(SessionSet& set);

class Session : public std::enable_shared_from_this<Session> {
 public:
  using Clock = std::chrono::steady_clock;

  // Counts itself in core->connections for its lifetime.
  Session(std::shared_ptr<ServerCore> core, std::shared_ptr<SessionSet> set,
          boost::asio::ip::tcp::socket socket);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Serves the connection until it closes. Thread: any (the work runs on the socket's executor).
  static void Start(std::shared_ptr<Session> session);

  // Closes the socket and cancels the deadline; pending operations end and the session unwinds.
  // Thread: the socket's executor. Idempotent.
  void Close();

  // Whether the session waits for a request of which nothing has arrived (after accept, or
  // after a keep-alive response); `since` is when it started waiting. Thread: the executor's.
  bool Idle(Clock::time_point& since) const;

 private:
  enum class ReadStatus { kRequest, kClosed, kTooLarge, kMalformed };
  struct Reply {
    int code = 200;
    bool keep_alive = true;
    bool head_only = false;  // HEAD: the same header, no body
    std::string_view body;   // in memory: head_-independent storage (literal, body_, snapshot)
    int fd = -1;             // or a sealed memfd of `fd_size` bytes, sent with sendfile()
    std::size_t fd_size = 0;
  };

  boost::asio::awaitable<void> Run();
  boost::asio::awaitable<ReadStatus> ReadHead();
  void Prepare(ReadStatus status, Clock::time_point now);  // fills reply_ and head_
  Reply Handle(Clock::time_point now);
  Reply ServeFile(Reply reply, std::string_view relative_path, Clock::time_point now);
  Reply Simple(Reply reply, int code, std::string_view body,
               std::string_view content_type = "text/plain; charset=utf-8",
               std::string_view extra_headers = {});
  void AppendConnection(const Reply& reply);
  boost::asio::awaitable<bool> Send();  // reply_ with head_
  boost::asio::awaitable<bool> SendBuffers(std::string_view first, std::string_view second,
                                           int flags);
  boost::asio::awaitable<bool> SendFile(int fd, std::size_t size);
  boost::asio::awaitable<bool> WaitWritable();
  boost::asio::awaitable<void> Linger();
  void Consume(std::size_t n);

  void SetIdle(bool idle);  // keeps the idle-connections gauge in step
  void SetDeadline(Clock::time_point deadline);
  void ArmWatchdog();
  void OnWatchdog();

  std::shared_ptr<ServerCore> core_;
  std::shared_ptr<SessionSet> set_;
  boost::asio::ip::tcp::socket socket_;
  boost::asio::steady_timer watchdog_;
  Clock::time_point deadline_;
  Clock::time_point idle_since_;  // accept, or the end of the last response
  bool idle_ = false;             // reading, with no byte of the next request received
  bool closed_ = false;

  // Read buffer: [begin_, end_) holds received bytes not yet consumed. Larger than the header
  // limit, so an oversized header is caught by the parser, not by running out of room.
  std::unique_ptr<char[]> buffer_;
  std::size_t capacity_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  std::size_t parsed_ = 0;  // bytes of the current request header at begin_

  std::optional<RequestParser> parser_;
  std::array<char, 512> path_{};            // the decoded request path
  Reply reply_;                             // the response being sent
  std::string head_;                        // its header (capacity reused)
  std::string body_;                        // a generated body (/metrics), capacity reused
  std::shared_ptr<const CachedFile> file_;  // keeps the snapshot alive while it is sent
};

}  // namespace synd::http

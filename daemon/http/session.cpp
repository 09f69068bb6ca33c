#include "daemon/http/session.hpp"

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/error.hpp>
#include <cstring>

#include "daemon/http/response.hpp"
#include "feeds/model/time.hpp"

namespace synd::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

namespace {

constexpr std::size_t kMinReadBuffer = std::size_t{16} << 10;

bool NotModified(const RequestHead& h, const CachedFile& file, const Representation& rep) {
  if (h.if_none_match.present) return IfNoneMatchMatches(h.if_none_match, rep.etag);
  if (h.if_modified_since_lines != 1) return false;  // RFC 9110 §13.1.3: a list is ignored
  if (h.if_modified_since == file.last_modified_text) return true;
  const Result<TimePoint> since = ParseHttpDate(h.if_modified_since);
  return since.ok() && file.last_modified <= *since;
}

}  // namespace

bool CloseLongestIdle(SessionSet& set) {
  Session* longest = nullptr;
  Session::Clock::time_point oldest = Session::Clock::time_point::max();
  for (Session* s : set.sessions) {
    Session::Clock::time_point since;
    if (s->Idle(since) && since < oldest) {
      longest = s;
      oldest = since;
    }
  }
  if (longest == nullptr) return false;
  longest->Close();
  return true;
}

Session::Session(std::shared_ptr<ServerCore> core, std::shared_ptr<SessionSet> set,
                 tcp::socket socket)
    : core_(std::move(core)),
      set_(std::move(set)),
      socket_(std::move(socket)),
      watchdog_(socket_.get_executor()),
      capacity_(
          std::max<std::size_t>(kMinReadBuffer, std::size_t{core_->options.max_header_bytes} * 2)) {
  buffer_ = std::make_unique<char[]>(capacity_);
  head_.reserve(1024);
  core_->connections.fetch_add(1);
  core_->metrics.ConnectionOpened();
  beast::error_code ec;
  socket_.set_option(tcp::no_delay(true), ec);
  socket_.native_non_blocking(true, ec);
}

Session::~Session() {
  SetIdle(false);
  core_->connections.fetch_sub(1);
  core_->metrics.ConnectionClosed();
}

void Session::Start(std::shared_ptr<Session> session) {
  auto executor = session->socket_.get_executor();
  asio::co_spawn(
      executor, [s = std::move(session)]() -> asio::awaitable<void> { co_await s->Run(); },
      asio::detached);
}

bool Session::Idle(Clock::time_point& since) const {
  since = idle_since_;
  return idle_ && !closed_;
}

void Session::SetIdle(bool idle) {
  if (idle == idle_) return;
  idle_ = idle;
  core_->metrics.IdleChanged(idle);
}

void Session::Close() {
  if (closed_) return;
  closed_ = true;
  watchdog_.cancel();
  beast::error_code ec;
  socket_.close(ec);
}

asio::awaitable<void> Session::Run() {
  set_->sessions.insert(this);
  if (core_->stopping.load()) Close();  // accepted while Stop() was closing the others
  idle_since_ = Clock::now();
  deadline_ = idle_since_ + core_->options.idle_timeout;
  if (!closed_) ArmWatchdog();
  while (!closed_) {
    const ReadStatus status = co_await ReadHead();
    if (status == ReadStatus::kClosed) break;
    const Clock::time_point start = Clock::now();
    Prepare(status, start);
    SetDeadline(start + core_->options.write_timeout);
    const bool sent = co_await Send();
    const Clock::time_point end = Clock::now();
    core_->metrics.RecordRequest(reply_.code, end - start);
    file_.reset();
    if (!sent) break;
    if (!reply_.keep_alive) {
      co_await Linger();
      break;
    }
    Consume(parsed_);
    idle_since_ = end;
    SetDeadline(end + core_->options.idle_timeout);
  }
  Close();
  set_->sessions.erase(this);
}

asio::awaitable<Session::ReadStatus> Session::ReadHead() {
  const std::size_t limit = core_->options.max_header_bytes;
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(limit));
  // Bytes at begin_ the parser has consumed: it takes a complete start line even when the
  // fields are still on their way, and must then be given only what follows.
  std::size_t fed = 0;
  for (;;) {
    if (end_ > begin_ + fed) {
      beast::error_code ec;
      fed +=
          parser_->put(asio::const_buffer(buffer_.get() + begin_ + fed, end_ - begin_ - fed), ec);
      parsed_ = fed;
      // Beast bounds each call's input, not the header: bound the whole of it here, also when
      // the piece that completes it is small.
      if (!ec && parser_->is_header_done()) {
        co_return fed > limit ? ReadStatus::kTooLarge : ReadStatus::kRequest;
      }
      if (ec == beast::http::error::header_limit) co_return ReadStatus::kTooLarge;
      if (ec && ec != beast::http::error::need_more) co_return ReadStatus::kMalformed;
      if (end_ - begin_ >= limit) co_return ReadStatus::kTooLarge;
    }
    if (end_ == capacity_) {
      if (begin_ == 0) co_return ReadStatus::kTooLarge;
      std::memmove(buffer_.get(), buffer_.get() + begin_, end_ - begin_);
      end_ -= begin_;
      begin_ = 0;
      if (fed > 0) {  // the parser keeps views of the bytes that just moved: parse them again
        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(limit));
        fed = 0;
      }
    }
    beast::error_code ec;
    SetIdle(end_ == begin_);
    const std::size_t n =
        co_await socket_.async_read_some(asio::buffer(buffer_.get() + end_, capacity_ - end_),
                                         asio::redirect_error(asio::use_awaitable, ec));
    SetIdle(false);
    if (ec) co_return ReadStatus::kClosed;
    end_ += n;
  }
}

void Session::Consume(std::size_t n) {
  begin_ += n;
  if (begin_ == end_) begin_ = end_ = 0;
}

void Session::Prepare(ReadStatus status, Clock::time_point now) {
  if (status == ReadStatus::kRequest) {
    reply_ = Handle(now);
    return;
  }
  Reply reply;
  reply.keep_alive = false;
  reply_ = status == ReadStatus::kTooLarge ? Simple(reply, 431, "request header too large\n")
                                           : Simple(reply, 400, "malformed request\n");
}

Session::Reply Session::Handle(Clock::time_point now) {
  const RequestHead& h = parser_->head();
  Reply reply;
  // A request body is never read, so the connection cannot carry another request after it.
  reply.keep_alive = parser_->keep_alive() && parser_->is_done();
  reply.head_only = h.method == beast::http::verb::head;
  if (h.version >= 11 && !h.has_host) {
    reply.keep_alive = false;  // RFC 9112 §3.2: a client that omits Host gets 400; stop there
    return Simple(reply, 400, "missing Host header\n");
  }
  const Route route = ResolveTarget(h.target, path_);
  if (route.kind == RouteKind::kNotFound) return Simple(reply, 404, "not found\n");
  if (route.kind == RouteKind::kBadRequest)
    return Simple(reply, 400, "malformed percent-encoding\n");
  if (h.method != beast::http::verb::get && h.method != beast::http::verb::head) {
    return Simple(reply, 405, "method not allowed\n", "text/plain; charset=utf-8",
                  "Allow: GET, HEAD\r\n");
  }
  switch (route.kind) {
    case RouteKind::kLivez:
      return Simple(reply, 200, "ok\n");
    case RouteKind::kReadyz:
      return core_->ready() ? Simple(reply, 200, "ready\n") : Simple(reply, 503, "not ready\n");
    case RouteKind::kMetrics:
      body_ = core_->metrics.registry().Render();
      return Simple(reply, 200, body_, metrics::kTextFormatContentType);
    default:
      return ServeFile(reply, route.relative_path, now);
  }
}

Session::Reply Session::ServeFile(Reply reply, std::string_view relative_path,
                                  Clock::time_point now) {
  LookupResult found = core_->cache.Lookup(relative_path, now);
  if (found.status == LookupStatus::kNotFound) return Simple(reply, 404, "not found\n");
  if (found.status == LookupStatus::kError) return Simple(reply, 500, "cannot read the file\n");
  file_ = std::move(found.file);
  const RequestHead& h = parser_->head();
  const bool gzip = file_->has_gzip && AcceptsGzip(h.accept_encoding);
  const Representation& rep = gzip ? file_->gzip_body : file_->identity_body;
  reply.code = NotModified(h, *file_, rep) ? 304 : 200;
  head_.clear();
  head_ += StatusLine(reply.code);
  AppendDateLine(head_);
  head_ += reply.code == 304 ? rep.headers_304 : rep.headers_200;
  AppendConnection(reply);
  head_ += "\r\n";
  if (reply.code == 200) {
    if (rep.fd >= 0) {
      reply.fd = rep.fd;
      reply.fd_size = rep.size;
    } else {
      reply.body = rep.bytes;
    }
  }
  return reply;
}

Session::Reply Session::Simple(Reply reply, int code, std::string_view body,
                               std::string_view content_type, std::string_view extra_headers) {
  reply.code = code;
  reply.body = body;
  head_.clear();
  head_ += StatusLine(code);
  AppendDateLine(head_);
  head_ += "Content-Type: ";
  head_ += content_type;
  head_ += "\r\n";
  AppendContentLength(head_, body.size());
  head_ += "Cache-Control: no-store\r\n";
  head_ += extra_headers;
  AppendConnection(reply);
  head_ += "\r\n";
  return reply;
}

void Session::AppendConnection(const Reply& reply) {
  if (!reply.keep_alive) {
    head_ += "Connection: close\r\n";
  } else if (parser_ && parser_->head().version < 11) {
    head_ += "Connection: keep-alive\r\n";
  }
}

}  // namespace synd::http

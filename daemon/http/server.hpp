// The HTTP/1.1 server of the daemon shell (Boost.Beast parser, Asio sockets): serves the files the
// feed writer put in the output folder — /feeds/<name>.rss|.atom|.json, /articles/<suffix>.html,
// / (index.html) — plus /livez, /readyz and /metrics. It never renders or writes a file.
//
// Threads: with `threads == 0` everything runs on the io_context given to the constructor (the
// app's one thread, STYLE.md). With `threads >= 1` the server owns that many threads, each running
// its own io_context with its share of the connections; this is a documented cross-thread path:
// the threads share only the file cache (mutex-guarded map of immutable snapshots), the metrics
// (atomics), the readiness callback and an atomic connection count.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "feeds/model/status.hpp"

namespace boost::asio {
class io_context;
}

namespace synd::metrics {
class Registry;
}

namespace synd::http {

// One per CPU (std::thread::hardware_concurrency(), at least 1).
unsigned DefaultServerThreads();

struct ServerOptions {
  // "host:port" or "[v6]:port"; host an IP literal or a name (resolved once, at Start). Port 0
  // asks the OS for a free port; port() reports it.
  std::string listen = "127.0.0.1:8080";
  std::filesystem::path output_dir;  // what is served; may not exist yet (then 404s)
  // Absolute, ending in '/': feeds carry Link: <base_url>feeds/<name>.<ext>; rel="self".
  std::string base_url = "http://127.0.0.1:8080/";
  // 0: serve on the constructor's io_context. N: on N threads of its own, each with its share of
  // the connections. The default, one per CPU like nginx's `worker_processes auto`, is what
  // bench/serve needs to match nginx (one thread reaches about 0.85x of it on 2 CPUs), and it
  // keeps polls answered while the app's thread ingests and renders.
  unsigned threads = DefaultServerThreads();

  // At this many open connections, a new one takes the place of the connection that has waited
  // longest for a request with none of it received (its first, or the next on keep-alive); when
  // none waits so, the new one is answered "503 Service Unavailable" (Retry-After: 1,
  // Connection: close) without reading its request, and closed.
  std::size_t max_connections = 1024;
  // Request line plus header fields; a bigger header gets 431 and the connection is closed.
  std::uint32_t max_header_bytes = 8192;
  // From accept, or from the end of the previous response, until a complete request header: an
  // idle keep-alive connection, or one sending its header too slowly, is closed after this.
  std::chrono::milliseconds idle_timeout{15'000};
  // For writing one whole response; a client that does not read is disconnected after this.
  std::chrono::milliseconds write_timeout{30'000};

  // Cache: a file is served from memory and re-checked (one lstat) at most this often; the feed
  // writer calls Invalidate() to make a change visible at once.
  std::chrono::milliseconds revalidate_interval{1'000};
  std::chrono::seconds cache_max_age{60};  // Cache-Control: public, max-age=N (0: no-cache)
  std::size_t max_cached_bytes = 256u << 20;
  std::size_t max_file_bytes = 64u << 20;      // bigger files answer 500
  std::size_t sendfile_threshold = 64u << 10;  // bodies this big are sent with sendfile()
};

class Server {
 public:
  // `registry` must outlive the server and every handler still queued on `io` for it. `ready`
  // answers /readyz (true: 200, false: 503); with threads >= 1 it is called on the server's
  // threads, so it must be thread-safe (e.g. read an std::atomic<bool>). Nothing starts here.
  Server(boost::asio::io_context& io, ServerOptions options, metrics::Registry& registry,
         std::function<bool()> ready);
  ~Server();  // Stop()s
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Resolves, binds and listens, then accepts on the io_context (threads == 0) or on its own
  // threads. Errors (kConfig for a malformed `listen`, kIo for resolve/bind/listen) name the
  // address. Call once. Sets SIGPIPE to SIG_IGN for the process unless the application has
  // installed a handler (sendfile() cannot suppress it per call).
  Status Start();

  // The bound port (useful with port 0). REQUIRES: Start() succeeded.
  std::uint16_t port() const;

  // Stops accepting and closes every connection (in-flight responses are cut); with own threads,
  // joins them. With threads == 0, call it on the io_context's thread (or while it is not
  // running); the closed connections finish unwinding on that io_context. Idempotent.
  void Stop();

  // For the feed writer, after it replaced a file in the output folder: the next request for it
  // (or for any file) re-checks the file, so the new bytes are served at once. Thread-safe.
  // `relative_path` as under the output folder: "all.rss", "articles/x.html", "index.html".
  void Invalidate(std::string_view relative_path);
  void InvalidateAll();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace synd::http

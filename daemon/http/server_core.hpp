// State every connection of the HTTP server shares (daemon shell, internal to daemon/http/): the
// options, the file cache, the readiness callback, the metrics handles and the connection count.
// Immutable after Start() apart from the thread-safe parts named below; holds no sockets.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>

#include "daemon/http/file_cache.hpp"
#include "daemon/http/server.hpp"
#include "daemon/metrics/registry.hpp"

namespace synd::http {

// The server's metrics, resolved once so recording a request is a few atomic adds.
class HttpMetrics {
 public:
  explicit HttpMetrics(metrics::Registry& registry);

  // REQUIRES: a code StatusLine() knows.
  void RecordRequest(int code, std::chrono::steady_clock::duration elapsed);
  void ConnectionOpened() { open_connections_.Add(1); }
  void ConnectionClosed() { open_connections_.Add(-1); }
  void IdleChanged(bool idle) { idle_connections_.Add(idle ? 1 : -1); }
  void ConnectionRejected() { rejected_.Increment(); }
  void IdleConnectionReplaced() { replaced_.Increment(); }
  void DeadlineExpired() { timeouts_.Increment(); }
  void AcceptFailed() { accept_errors_.Increment(); }

  metrics::Registry& registry() const { return registry_; }

 private:
  static constexpr std::array<int, 8> kCodes = {200, 304, 400, 404, 405, 431, 500, 503};

  metrics::Registry& registry_;
  std::array<metrics::Counter*, kCodes.size()> requests_{};
  metrics::Histogram& duration_;
  metrics::Gauge& open_connections_;
  metrics::Gauge& idle_connections_;
  metrics::Counter& rejected_;
  metrics::Counter& replaced_;
  metrics::Counter& timeouts_;
  metrics::Counter& accept_errors_;
};

struct ServerCore {
  ServerCore(ServerOptions options, metrics::Registry& registry, std::function<bool()> ready);

  const ServerOptions options;
  FileCache cache;                          // thread-safe
  const std::function<bool()> ready;        // thread-safe by contract (see Server)
  HttpMetrics metrics;                      // thread-safe
  std::atomic<std::size_t> connections{0};  // open sessions
  std::atomic<bool> stopping{false};        // set by Stop(); late sessions close themselves
};

}  // namespace synd::http

#include "daemon/http/server_core.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cassert>
#include <string>

namespace synd::http {

HttpMetrics::HttpMetrics(metrics::Registry& registry)
    : registry_(registry),
      duration_(registry.GetHistogram("syndicated_http_request_duration_seconds",
                                      "Time from a complete request header to the response written",
                                      metrics::DefaultLatencyBuckets())),
      open_connections_(registry.GetGauge("syndicated_http_connections", "Open HTTP connections")),
      idle_connections_(registry.GetGauge(
          "syndicated_http_idle_connections",
          "Open HTTP connections waiting for a request with none of it received")),
      rejected_(registry.GetCounter(
          "syndicated_http_connections_rejected_total",
          "Connections answered 503 and closed because max_connections were open, none idle")),
      replaced_(registry.GetCounter(
          "syndicated_http_idle_connections_replaced_total",
          "Idle connections closed to make room for a new one at max_connections")),
      timeouts_(registry.GetCounter("syndicated_http_deadline_closes_total",
                                    "Connections closed because a read or write deadline passed")),
      accept_errors_(registry.GetCounter("syndicated_http_accept_errors_total",
                                         "Failed accept() calls on the listening socket")) {
  for (std::size_t i = 0; i < kCodes.size(); ++i) {
    requests_[i] = &registry.GetCounter("syndicated_http_requests_total",
                                        "HTTP responses sent, by status code",
                                        {{"code", std::to_string(kCodes[i])}});
  }
}

void HttpMetrics::RecordRequest(int code, std::chrono::steady_clock::duration elapsed) {
  const auto it = std::find(kCodes.begin(), kCodes.end(), code);
  assert(it != kCodes.end());
  if (it != kCodes.end()) requests_[static_cast<std::size_t>(it - kCodes.begin())]->Increment();
  duration_.Observe(std::chrono::duration<double>(elapsed).count());
}

namespace {

FileCacheOptions CacheOptionsOf(const ServerOptions& o) {
  FileCacheOptions c;
  c.root = o.output_dir;
  c.load.base_url = o.base_url;
  c.load.max_age = o.cache_max_age;
  c.load.max_file_bytes = o.max_file_bytes;
  c.load.sendfile_threshold = o.sendfile_threshold;
  c.revalidate_interval = o.revalidate_interval;
  c.max_bytes = o.max_cached_bytes;
  return c;
}

}  // namespace

ServerCore::ServerCore(ServerOptions options_in, metrics::Registry& registry,
                       std::function<bool()> ready_in)
    : options(std::move(options_in)),
      cache(CacheOptionsOf(options)),
      ready(ready_in ? std::move(ready_in) : [] { return false; }),
      metrics(registry) {
  // At most once per file per revalidate interval: the cache remembers the failure that long.
  cache.set_on_error(
      [](const Status& error) { spdlog::warn("http: cannot serve {}", error.message()); });
}

}  // namespace synd::http

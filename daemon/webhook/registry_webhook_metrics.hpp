// WebhookMetrics on the daemon's Prometheus registry (issue [5/6]):
//   syndicated_webhook_deliveries_total{webhook,outcome}   attempts by outcome: delivered, retry,
//                                                          failed (schedule used up), gone (410)
//   syndicated_webhook_attempt_duration_seconds{webhook}   HTTP exchange duration
//   syndicated_webhook_queue_depth{webhook}                pending deliveries
//   syndicated_webhook_disabled{webhook}                   1 while disabled by a 410
// Series are looked up once per webhook and outcome and kept; io_context thread only.
#pragma once

#include <map>
#include <string>

#include "daemon/metrics/registry.hpp"
#include "daemon/webhook/webhook_metrics.hpp"

namespace synd {

class RegistryWebhookMetrics final : public WebhookMetrics {
 public:
  // `registry` must outlive this object.
  explicit RegistryWebhookMetrics(metrics::Registry& registry) : registry_(registry) {}

  void AttemptFinished(std::string_view webhook, std::string_view outcome,
                       std::chrono::microseconds latency) override;
  void QueueDepth(std::string_view webhook, int64_t pending) override;
  void Disabled(std::string_view webhook, bool disabled) override;

 private:
  struct Series {
    std::map<std::string, metrics::Counter*, std::less<>> outcomes;
    metrics::Histogram* latency = nullptr;
    metrics::Gauge* depth = nullptr;
    metrics::Gauge* disabled = nullptr;
  };
  Series& For(std::string_view webhook);

  metrics::Registry& registry_;
  std::map<std::string, Series, std::less<>> series_;
};

}  // namespace synd

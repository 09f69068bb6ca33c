#include "daemon/webhook/registry_webhook_metrics.hpp"

namespace synd {

RegistryWebhookMetrics::Series& RegistryWebhookMetrics::For(std::string_view webhook) {
  auto it = series_.find(webhook);
  if (it != series_.end()) return it->second;
  const metrics::Labels labels = {{"webhook", std::string(webhook)}};
  Series series;
  series.latency = &registry_.GetHistogram("syndicated_webhook_attempt_duration_seconds",
                                           "Duration of webhook delivery attempts (HTTP exchange)",
                                           metrics::DefaultLatencyBuckets(), labels);
  series.depth =
      &registry_.GetGauge("syndicated_webhook_queue_depth",
                          "Pending webhook deliveries, as last read from the store", labels);
  series.disabled = &registry_.GetGauge(
      "syndicated_webhook_disabled", "1 while the webhook is disabled by a 410 response", labels);
  return series_.emplace(std::string(webhook), std::move(series)).first->second;
}

void RegistryWebhookMetrics::AttemptFinished(std::string_view webhook, std::string_view outcome,
                                             std::chrono::microseconds latency) {
  Series& series = For(webhook);
  auto it = series.outcomes.find(outcome);
  if (it == series.outcomes.end()) {
    metrics::Counter* counter = &registry_.GetCounter(
        "syndicated_webhook_deliveries_total",
        "Webhook delivery attempts by outcome: delivered, retry, failed (schedule used up), "
        "gone (410)",
        {{"webhook", std::string(webhook)}, {"outcome", std::string(outcome)}});
    it = series.outcomes.emplace(std::string(outcome), counter).first;
  }
  it->second->Increment();
  series.latency->Observe(std::chrono::duration<double>(latency).count());
}

void RegistryWebhookMetrics::QueueDepth(std::string_view webhook, int64_t pending) {
  For(webhook).depth->Set(static_cast<double>(pending));
}

void RegistryWebhookMetrics::Disabled(std::string_view webhook, bool disabled) {
  For(webhook).disabled->Set(disabled ? 1.0 : 0.0);
}

}  // namespace synd

// What the webhook dispatcher reports for /metrics (issue [5/6]): attempts by webhook and outcome
// with their latency, queue depth per webhook, and which webhooks are disabled. An interface so
// the dispatcher does not depend on the metrics registry; calls come on the io_context thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>

namespace synd {

class WebhookMetrics {
 public:
  virtual ~WebhookMetrics() = default;

  // One finished attempt. `outcome`: "delivered", "retry", "failed" (schedule used up) or
  // "gone" (410). `latency` is the HTTP exchange's duration as curl measured it.
  virtual void AttemptFinished(std::string_view webhook, std::string_view outcome,
                               std::chrono::microseconds latency) = 0;

  // Pending deliveries of `webhook`, as last read from the store.
  virtual void QueueDepth(std::string_view webhook, int64_t pending) = 0;

  virtual void Disabled(std::string_view webhook, bool disabled) = 0;
};

}  // namespace synd

// The webhook part of `syndicated once` (issue [5/6]): declare the configured webhooks before
// ingest, then make one attempt for each due delivery after it. Blocking; runs its own
// io_context on the calling thread.
#pragma once

#include <vector>

#include "config/config.hpp"
#include "daemon/webhook/dispatcher.hpp"

namespace synd {

// Call before the first commit of the run, so that a webhook new to this store receives the
// events committed by this run (and none from before). Errors name the webhook or the store.
Status DeclareWebhooks(DeliveryQueue& queue, const std::vector<WebhookConfig>& webhooks);

// Makes one attempt for each delivery due now and records the outcomes; what fails stays queued
// for the daemon. Returns when every attempt has finished (each is bounded by its webhook's
// timeout). `metrics` may be null.
Result<OnceReport> DeliverDueOnce(DeliveryQueue& queue, const std::vector<WebhookConfig>& webhooks,
                                  WebhookMetrics* metrics = nullptr);

}  // namespace synd

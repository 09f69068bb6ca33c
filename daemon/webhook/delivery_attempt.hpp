// One webhook delivery attempt, before and after the network (issue [5/6]): the validated
// per-webhook settings, the signed POST built for a due delivery, and the stored record made from
// its outcome (delivered, retry at a time, failed for good, or webhook gone). No I/O, no clock:
// the dispatcher passes the time and the jitter in.
#pragma once

#include <string>
#include <vector>

#include "config/config.hpp"
#include "daemon/webhook/http_client.hpp"
#include "feeds/webhook/delivery_queue.hpp"
#include "feeds/webhook/event_filter.hpp"
#include "feeds/webhook/retry_policy.hpp"
#include "feeds/webhook/signature.hpp"

namespace synd {

// A webhook's configuration with its secrets decoded and its URL checked.
struct WebhookTarget {
  WebhookConfig config;
  WebhookSigner signer;
  WebhookRoute route;
  std::vector<RetryDelay> schedule;
};

// Checks the URL (http/https), the secrets ("whsec_" + base64), max_in_flight ≥ 1 and a positive
// timeout. Errors name the webhook and the problem, never a secret.
Result<WebhookTarget> MakeWebhookTarget(const WebhookConfig& config);

// MakeWebhookTarget for each, plus unique names.
Result<std::vector<WebhookTarget>> MakeWebhookTargets(const std::vector<WebhookConfig>& configs);

// The Standard Webhooks request for `delivery` at Unix time `timestamp`: webhook-id,
// webhook-timestamp, webhook-signature, and the body exactly as the store fixed it at commit.
HttpPost BuildWebhookPost(const WebhookTarget& target, const DueDelivery& delivery,
                          int64_t timestamp);

struct AttemptJudgement {
  AttemptRecord record;
  AttemptVerdict verdict = AttemptVerdict::kRetry;
  bool final = false;   // delivered, or failed with the schedule used up
  std::string summary;  // "HTTP 200", "HTTP 302 (redirects are not followed)", curl's reason...
};

// What the outcome of attempt number delivery.attempts + 1 means. `jitter` in [-1, 1].
// 410 keeps the delivery pending and due at `now` (it goes out when the webhook is enabled again).
AttemptJudgement JudgeAttempt(const WebhookTarget& target, const DueDelivery& delivery,
                              const HttpOutcome& outcome, DeliveryTime now, double jitter);

}  // namespace synd

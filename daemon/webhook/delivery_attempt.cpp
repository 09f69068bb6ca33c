#include "daemon/webhook/delivery_attempt.hpp"

#include <set>

#include "feeds/webhook/address_policy.hpp"

namespace synd {

Result<WebhookTarget> MakeWebhookTarget(const WebhookConfig& config) {
  const std::string where = "webhook " + config.name;
  Status url = CheckWebhookUrl(config.url);
  if (!url.ok()) return url.WithPrefix(where);
  Result<WebhookSigner> signer = WebhookSigner::Create(config.secrets);
  if (!signer.ok()) return signer.status().WithPrefix(where);
  if (config.max_in_flight < 1)
    return Status::Invalid(where + ": max_in_flight must be at least 1");
  if (config.timeout <= Duration::zero())
    return Status::Invalid(where + ": timeout must be positive");
  WebhookTarget target{
      config, std::move(signer).value(), {config.name, config.events, config.feeds}, {}};
  target.schedule.assign(config.retry_schedule.begin(), config.retry_schedule.end());
  return target;
}

Result<std::vector<WebhookTarget>> MakeWebhookTargets(const std::vector<WebhookConfig>& configs) {
  std::vector<WebhookTarget> targets;
  std::set<std::string, std::less<>> names;
  for (const WebhookConfig& config : configs) {
    if (!names.insert(config.name).second) {
      return Status::Invalid("webhook " + config.name + " is configured twice");
    }
    Result<WebhookTarget> target = MakeWebhookTarget(config);
    if (!target.ok()) return target.status();
    targets.push_back(std::move(target).value());
  }
  return targets;
}

HttpPost BuildWebhookPost(const WebhookTarget& target, const DueDelivery& delivery,
                          int64_t timestamp) {
  HttpPost post;
  post.url = target.config.url;
  post.body = delivery.payload;  // fixed at commit, already cut to 256 KiB (event_payload.hpp)
  post.timeout = target.config.timeout;
  post.allow_private = target.config.allow_private;
  post.headers = {
      "webhook-id: " + delivery.event_id,
      "webhook-timestamp: " + std::to_string(timestamp),
      "webhook-signature: " + target.signer.Sign(delivery.event_id, timestamp, post.body),
  };
  return post;
}

namespace {

std::string Summarize(const HttpOutcome& outcome) {
  if (outcome.status == 0) return outcome.error.empty() ? "no response" : outcome.error;
  std::string summary = "HTTP " + std::to_string(outcome.status);
  if (outcome.status >= 300 && outcome.status <= 399) summary += " (redirects are not followed)";
  return summary;
}

}  // namespace

AttemptJudgement JudgeAttempt(const WebhookTarget& target, const DueDelivery& delivery,
                              const HttpOutcome& outcome, DeliveryTime now, double jitter) {
  AttemptJudgement j;
  j.verdict = ClassifyAttempt(outcome.status);
  j.summary = Summarize(outcome);
  AttemptRecord& r = j.record;
  r.delivery_id = delivery.id;
  r.attempts = delivery.attempts + 1;
  r.due_at = delivery.due_at;
  r.attempted_at = now;
  r.next_attempt = now;
  r.http_status = outcome.status;
  switch (j.verdict) {
    case AttemptVerdict::kDelivered:
      r.state = DeliveryState::kDelivered;
      j.final = true;
      return j;
    case AttemptVerdict::kGone:
      r.state = DeliveryState::kPending;
      r.error = j.summary;
      return j;
    case AttemptVerdict::kRetry:
      break;
  }
  r.error = j.summary;
  std::optional<RetryDelay> retry_after;
  if (HonoursRetryAfter(outcome.status) && !outcome.retry_after.empty()) {
    retry_after =
        ParseRetryAfter(outcome.retry_after, std::chrono::floor<std::chrono::seconds>(now));
  }
  const std::optional<RetryDelay> delay =
      NextRetryDelay(target.schedule, r.attempts, jitter, retry_after);
  if (delay) {
    r.state = DeliveryState::kPending;
    r.next_attempt = now + *delay;
  } else {
    r.state = DeliveryState::kFailed;
    j.final = true;
  }
  return j;
}

}  // namespace synd

#include "feeds/webhook/retry_policy.hpp"

#include <algorithm>
#include <cmath>

namespace synd {
namespace {

constexpr double kJitterSpread = 0.2;
// Bounds a receiver's Retry-After seconds before converting, so no arithmetic can overflow.
constexpr long long kMaxRetryAfterSeconds = 366LL * 24 * 3600;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

AttemptVerdict ClassifyAttempt(int http_status) {
  if (http_status >= 200 && http_status <= 299) return AttemptVerdict::kDelivered;
  if (http_status == 410) return AttemptVerdict::kGone;
  return AttemptVerdict::kRetry;
}

bool HonoursRetryAfter(int http_status) { return http_status == 429 || http_status == 503; }

std::optional<RetryDelay> NextRetryDelay(const std::vector<RetryDelay>& schedule, int attempts_made,
                                         double jitter, std::optional<RetryDelay> retry_after) {
  assert(attempts_made >= 1);
  const auto index = static_cast<std::size_t>(attempts_made - 1);
  if (index >= schedule.size()) return std::nullopt;
  const double factor = 1.0 + kJitterSpread * std::clamp(jitter, -1.0, 1.0);
  const RetryDelay delay(static_cast<RetryDelay::rep>(
      std::llround(static_cast<double>(schedule[index].count()) * factor)));
  if (!retry_after) return delay;
  return std::clamp(*retry_after, delay, 2 * delay);
}

std::optional<RetryDelay> ParseRetryAfter(std::string_view value, TimePoint now) {
  value = Trim(value);
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    long long seconds = 0;
    for (char c : value) {
      seconds = std::min(kMaxRetryAfterSeconds, seconds * 10 + (c - '0'));
    }
    return std::chrono::seconds(seconds);
  }
  Result<TimePoint> date = ParseHttpDate(value);
  if (!date.ok()) return std::nullopt;
  if (*date <= now) return RetryDelay::zero();
  return std::chrono::duration_cast<RetryDelay>(
      std::min<std::chrono::seconds>(*date - now, std::chrono::seconds(kMaxRetryAfterSeconds)));
}

}  // namespace synd

// What a webhook attempt's result means and when the next attempt is due (issue [5/6]): 2xx
// delivers, 410 disables the webhook, everything else retries on the schedule, 429/503 honour
// Retry-After within [delay, 2 × delay]. Pure: time and randomness enter as values.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

#include "feeds/model/time.hpp"

namespace synd {

using RetryDelay = std::chrono::milliseconds;

enum class AttemptVerdict {
  kDelivered,  // 2xx
  kGone,       // 410: the receiver asks us to stop; the webhook is disabled
  kRetry,      // any other status, a redirect, a timeout, a refused or failed connection
};

// `http_status` 0 means no response was received.
AttemptVerdict ClassifyAttempt(int http_status);

// Whether the status lets the receiver set the delay with Retry-After (429, 503).
bool HonoursRetryAfter(int http_status);

// Delay before the next attempt after `attempts_made` attempts (the first, immediate attempt
// counts), or nullopt when the schedule is used up and the delivery fails for good.
// `jitter` in [-1, 1] scales the ±20% spread; `retry_after`, when set, is held between the
// jittered delay and twice it.
std::optional<RetryDelay> NextRetryDelay(const std::vector<RetryDelay>& schedule, int attempts_made,
                                         double jitter, std::optional<RetryDelay> retry_after);

// A Retry-After value: delay-seconds ("120") or an HTTP date, relative to `now`. A date in the
// past gives zero. nullopt when the value is neither.
std::optional<RetryDelay> ParseRetryAfter(std::string_view value, TimePoint now);

}  // namespace synd

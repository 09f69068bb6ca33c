// The webhook body size limit (issue [5/6]): a body over 256 KiB is sent with its article text
// cut to fit and `"truncated": true` in `data`. Pure and deterministic, so every retry and replay
// of an event sends the same bytes.
#pragma once

#include <cstddef>
#include <string>

namespace synd {

constexpr std::size_t kMaxWebhookBody = 256 * 1024;

// Returns `body` unchanged when it is at most `limit` bytes. Otherwise cuts `data.content_text`,
// then `data.summary`, then `data.title` (each at a UTF-8 character boundary) until the
// serialization fits, and sets `data.truncated` to true. A body that is not a JSON object with a
// `data` object, or that cannot be made to fit that way, is returned unchanged.
std::string FitWebhookBody(std::string body, std::size_t limit = kMaxWebhookBody);

}  // namespace synd

// Standard Webhooks v1 signing (DESIGN.md §6): the `webhook-signature` header value for a message
// id, a Unix timestamp and a body, keyed by each "whsec_<base64>" secret. Pure: no I/O, no clock;
// secrets never appear in an error message.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/model/status.hpp"

namespace synd {

// Standard base64 (RFC 4648 §4) with padding.
std::string Base64Encode(std::string_view bytes);

// Inverse of Base64Encode; rejects missing padding and characters outside the alphabet.
Result<std::string> Base64Decode(std::string_view text);

// Holds the decoded keys of one webhook's secrets. Cheap to copy; thread-compatible.
class WebhookSigner {
 public:
  // Every entry must be "whsec_" followed by non-empty base64. Errors name the entry's position
  // (1-based), never its value. An empty list is an error: an unsigned webhook is a config bug.
  static Result<WebhookSigner> Create(const std::vector<std::string>& secrets);

  // "v1,<base64 HMAC-SHA256 of id.timestamp.body>" for each key, in the order of the secrets,
  // separated by single spaces.
  std::string Sign(std::string_view message_id, int64_t timestamp, std::string_view body) const;

 private:
  explicit WebhookSigner(std::vector<std::string> keys) : keys_(std::move(keys)) {}

  std::vector<std::string> keys_;
};

// One signature: base64 HMAC-SHA256 of "id.timestamp.body" keyed by `key` (raw bytes).
std::string HmacSha256Base64(std::string_view key, std::string_view message_id, int64_t timestamp,
                             std::string_view body);

}  // namespace synd

#include "feeds/webhook/signature.hpp"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <array>
#include <memory>

namespace synd {
namespace {

constexpr std::string_view kSecretPrefix = "whsec_";

// Fetching an algorithm walks OpenSSL's provider tables; do it once per process. The pointer is
// kept for the process lifetime on purpose.
EVP_MAC* HmacAlgorithm() {
  static EVP_MAC* const mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  return mac;
}

struct MacCtxFree {
  void operator()(EVP_MAC_CTX* ctx) const { EVP_MAC_CTX_free(ctx); }
};

}  // namespace

std::string Base64Encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()),
                                static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

Result<std::string> Base64Decode(std::string_view text) {
  if (text.size() % 4 != 0) {
    return Status::Invalid("base64 text of length " + std::to_string(text.size()) +
                           " is not a multiple of 4");
  }
  std::string out(text.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(text.data()),
                                static_cast<int>(text.size()));
  if (n < 0) return Status::Invalid("base64 text holds a character outside the alphabet");
  // EVP_DecodeBlock counts the padding as decoded zero bytes.
  std::size_t padding = 0;
  for (std::size_t i = text.size(); i > 0 && text[i - 1] == '=' && padding < 2; --i) ++padding;
  out.resize(static_cast<std::size_t>(n) - padding);
  return out;
}

Result<WebhookSigner> WebhookSigner::Create(const std::vector<std::string>& secrets) {
  if (secrets.empty()) return Status::Invalid("webhook has no secret");
  std::vector<std::string> keys;
  keys.reserve(secrets.size());
  for (std::size_t i = 0; i < secrets.size(); ++i) {
    const std::string position = "secret #" + std::to_string(i + 1);
    std::string_view s = secrets[i];
    if (s.substr(0, kSecretPrefix.size()) != kSecretPrefix) {
      return Status::Invalid(position + " does not start with \"whsec_\"");
    }
    s.remove_prefix(kSecretPrefix.size());
    Result<std::string> key = Base64Decode(s);
    if (!key.ok()) return Status::Invalid(position + ": " + key.status().message());
    if (key->empty()) return Status::Invalid(position + " is empty after \"whsec_\"");
    keys.push_back(std::move(key).value());
  }
  return WebhookSigner(std::move(keys));
}

std::string WebhookSigner::Sign(std::string_view message_id, int64_t timestamp,
                                std::string_view body) const {
  std::string header;
  for (const std::string& key : keys_) {
    if (!header.empty()) header += ' ';
    header += "v1,";
    header += HmacSha256Base64(key, message_id, timestamp, body);
  }
  return header;
}

std::string HmacSha256Base64(std::string_view key, std::string_view message_id, int64_t timestamp,
                             std::string_view body) {
  std::unique_ptr<EVP_MAC_CTX, MacCtxFree> ctx(EVP_MAC_CTX_new(HmacAlgorithm()));
  char digest_name[] = "SHA256";
  const std::array<OSSL_PARAM, 2> params = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
      OSSL_PARAM_construct_end()};
  // Allocation failures inside OpenSSL are not input errors; they are bugs or an exhausted heap.
  [[maybe_unused]] const int init_ok = EVP_MAC_init(
      ctx.get(), reinterpret_cast<const unsigned char*>(key.data()), key.size(), params.data());
  assert(init_ok == 1);
  const std::string ts = std::to_string(timestamp);
  const auto update = [&](std::string_view part) {
    EVP_MAC_update(ctx.get(), reinterpret_cast<const unsigned char*>(part.data()), part.size());
  };
  update(message_id);
  update(".");
  update(ts);
  update(".");
  update(body);
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  std::size_t mac_len = 0;
  EVP_MAC_final(ctx.get(), mac.data(), &mac_len, mac.size());
  return Base64Encode(std::string_view(reinterpret_cast<const char*>(mac.data()), mac_len));
}

}  // namespace synd

#include "feeds/webhook/signature.hpp"

#include <gtest/gtest.h>

namespace synd {
namespace {

// The Standard Webhooks specification's published test vector.
constexpr const char* kSpecSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
constexpr const char* kSpecId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
constexpr int64_t kSpecTimestamp = 1614265330;
constexpr const char* kSpecBody = R"({"test": 2432232314})";
constexpr const char* kSpecSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

TEST(WebhookSigner, MatchesStandardWebhooksTestVector) {
  Result<WebhookSigner> signer = WebhookSigner::Create({kSpecSecret});
  ASSERT_TRUE(signer.ok()) << signer.status().message();
  EXPECT_EQ(signer->Sign(kSpecId, kSpecTimestamp, kSpecBody), kSpecSignature);
}

TEST(WebhookSigner, SignsWithEverySecretInOrderSpaceSeparated) {
  const std::string other = "whsec_" + Base64Encode("another key of some length");
  Result<WebhookSigner> signer = WebhookSigner::Create({other, kSpecSecret});
  ASSERT_TRUE(signer.ok()) << signer.status().message();
  const std::string header = signer->Sign(kSpecId, kSpecTimestamp, kSpecBody);
  const std::string first =
      "v1," + HmacSha256Base64("another key of some length", kSpecId, kSpecTimestamp, kSpecBody);
  EXPECT_EQ(header, first + " " + kSpecSignature);
}

TEST(WebhookSigner, ChangesWhenAnyPartChanges) {
  Result<WebhookSigner> signer = WebhookSigner::Create({kSpecSecret});
  ASSERT_TRUE(signer.ok());
  EXPECT_NE(signer->Sign("msg_other", kSpecTimestamp, kSpecBody), kSpecSignature);
  EXPECT_NE(signer->Sign(kSpecId, kSpecTimestamp + 1, kSpecBody), kSpecSignature);
  EXPECT_NE(signer->Sign(kSpecId, kSpecTimestamp, R"({"test": 2432232315})"), kSpecSignature);
}

TEST(WebhookSigner, RejectsMalformedSecretsWithoutQuotingThem) {
  struct Case {
    std::vector<std::string> secrets;
    const char* expected_in_message;
  };
  const Case cases[] = {
      {{}, "no secret"},
      {{"MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}, "secret #1 does not start with \"whsec_\""},
      {{kSpecSecret, "whsec_abc"}, "secret #2"},
      {{"whsec_!!!!"}, "secret #1"},
      {{"whsec_"}, "secret #1 is empty"},
  };
  for (const Case& c : cases) {
    Result<WebhookSigner> signer = WebhookSigner::Create(c.secrets);
    ASSERT_FALSE(signer.ok()) << c.expected_in_message;
    const std::string& message = signer.status().message();
    EXPECT_NE(message.find(c.expected_in_message), std::string::npos) << message;
    for (const std::string& secret : c.secrets) {
      if (secret.size() > 6) {
        EXPECT_EQ(message.find(secret.substr(6)), std::string::npos) << message;
      }
    }
  }
}

TEST(Base64, RoundTripsEveryPaddingLength) {
  for (const char* text : {"", "a", "ab", "abc", "abcd", "\xff\x10zz"}) {
    const std::string encoded = Base64Encode(text);
    Result<std::string> decoded = Base64Decode(encoded);
    ASSERT_TRUE(decoded.ok()) << text;
    EXPECT_EQ(*decoded, text) << encoded;
  }
  EXPECT_EQ(Base64Encode("ab"), "YWI=");
  EXPECT_FALSE(Base64Decode("YWI").ok());
}

}  // namespace
}  // namespace synd

#include "config/values.hpp"

#include <gtest/gtest.h>

#include <string>

namespace synd::config {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

TEST(ParseDuration, AcceptsEveryUnit) {
  const std::pair<const char*, Duration> cases[] = {
      {"0s", seconds(0)},        {"250ms", milliseconds(250)},
      {"15s", seconds(15)},      {"5m", minutes(5)},
      {"2h", hours(2)},          {"7d", hours(24 * 7)},
      {"365d", hours(24 * 365)}, {"007s", seconds(7)},
  };
  for (const auto& [text, expected] : cases) {
    Result<Duration> d = ParseDuration(text);
    ASSERT_TRUE(d.ok()) << text << ": " << d.status().message();
    EXPECT_EQ(*d, expected) << text;
  }
}

TEST(ParseDuration, RejectsBareNumbersUnknownUnitsAndJunkNamingTheProblem) {
  const std::pair<const char*, const char*> cases[] = {
      {"15", "has no unit"},
      {"0", "has no unit"},
      {"15x", "unknown unit \"x\""},
      {"15 s", "unknown unit \" s\""},
      {"15S", "unknown unit \"S\""},
      {"15sec", "unknown unit \"sec\""},
      {"1.5h", "has a fraction"},
      {"-5s", "is negative"},
      {"+5s", "is not a duration"},
      {"s", "is not a duration"},
      {"", "is not a duration"},
      {"366d", "too long"},
      {"99999999999999999999s", "too long"},
  };
  for (const auto& [text, problem] : cases) {
    Result<Duration> d = ParseDuration(text);
    ASSERT_FALSE(d.ok()) << text;
    EXPECT_NE(d.status().message().find(problem), std::string::npos)
        << text << ": " << d.status().message();
  }
}

TEST(ParseBaseUrl, NormalizesToTrailingSlashAndLowerCaseHost) {
  struct Case {
    const char* text;
    const char* url;
    const char* host;
    bool ip;
  };
  const Case cases[] = {
      {"http://127.0.0.1:8080/", "http://127.0.0.1:8080/", "127.0.0.1", true},
      {"http://127.0.0.1:8080", "http://127.0.0.1:8080/", "127.0.0.1", true},
      {"HTTPS://News.Example.ORG/feeds", "https://news.example.org/feeds/", "news.example.org",
       false},
      {"https://example.org/a/./b/../c/", "https://example.org/a/c/", "example.org", false},
      {"http://[::1]:8080/", "http://[::1]:8080/", "[::1]", true},
  };
  for (const Case& c : cases) {
    Result<BaseUrl> u = ParseBaseUrl(c.text);
    ASSERT_TRUE(u.ok()) << c.text << ": " << u.status().message();
    EXPECT_EQ(u->url, c.url) << c.text;
    EXPECT_EQ(u->host, c.host) << c.text;
    EXPECT_EQ(u->host_is_ip, c.ip) << c.text;
  }
}

TEST(ParseBaseUrl, RejectsWhatCannotPrefixLinks) {
  const std::pair<const char*, const char*> cases[] = {
      {"ftp://example.org/", "http or https"},      {"/feeds/", "not an absolute URL"},
      {"example.org", "not an absolute URL"},       {"http:///path", "no host"},
      {"http://user:pw@example.org/", "user name"}, {"http://example.org/?a=1", "query"},
      {"http://example.org/#top", "fragment"},      {"http://exa mple.org/", "not an absolute URL"},
  };
  for (const auto& [text, problem] : cases) {
    Result<BaseUrl> u = ParseBaseUrl(text);
    ASSERT_FALSE(u.ok()) << text;
    EXPECT_NE(u.status().message().find(problem), std::string::npos)
        << text << ": " << u.status().message();
  }
}

TEST(CheckWebhookUrl, AcceptsHttpAndHttpsOnlyAndNeverEchoesTheUrl) {
  EXPECT_TRUE(CheckWebhookUrl("https://hooks.example.org/x?token=abc").ok());
  EXPECT_TRUE(CheckWebhookUrl("http://127.0.0.1:9000/").ok());
  const char* bad[] = {"ftp://tokenhost/x", "mailto:token@example.org", "https:///token", "token"};
  for (const char* text : bad) {
    Status s = CheckWebhookUrl(text);
    ASSERT_FALSE(s.ok()) << text;
    EXPECT_EQ(s.message().find("token"), std::string::npos) << text << ": " << s.message();
  }
}

TEST(ParseTagAuthority, AcceptsDnsNamesAndEmailAddressesLowerCasingTheDomain) {
  const std::pair<const char*, const char*> cases[] = {
      {"news.example.org", "news.example.org"},
      {"News.Example.ORG", "news.example.org"},
      {"localhost", "localhost"},
      {"a-b.c9.example", "a-b.c9.example"},
      {"Desk_1.x@Example.org", "Desk_1.x@example.org"},
  };
  for (const auto& [text, expected] : cases) {
    Result<std::string> a = ParseTagAuthority(text);
    ASSERT_TRUE(a.ok()) << text << ": " << a.status().message();
    EXPECT_EQ(*a, expected) << text;
  }
}

TEST(ParseTagAuthority, RejectsIpAddressesAndMalformedNames) {
  const std::pair<const char*, const char*> cases[] = {
      {"127.0.0.1", "IP address"},
      {"::1", "IP address"},
      {"me@10.0.0.1", "IP address"},
      {"-bad.example", "not a domain name"},
      {"bad-.example", "not a domain name"},
      {"a..b", "not a domain name"},
      {"example.org.", "not a domain name"},
      {"under_score.org", "not a domain name"},
      {"example.123", "not a domain name"},
      {"@example.org", "e-mail"},
      {"a b@example.org", "e-mail"},
      {"", "not a domain name"},
      {"http://example.org", "not a domain name"},
  };
  for (const auto& [text, problem] : cases) {
    Result<std::string> a = ParseTagAuthority(text);
    ASSERT_FALSE(a.ok()) << text;
    EXPECT_NE(a.status().message().find(problem), std::string::npos)
        << text << ": " << a.status().message();
  }
  EXPECT_FALSE(ParseTagAuthority(std::string(64, 'a') + ".org").ok());
}

TEST(CheckListenAddress, AcceptsHostPortAndBracketedIpv6) {
  const char* good[] = {"127.0.0.1:8080", "0.0.0.0:0",   "localhost:65535", "[::1]:8080",
                        "[::]:80",        "[fe80::1]:1", "host.example:443"};
  for (const char* text : good) {
    EXPECT_TRUE(CheckListenAddress(text).ok())
        << text << ": " << CheckListenAddress(text).message();
  }
}

TEST(CheckListenAddress, RejectsMissingPortsBadPortsAndBareIpv6) {
  const std::pair<const char*, const char*> cases[] = {
      {"127.0.0.1", "no port"},
      {"127.0.0.1:", "port must be a number"},
      {"127.0.0.1:65536", "port must be a number"},
      {"127.0.0.1:-1", "port must be a number"},
      {"127.0.0.1:80x", "port must be a number"},
      {"127.0.0.1:99999999999", "port must be a number"},
      {":8080", "no host"},
      {"::1:8080", "needs brackets"},
      {"[::1]8080", "not [IPv6]:port"},
      {"[::1", "not [IPv6]:port"},
      {"[127.0.0.1]:80", "valid IPv6"},
      {"300.1.1.1:80", "neither"},
      {"bad_host:80", "neither"},
  };
  for (const auto& [text, problem] : cases) {
    Status s = CheckListenAddress(text);
    ASSERT_FALSE(s.ok()) << text;
    EXPECT_NE(s.message().find(problem), std::string::npos) << text << ": " << s.message();
  }
}

TEST(IsName, AllowsLowerCaseLettersDigitsAndDashOnly) {
  for (const char* good : {"all", "china", "a-b", "0", "news-2025"}) {
    EXPECT_TRUE(IsName(good)) << good;
  }
  for (const char* bad : {"", "All", "a_b", "a b", "a.b", "ü", "a/b"}) {
    EXPECT_FALSE(IsName(bad)) << bad;
  }
}

TEST(IsLanguageTag, AcceptsBcp47ShapedTags) {
  for (const char* good : {"en", "zh", "fil", "pt-BR", "zh-Hant-TW", "en-US-x-twain"}) {
    EXPECT_TRUE(IsLanguageTag(good)) << good;
  }
  for (const char* bad :
       {"", "e", "english", "en_US", "en-", "-en", "en--us", "e1", "en-abcdefghi"}) {
    EXPECT_FALSE(IsLanguageTag(bad)) << bad;
  }
}

TEST(CheckWebhookSecret, AcceptsStandardWebhooksSecrets) {
  const char* good[] = {
      "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",              // 24 bytes, the spec's example
      "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",  // 32 bytes, padded
      "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",   // 32 bytes, unpadded
      "whsec_+/+/+/+/+/+/+/+/+/+/+/+/+/+/+/+/",              // the alphabet's last two
  };
  for (const char* text : good) {
    EXPECT_TRUE(CheckWebhookSecret(text).ok())
        << text << ": " << CheckWebhookSecret(text).message();
  }
}

TEST(CheckWebhookSecret, RejectsMalformedSecretsWithoutQuotingThem) {
  const std::pair<const char*, const char*> cases[] = {
      {"MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_<base64>"},
      {"WHSEC_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_<base64>"},
      {"whsec_", "not valid base64"},
      {"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS!", "not valid base64"},
      {"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwA", "not valid base64"},  // 4n+1 characters
      {"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLa=w", "not valid base64"},   // padding inside
      {"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw===", "not valid base64"},
      {"whsec_AB==", "not valid base64"},  // non-zero bits beyond the last byte
      {"whsec_MfKQ-r8GKYqrTwjUPD8ILPZIo2LaLaSw", "not valid base64"},  // URL-safe alphabet
      {"whsec_dGVzdA==", "too short: 4 bytes"},
  };
  for (const auto& [text, problem] : cases) {
    Status s = CheckWebhookSecret(text);
    ASSERT_FALSE(s.ok()) << text;
    EXPECT_NE(s.message().find(problem), std::string::npos) << text << ": " << s.message();
    const std::string secret_part = std::string(text).substr(6, 8);
    if (!secret_part.empty()) {
      EXPECT_EQ(s.message().find(secret_part), std::string::npos) << text << ": " << s.message();
    }
  }
}

TEST(QuoteForMessage, QuotesShortensAndHidesAnythingLikeASecret) {
  EXPECT_EQ(QuoteForMessage("abc"), "\"abc\"");
  EXPECT_EQ(QuoteForMessage("a\"b\\c\nd"), "\"a\\\"b\\\\c d\"");
  EXPECT_EQ(QuoteForMessage(std::string(100, 'x')), "\"" + std::string(60, 'x') + "...\"");
  EXPECT_EQ(QuoteForMessage("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), "<secret not shown>");
  EXPECT_EQ(QuoteForMessage("[WHSEC_abc]"), "<secret not shown>");
}

}  // namespace
}  // namespace synd::config

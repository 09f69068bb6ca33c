#include "feeds/dedupe/canonical_url.hpp"

#include <gtest/gtest.h>

namespace synd {
namespace {

TEST(CanonicalUrl, StripsTrackingFragmentsAndDefaultPortsAndLowersSchemeAndHost) {
  struct Case {
    const char* url;
    const char* canonical;  // nullptr: no canonical form
  };
  const Case cases[] = {
      {"https://example.org/a", "https://example.org/a"},
      {"HTTPS://Example.ORG/Path/Case", "https://example.org/Path/Case"},
      {"http://example.org:80/a", "http://example.org/a"},
      {"https://example.org:443/a", "https://example.org/a"},
      {"https://example.org:8443/a", "https://example.org:8443/a"},
      {"http://example.org:443/a", "http://example.org:443/a"},
      {"https://example.org/a#comments", "https://example.org/a"},
      {"https://example.org/a?utm_source=x&utm_MEDIUM=y", "https://example.org/a"},
      {"https://example.org/a?id=7&utm_campaign=z&fbclid=abc", "https://example.org/a?id=7"},
      {"https://example.org/a?gclid=1&page=2&q=b", "https://example.org/a?page=2&q=b"},
      {"https://example.org", "https://example.org/"},
      {"https://example.org/a/./b/../c", "https://example.org/a/c"},
      {"https://example.org/%7euser", "https://example.org/~user"},
      {"  https://example.org/a  ", "https://example.org/a"},
      {"/relative/path", nullptr},
      {"not a url", nullptr},
      {"mailto:desk@example.org", nullptr},
  };
  for (const Case& c : cases) {
    const std::optional<std::string> got = CanonicalUrl(c.url);
    if (c.canonical == nullptr) {
      EXPECT_FALSE(got.has_value()) << c.url << " -> " << got.value_or("");
    } else {
      EXPECT_EQ(got.value_or("<none>"), c.canonical) << c.url;
    }
  }
}

TEST(IdentityKeys, NamesTheCanonicalUrlAndTheExternalId) {
  Article a;
  EXPECT_TRUE(IdentityKeys(a).empty());
  a.url = "https://Example.org/story?utm_source=rss";
  a.external_id = " urn:uuid:1234 ";
  EXPECT_EQ(IdentityKeys(a),
            (std::vector<std::string>{"url:https://example.org/story", "ext:urn:uuid:1234"}));
  a.url = "garbage";
  EXPECT_EQ(IdentityKeys(a), (std::vector<std::string>{"ext:urn:uuid:1234"}));
}

}  // namespace
}  // namespace synd

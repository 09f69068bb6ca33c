#include "feeds/webhook/address_policy.hpp"

#include <gtest/gtest.h>

namespace synd {
namespace {

TEST(AddressPolicy, ClassifiesEveryClosedRangeAndItsMappedForms) {
  struct Case {
    const char* address;
    AddressRange range;
  };
  const Case cases[] = {
      {"8.8.8.8", AddressRange::kPublic},
      {"93.184.216.34", AddressRange::kPublic},
      {"0.0.0.0", AddressRange::kUnspecified},
      {"0.1.2.3", AddressRange::kUnspecified},
      {"127.0.0.1", AddressRange::kLoopback},
      {"127.255.255.254", AddressRange::kLoopback},
      {"10.0.0.1", AddressRange::kPrivate},
      {"172.16.0.1", AddressRange::kPrivate},
      {"172.31.255.255", AddressRange::kPrivate},
      {"172.32.0.1", AddressRange::kPublic},
      {"172.15.255.255", AddressRange::kPublic},
      {"192.168.1.1", AddressRange::kPrivate},
      {"169.254.169.254", AddressRange::kLinkLocal},
      {"100.64.0.1", AddressRange::kSharedCgnat},
      {"100.127.255.255", AddressRange::kSharedCgnat},
      {"100.128.0.1", AddressRange::kPublic},
      {"224.0.0.1", AddressRange::kMulticast},
      {"239.255.255.250", AddressRange::kMulticast},
      {"240.0.0.1", AddressRange::kReserved},
      {"255.255.255.255", AddressRange::kReserved},
      {"::", AddressRange::kUnspecified},
      {"::1", AddressRange::kLoopback},
      {"2001:db8::1", AddressRange::kPublic},
      {"2606:4700::1111", AddressRange::kPublic},
      {"fc00::1", AddressRange::kPrivate},
      {"fd12:3456::1", AddressRange::kPrivate},
      {"fec0::1", AddressRange::kPrivate},
      {"fe80::1", AddressRange::kLinkLocal},
      {"febf::1", AddressRange::kLinkLocal},
      {"ff02::1", AddressRange::kMulticast},
      {"::ffff:127.0.0.1", AddressRange::kLoopback},
      {"::ffff:10.1.2.3", AddressRange::kPrivate},
      {"::ffff:169.254.169.254", AddressRange::kLinkLocal},
      {"::ffff:0.0.0.0", AddressRange::kUnspecified},
      {"::ffff:8.8.8.8", AddressRange::kPublic},
      {"::127.0.0.1", AddressRange::kLoopback},
      {"64:ff9b::192.168.0.1", AddressRange::kPrivate},
      {"64:ff9b::8.8.8.8", AddressRange::kPublic},
  };
  for (const Case& c : cases) {
    Result<AddressRange> range = ClassifyAddressText(c.address);
    ASSERT_TRUE(range.ok()) << c.address;
    EXPECT_EQ(AddressRangeName(*range), std::string(AddressRangeName(c.range))) << c.address;
  }
}

TEST(AddressPolicy, RejectsTextThatIsNoAddress) {
  for (const char* text : {"", "localhost", "1.2.3", "[::1]", "fe80::1%eth0"}) {
    EXPECT_FALSE(ClassifyAddressText(text).ok()) << text;
  }
}

TEST(AddressPolicy, AcceptsOnlyAbsoluteHttpAndHttpsUrls) {
  struct Case {
    const char* url;
    bool ok;
  };
  const Case cases[] = {
      {"https://hooks.example.org/syndicated", true},
      {"http://127.0.0.1:8080/x", true},
      {"HTTPS://Example.org", true},
      {"http://[::1]:9/", true},
      {"ftp://example.org/", false},
      {"file:///etc/passwd", false},
      {"gopher://example.org/", false},
      {"/relative/path", false},
      {"example.org/hook", false},
      {"http:///nohost", false},
      {"http://", false},
  };
  for (const Case& c : cases) {
    const Status status = CheckWebhookUrl(c.url);
    EXPECT_EQ(status.ok(), c.ok) << c.url << ": " << status.message();
    if (!status.ok()) {
      EXPECT_NE(status.message().find(c.url), std::string::npos) << c.url;
    }
  }
}

}  // namespace
}  // namespace synd

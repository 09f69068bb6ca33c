#include "feeds/dedupe/identity.hpp"

#include <gtest/gtest.h>

#include <set>

namespace synd {
namespace {

TEST(Base32FromHex, UsesLowerCaseCrockfordAlphabet) {
  struct Case {
    const char* hex;
    const char* base32;
  };
  const Case cases[] = {
      {"", ""},
      {"00", "00"},
      {"ff", "zw"},
      {"0000000000", "00000000"},
      {"ffffffffff", "zzzzzzzz"},
      {"08864298e8", "12345678"},
      {"xyz0", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(Base32FromHex(c.hex), c.base32) << c.hex;
  // 128 bits give 26 characters, none of them i, l, o or u.
  const std::string full = Base32FromHex("0123456789abcdef0123456789abcdef");
  EXPECT_EQ(full.size(), 26u);
  EXPECT_EQ(full.find_first_of("ilou"), std::string::npos) << full;
}

TEST(MintSuffix, TakesEightCharactersAndGrowsOnCollision) {
  const std::string hex = "0123456789abcdef0123456789abcdef";
  const std::string full = Base32FromHex(hex);
  std::set<std::string> taken;
  auto claim = [&](std::string_view s) -> Result<bool> {
    return taken.insert(std::string(s)).second;  // claimed when nobody had it
  };
  EXPECT_EQ(*MintSuffix(hex, claim), full.substr(0, 8));
  EXPECT_EQ(*MintSuffix(hex, claim), full.substr(0, 9));
  for (std::size_t n = 10; n <= full.size(); ++n) taken.insert(full.substr(0, n));
  EXPECT_EQ(*MintSuffix(hex, claim), full + "-2");
  EXPECT_EQ(*MintSuffix(hex, claim), full + "-3");
}

TEST(MintSuffix, PassesStoreErrorsOn) {
  auto failing = [](std::string_view) -> Result<bool> { return Status::Io("disk gone"); };
  Result<std::string> s = MintSuffix("00112233445566778899aabbccddeeff", failing);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message(), "disk gone");
}

TEST(StoryTagId, NamesAuthorityPublishedDateAndSuffix) {
  EXPECT_EQ(StoryTagId("news.example.org", FromCivil(2025, 3, 28, 23, 59, 59), "7k3f9q2m"),
            "tag:news.example.org,2025-03-28:story/7k3f9q2m");
  EXPECT_EQ(FeedTagId("news.example.org", 2025, "china"), "tag:news.example.org,2025:feed/china");
  EXPECT_EQ(EventId("7k3f9q2m", 3), "msg_7k3f9q2m_3");
}

}  // namespace
}  // namespace synd

#include "feeds/model/time.hpp"

#include <gtest/gtest.h>

namespace synd {
namespace {

TEST(Rfc3339, FormatsUtcWithZ) {
  EXPECT_EQ(FormatRfc3339(FromCivil(2025, 3, 28, 14, 5, 9)), "2025-03-28T14:05:09Z");
}

TEST(Rfc3339, ParsesOffsetsFractionsAndRejectsMissingZone) {
  struct Case {
    const char* text;
    bool ok;
    const char* utc;
  };
  const Case cases[] = {
      {"2025-03-28T14:05:09Z", true, "2025-03-28T14:05:09Z"},
      {"2025-03-28T14:05:09.123+02:00", true, "2025-03-28T12:05:09Z"},
      {"2025-03-28 14:05:09-01:30", true, "2025-03-28T15:35:09Z"},
      {"2024-02-29T00:00:00Z", true, "2024-02-29T00:00:00Z"},
      {"2023-02-29T00:00:00Z", false, ""},
      {"2025-03-28T14:05:09", false, ""},
      {"2025-03-28", false, ""},
      {"yesterday", false, ""},
      {"2025-03-28T14:05:09Zjunk", false, ""},
      // Only instants with four-digit years in UTC, which FormatRfc3339 writes back alike.
      {"9999-12-31T23:59:59Z", true, "9999-12-31T23:59:59Z"},
      {"0001-01-01T00:00:00Z", true, "0001-01-01T00:00:00Z"},
      {"9999-12-31T23:30:00-05:00", false, ""},
      {"0001-01-01T00:30:00+01:00", false, ""},
  };
  for (const Case& c : cases) {
    Result<TimePoint> t = ParseRfc3339(c.text);
    EXPECT_EQ(t.ok(), c.ok) << c.text;
    if (t.ok() && c.ok) {
      EXPECT_EQ(FormatRfc3339(*t), c.utc) << c.text;
    }
    if (!t.ok()) {
      EXPECT_NE(t.status().message().find(c.text), std::string::npos) << c.text;
    }
  }
}

TEST(Rfc822, UsesNumericZoneAndWeekday) {
  EXPECT_EQ(FormatRfc822(FromCivil(2025, 3, 28, 14, 5, 9)), "Fri, 28 Mar 2025 14:05:09 +0000");
}

TEST(HttpDate, RoundTripsAllThreeForms) {
  const TimePoint t = FromCivil(1994, 11, 6, 8, 49, 37);
  EXPECT_EQ(FormatHttpDate(t), "Sun, 06 Nov 1994 08:49:37 GMT");
  for (const char* text : {"Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT",
                           "Sun Nov  6 08:49:37 1994"}) {
    Result<TimePoint> parsed = ParseHttpDate(text);
    ASSERT_TRUE(parsed.ok()) << text << ": " << parsed.status().message();
    EXPECT_EQ(*parsed, t) << text;
  }
  EXPECT_FALSE(ParseHttpDate("06 Nov 1994").ok());
}

}  // namespace
}  // namespace synd

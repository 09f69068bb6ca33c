#include "feeds/model/time.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <vector>

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

namespace synd {
namespace {

// The formats as snprintf writes them, the way they were written before being done digit by
// digit: any instant, including years outside 0..9999, must come out the same.
std::string Printed(TimePoint t, const char* layout) {
  const auto days = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{days};
  const std::chrono::hh_mm_ss hms{t - days};
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonthNames[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const int year = static_cast<int>(ymd.year());
  const unsigned month = static_cast<unsigned>(ymd.month());
  const unsigned day = static_cast<unsigned>(ymd.day());
  const int h = static_cast<int>(hms.hours().count());
  const int m = static_cast<int>(hms.minutes().count());
  const int s = static_cast<int>(hms.seconds().count());
  char buf[64];
  const std::string_view kind = layout;
  if (kind == "3339") {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", year, month, day, h, m, s);
  } else if (kind == "date") {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year, month, day);
  } else {
    std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02d:%02d:%02d %s",
                  kDays[std::chrono::weekday(days).c_encoding()], day, kMonthNames[month - 1], year,
                  h, m, s, kind == "822" ? "+0000" : "GMT");
  }
  return buf;
}

TEST(DateFormats, WriteWhatSnprintfWrote) {
  std::vector<TimePoint> times = {
      FromCivil(1970, 1, 1, 0, 0, 0),      FromCivil(1, 1, 1, 0, 0, 0),
      FromCivil(9999, 12, 31, 23, 59, 59), FromCivil(10000, 1, 1, 0, 0, 0),
      FromCivil(0, 3, 1, 12, 0, 0),        FromCivil(-1, 6, 15, 1, 2, 3),
      FromCivil(2024, 2, 29, 23, 59, 59)};
  std::uint64_t x = 88172645463325252ULL;  // xorshift: spread over years 1..9999
  for (int i = 0; i < 2000; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    times.push_back(FromCivil(1, 1, 1, 0, 0, 0) +
                    std::chrono::seconds(static_cast<std::int64_t>(x % 315537897600ULL)));
  }
  for (const TimePoint t : times) {
    ASSERT_EQ(FormatRfc3339(t), Printed(t, "3339"));
    ASSERT_EQ(FormatDate(t), Printed(t, "date"));
    ASSERT_EQ(FormatRfc822(t), Printed(t, "822"));
    ASSERT_EQ(FormatHttpDate(t), Printed(t, "http"));
  }
}

}  // namespace
}  // namespace synd

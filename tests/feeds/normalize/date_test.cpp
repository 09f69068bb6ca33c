#include "feeds/normalize/date.hpp"

#include <gtest/gtest.h>

namespace synd {
namespace {

const TimePoint kReference = FromCivil(2025, 4, 22, 12, 0, 0);

struct Case {
  const char* text;
  const char* utc;  // RFC 3339 of the expected instant
  DatePrecision precision;
  bool zone_given;
};

void ExpectDates(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    Result<std::optional<ParsedDate>> d = ParseDate(c.text, kReference);
    ASSERT_TRUE(d.ok()) << c.text << ": " << d.status().message();
    ASSERT_TRUE(d->has_value()) << c.text;
    EXPECT_EQ(FormatRfc3339((*d)->time), c.utc) << c.text;
    EXPECT_EQ((*d)->precision, c.precision) << c.text;
    EXPECT_EQ((*d)->zone_given, c.zone_given) << c.text;
  }
}

TEST(ParseDate, ReadsIso8601WithAndWithoutZone) {
  using P = DatePrecision;
  ExpectDates({
      {"2025-03-28", "2025-03-28T00:00:00Z", P::kDay, false},
      {"2017-07-17 17:03:00", "2017-07-17T17:03:00Z", P::kSecond, false},
      {"2025-03-28T14:05", "2025-03-28T14:05:00Z", P::kMinute, false},
      {"2025-03-28T14:05:09Z", "2025-03-28T14:05:09Z", P::kSecond, true},
      {"2025-03-28t14:05:09.123456z", "2025-03-28T14:05:09Z", P::kSecond, true},
      {"2025-03-28T14:05:09+02:00", "2025-03-28T12:05:09Z", P::kSecond, true},
      {"2025-03-28T14:05:09-0530", "2025-03-28T19:35:09Z", P::kSecond, true},
      {"2025-03-28T14:05:09+01", "2025-03-28T13:05:09Z", P::kSecond, true},
      {"2025-03-28 14:05:09 UTC", "2025-03-28T14:05:09Z", P::kSecond, true},
      {"  2024-02-29T23:59:59Z  ", "2024-02-29T23:59:59Z", P::kSecond, true},
  });
}

TEST(ParseDate, ReadsWrittenDatesAndMailDates) {
  using P = DatePrecision;
  ExpectDates({
      {"28 March 2025", "2025-03-28T00:00:00Z", P::kDay, false},
      {"March 28, 2025", "2025-03-28T00:00:00Z", P::kDay, false},
      {"Mar. 28 2025", "2025-03-28T00:00:00Z", P::kDay, false},
      {"28th of March 2025", "2025-03-28T00:00:00Z", P::kDay, false},
      {"Friday, 28 March 2025", "2025-03-28T00:00:00Z", P::kDay, false},
      {"Sept 3, 2024", "2024-09-03T00:00:00Z", P::kDay, false},
      {"22 April", "2025-04-22T00:00:00Z", P::kDay, false},     // year of the reference time
      {"30 December", "2024-12-30T00:00:00Z", P::kDay, false},  // not in the future
      {"28 March 2025 14:05", "2025-03-28T14:05:00Z", P::kMinute, false},
      {"March 28, 2025 at 2:05 pm EDT", "2025-03-28T18:05:00Z", P::kMinute, true},
      {"March 28, 2025 12:30 a.m.", "2025-03-28T00:30:00Z", P::kMinute, false},
      {"Fri, 28 Mar 2025 14:05:09 +0000", "2025-03-28T14:05:09Z", P::kSecond, true},
      {"Fri, 28 Mar 2025 14:05:09 GMT", "2025-03-28T14:05:09Z", P::kSecond, true},
      {"28 Mar 2025 09:05:09 -0500", "2025-03-28T14:05:09Z", P::kSecond, true},
      {"Friday, 28-Mar-25 14:05:09 GMT", "2025-03-28T14:05:09Z", P::kSecond, true},
      {"Fri Mar 28 14:05:09 2025", "2025-03-28T14:05:09Z", P::kSecond, false},
  });
}

TEST(ParseDate, ResolvesRelativeDatesAgainstTheReferenceTime) {
  using P = DatePrecision;
  ExpectDates({
      {"49 min 12 sec ago", "2025-04-22T11:10:48Z", P::kSecond, true},
      {"3 hours ago", "2025-04-22T09:00:00Z", P::kHour, true},
      {"an hour ago", "2025-04-22T11:00:00Z", P::kHour, true},
      {"2 days ago", "2025-04-20T12:00:00Z", P::kDay, true},
      {"1 week ago", "2025-04-15T12:00:00Z", P::kDay, true},
      {"1h 5m ago", "2025-04-22T10:55:00Z", P::kMinute, true},
      {"2 hours and 30 minutes ago", "2025-04-22T09:30:00Z", P::kMinute, true},
      {"5 MINUTES AGO", "2025-04-22T11:55:00Z", P::kMinute, true},
      {"yesterday", "2025-04-21T12:00:00Z", P::kDay, true},
      {"just now", "2025-04-22T12:00:00Z", P::kMinute, true},
  });
  Result<std::optional<ParsedDate>> d = ParseDate("3 hours ago", kReference);
  ASSERT_TRUE(d.ok() && d->has_value());
  EXPECT_TRUE((*d)->relative);
}

TEST(ParseDate, ReturnsNoDateForNoneAndEmpty) {
  for (const char* text : {"", "   ", "None", "null", "NULL", "nil", "N/A"}) {
    Result<std::optional<ParsedDate>> d = ParseDate(text, kReference);
    ASSERT_TRUE(d.ok()) << text;
    EXPECT_FALSE(d->has_value()) << text;
  }
}

TEST(ParseDate, RejectsWhatIsNotADate) {
  const char* cases[] = {
      "sometime last spring",
      "2025-13-01",
      "31 April 2025",
      "2023-02-29",
      "3 months ago",
      "ago",
      "hours ago",
      "28 Smarch 2025",
      "2025-03-28T25:00:00Z",
      "12345678901 seconds ago",
      "March 28, 2025 13:00 pm",
      "الثلاثاء",
      "99999 weeks ago",
      "2025-03-28T14:05:09+2",
  };
  for (const char* text : cases) {
    Result<std::optional<ParsedDate>> d = ParseDate(text, kReference);
    ASSERT_FALSE(d.ok()) << text;
    EXPECT_NE(d.status().message().find("date"), std::string::npos) << d.status().message();
  }
  EXPECT_EQ(ParseDate("31 April 2025", kReference).status().message(),
            "no such date \"31 April 2025\"");
  EXPECT_EQ(ParseDate("soon", kReference).status().message(), "unrecognized date \"soon\"");
}

TEST(ParseDate, RejectsInstantsOutsideFourDigitYearsInUtc) {
  // Valid local dates whose instant is in the year 10000 or 0 in UTC: stored as RFC 3339 text,
  // they could not be read back.
  for (const char* text :
       {"9999-12-31T23:30:00-05:00", "0001-01-01 00:30 +01:00", "31 December 9999 23:30 -0500"}) {
    Result<std::optional<ParsedDate>> d = ParseDate(text, kReference);
    ASSERT_FALSE(d.ok()) << text;
    EXPECT_NE(d.status().message().find("outside the years 0001 to 9999"), std::string::npos)
        << d.status().message();
  }
  Result<std::optional<ParsedDate>> last = ParseDate("9999-12-31T23:59:59Z", kReference);
  ASSERT_TRUE(last.ok() && last->has_value());
  EXPECT_EQ(FormatRfc3339((*last)->time), "9999-12-31T23:59:59Z");
  EXPECT_TRUE(ParseRfc3339(FormatRfc3339((*last)->time)).ok());
}

}  // namespace
}  // namespace synd

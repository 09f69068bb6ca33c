// Date recognition (normalize stage): the dates that article dumps and scrapers write, resolved
// to UTC instants with the precision the text gave. Pure: the reference time comes in as a
// value and is the only "now" a relative date is resolved against.
#pragma once

#include <optional>
#include <string_view>

#include "feeds/model/article.hpp"
#include "feeds/model/status.hpp"
#include "feeds/model/time.hpp"

namespace synd {

struct ParsedDate {
  TimePoint time;  // UTC; for day precision, midnight UTC of that day
  DatePrecision precision = DatePrecision::kSecond;
  bool zone_given = false;  // the text named a zone or offset (false: UTC was assumed)
  bool relative = false;    // resolved against the reference time
  bool operator==(const ParsedDate&) const = default;
};

// Recognizes, case-insensitively, with surrounding spaces ignored:
//  - ISO 8601 / RFC 3339: "2025-03-28", "2025-03-28T14:05", "2017-07-17 17:03:00",
//    "2025-03-28T14:05:09.123+02:00", offsets Z, ±HH:MM, ±HHMM, ±HH, or a trailing UTC/GMT;
//  - written dates: "28 March 2025", "March 28, 2025", "Mar. 28 2025", "28th March 2025", an
//    optional weekday first, an optional time ("14:05", "2:05 pm", "at 14:05:09") and zone
//    ("GMT", "UTC", "EST", "+0000", "-05:00"); this covers RFC 822/1123, RFC 850 ("Friday,
//    28-Mar-25 14:05:09 GMT") and asctime ("Fri Mar 28 14:05:09 2025"). A date without a year
//    takes the reference time's year (the previous year when that would be over a day ahead);
//  - relative dates: "49 min 12 sec ago", "3 hours ago", "2 days ago", "an hour ago",
//    "1h 5m ago", "yesterday", "today", "just now" → reference time minus the amount, with the
//    smallest unit written as the precision (weeks count as days).
// A time without a zone is taken as UTC (zone_given false).
// Returns ok(nullopt) for text that states no date: empty, "None", "null", "nil", "N/A".
// Errors: anything else unrecognized, or a date that does not exist ("31 April 2025"); the
// message quotes the text.
Result<std::optional<ParsedDate>> ParseDate(std::string_view text, TimePoint reference_time);

}  // namespace synd

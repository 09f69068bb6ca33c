// Time values for the pipeline: UTC instants at one-second resolution, and their text forms.
// Stages never read a clock; time enters as a value (DESIGN.md §1).
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "feeds/model/status.hpp"

namespace synd {

using TimePoint = std::chrono::sys_seconds;

// "2025-03-28T14:05:09Z".
std::string FormatRfc3339(TimePoint t);

// "2025-03-28": the UTC date.
std::string FormatDate(TimePoint t);

// Whether `t` is between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the instants that
// FormatRfc3339 writes with four year digits, so that ParseRfc3339 reads them back. Input dates
// outside it are rejected, since a stored article must read back.
bool InFourDigitYears(TimePoint t);

// "Fri, 28 Mar 2025 14:05:09 +0000" (RFC 822 with a four-digit year and a numeric zone).
std::string FormatRfc822(TimePoint t);

// "Fri, 28 Mar 2025 14:05:09 GMT" (RFC 9110 IMF-fixdate, for HTTP headers).
std::string FormatHttpDate(TimePoint t);

// Accepts "YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)"; also a space for the 'T' and a lower-case
// 't'/'z'. Fractions are dropped. Errors name the text and what is wrong with it.
Result<TimePoint> ParseRfc3339(std::string_view text);

// Accepts the three HTTP date forms of RFC 9110 §5.6.7 (IMF-fixdate, RFC 850, asctime).
Result<TimePoint> ParseHttpDate(std::string_view text);

// Days since 1970-01-01 to a civil date and back; valid for years 1..9999.
TimePoint FromCivil(int year, unsigned month, unsigned day, int hour = 0, int minute = 0,
                    int second = 0);

}  // namespace synd

#include "feeds/model/time.hpp"

#include <array>
#include <cstdio>

namespace synd {
namespace {

constexpr std::array<const char*, 7> kWeekdays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

struct Civil {
  int year;
  unsigned month, day, weekday;
  int hour, minute, second;
};

Civil ToCivil(TimePoint t) {
  const auto days = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{days};
  const std::chrono::hh_mm_ss hms{t - days};
  const std::chrono::weekday wd{days};
  return Civil{static_cast<int>(ymd.year()),           static_cast<unsigned>(ymd.month()),
               static_cast<unsigned>(ymd.day()),       wd.c_encoding(),
               static_cast<int>(hms.hours().count()),  static_cast<int>(hms.minutes().count()),
               static_cast<int>(hms.seconds().count())};
}

// Dates are written digit by digit: snprintf cost about 3,000 instructions a call, and ingest
// writes several dates per article. Years outside 0..9999 (which no input date has) go through
// snprintf, which writes them as it always did.
bool FourDigitYear(int year) { return year >= 0 && year <= 9999; }

// Writes `value` as `width` decimal digits at `out`.
void PutDigits(unsigned value, int width, char* out) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

// "YYYY-MM-DD" at `out`.
void PutDate(const Civil& c, char* out) {
  PutDigits(static_cast<unsigned>(c.year), 4, out);
  PutDigits(c.month, 2, out + 5);
  PutDigits(c.day, 2, out + 8);
}

// "HH:MM:SS" at `out`.
void PutTime(const Civil& c, char* out) {
  PutDigits(static_cast<unsigned>(c.hour), 2, out);
  PutDigits(static_cast<unsigned>(c.minute), 2, out + 3);
  PutDigits(static_cast<unsigned>(c.second), 2, out + 6);
}

// "Fri, 28 Mar 2025 14:05:09 " and `zone`.
std::string FormatMailDate(const Civil& c, std::string_view zone) {
  if (!FourDigitYear(c.year)) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02d:%02d:%02d %.*s", kWeekdays[c.weekday],
                  c.day, kMonths[c.month - 1], c.year, c.hour, c.minute, c.second,
                  static_cast<int>(zone.size()), zone.data());
    return buf;
  }
  std::string out = "Www, 00 Mmm 0000 00:00:00 ";
  out.replace(0, 3, kWeekdays[c.weekday]);
  PutDigits(c.day, 2, out.data() + 5);
  out.replace(8, 3, kMonths[c.month - 1]);
  PutDigits(static_cast<unsigned>(c.year), 4, out.data() + 12);
  PutTime(c, out.data() + 17);
  out += zone;
  return out;
}

// Reads exactly `width` decimal digits at `pos`; advances pos. Returns -1 when they are not there.
int Digits(std::string_view s, std::size_t& pos, std::size_t width) {
  if (pos + width > s.size()) return -1;
  int value = 0;
  for (std::size_t i = 0; i < width; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  pos += width;
  return value;
}

bool Expect(std::string_view s, std::size_t& pos, char c) {
  if (pos < s.size() && s[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

Status BadDate(std::string_view text, const char* why) {
  return Status::Invalid("invalid date \"" + std::string(text) + "\": " + why);
}

bool ValidCivil(int y, int mo, int d, int h, int mi, int s) {
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 ||
      s > 60) {
    return false;
  }
  const std::chrono::year_month_day ymd{std::chrono::year{y},
                                        std::chrono::month{static_cast<unsigned>(mo)},
                                        std::chrono::day{static_cast<unsigned>(d)}};
  return ymd.ok();
}

int MonthIndex(std::string_view name) {
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (name == kMonths[i]) return static_cast<int>(i) + 1;
  }
  return -1;
}

}  // namespace

TimePoint FromCivil(int year, unsigned month, unsigned day, int hour, int minute, int second) {
  const std::chrono::sys_days days{std::chrono::year{year} / std::chrono::month{month} /
                                   std::chrono::day{day}};
  return TimePoint{days} + std::chrono::hours{hour} + std::chrono::minutes{minute} +
         std::chrono::seconds{second};
}

bool InFourDigitYears(TimePoint t) {
  static const TimePoint kFirst = FromCivil(1, 1, 1, 0, 0, 0);
  static const TimePoint kLast = FromCivil(9999, 12, 31, 23, 59, 59);
  return t >= kFirst && t <= kLast;
}

std::string FormatRfc3339(TimePoint t) {
  const Civil c = ToCivil(t);
  if (!FourDigitYear(c.year)) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", c.year, c.month, c.day, c.hour,
                  c.minute, c.second);
    return buf;
  }
  std::string out = "0000-00-00T00:00:00Z";
  PutDate(c, out.data());
  PutTime(c, out.data() + 11);
  return out;
}

std::string FormatDate(TimePoint t) {
  const Civil c = ToCivil(t);
  if (!FourDigitYear(c.year)) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", c.year, c.month, c.day);
    return buf;
  }
  std::string out = "0000-00-00";
  PutDate(c, out.data());
  return out;
}

std::string FormatRfc822(TimePoint t) { return FormatMailDate(ToCivil(t), "+0000"); }

std::string FormatHttpDate(TimePoint t) { return FormatMailDate(ToCivil(t), "GMT"); }

Result<TimePoint> ParseRfc3339(std::string_view text) {
  std::size_t p = 0;
  const int y = Digits(text, p, 4);
  if (y < 0 || !Expect(text, p, '-')) return BadDate(text, "expected YYYY-");
  const int mo = Digits(text, p, 2);
  if (mo < 0 || !Expect(text, p, '-')) return BadDate(text, "expected MM-");
  const int d = Digits(text, p, 2);
  if (d < 0) return BadDate(text, "expected DD");
  if (!(Expect(text, p, 'T') || Expect(text, p, 't') || Expect(text, p, ' '))) {
    return BadDate(text, "expected 'T' between date and time");
  }
  const int h = Digits(text, p, 2);
  if (h < 0 || !Expect(text, p, ':')) return BadDate(text, "expected HH:");
  const int mi = Digits(text, p, 2);
  if (mi < 0 || !Expect(text, p, ':')) return BadDate(text, "expected MM:");
  const int s = Digits(text, p, 2);
  if (s < 0) return BadDate(text, "expected SS");
  if (Expect(text, p, '.')) {
    const std::size_t start = p;
    while (p < text.size() && text[p] >= '0' && text[p] <= '9') ++p;
    if (p == start) return BadDate(text, "expected digits after '.'");
  }
  int offset_minutes = 0;
  if (Expect(text, p, 'Z') || Expect(text, p, 'z')) {
    // UTC
  } else if (p < text.size() && (text[p] == '+' || text[p] == '-')) {
    const int sign = text[p] == '-' ? -1 : 1;
    ++p;
    const int oh = Digits(text, p, 2);
    if (oh < 0 || !Expect(text, p, ':')) return BadDate(text, "expected a zone offset ±HH:MM");
    const int om = Digits(text, p, 2);
    if (om < 0 || oh > 23 || om > 59) return BadDate(text, "expected a zone offset ±HH:MM");
    offset_minutes = sign * (oh * 60 + om);
  } else {
    return BadDate(text, "expected a time zone ('Z' or ±HH:MM)");
  }
  if (p != text.size()) return BadDate(text, "unexpected text after the time zone");
  if (!ValidCivil(y, mo, d, h, mi, s)) return BadDate(text, "no such date or time");
  const TimePoint t =
      FromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d), h, mi, s > 59 ? 59 : s) -
      std::chrono::minutes{offset_minutes};
  // "9999-12-31T23:30:00-05:00" is a valid local time, but in UTC it is in the year 10000.
  if (!InFourDigitYears(t)) return BadDate(text, "outside the years 0001 to 9999 in UTC");
  return t;
}

Result<TimePoint> ParseHttpDate(std::string_view text) {
  char wday[16] = {0};
  char mon[4] = {0};
  int d = 0, y = 0, h = 0, mi = 0, s = 0;
  const std::string str(text);
  int consumed = 0;
  // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
  if (std::sscanf(str.c_str(), "%3s, %2d %3s %4d %2d:%2d:%2d GMT%n", wday, &d, mon, &y, &h, &mi, &s,
                  &consumed) == 7 &&
      static_cast<std::size_t>(consumed) == str.size()) {
    // parsed
  } else if (std::sscanf(str.c_str(), "%15[A-Za-z], %2d-%3s-%2d %2d:%2d:%2d GMT%n", wday, &d, mon,
                         &y, &h, &mi, &s, &consumed) == 7 &&
             static_cast<std::size_t>(consumed) == str.size()) {
    y += y < 70 ? 2000 : 1900;  // RFC 850's two-digit year
  } else if (std::sscanf(str.c_str(), "%3s %3s %2d %2d:%2d:%2d %4d%n", wday, mon, &d, &h, &mi, &s,
                         &y, &consumed) == 7 &&
             static_cast<std::size_t>(consumed) == str.size()) {
    // asctime
  } else {
    return BadDate(text, "not an HTTP date");
  }
  const int mo = MonthIndex(mon);
  if (mo < 0 || !ValidCivil(y, mo, d, h, mi, s)) return BadDate(text, "no such date or time");
  return FromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d), h, mi, s > 59 ? 59 : s);
}

}  // namespace synd

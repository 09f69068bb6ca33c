#include "feeds/normalize/date.hpp"

#include <array>
#include <string>
#include <vector>

#include "feeds/normalize/date_tokens.hpp"

namespace synd {
namespace {

using date_tokens::EqualsNoCase;
using date_tokens::FixedDigits;
using date_tokens::IsAsciiDigit;
using date_tokens::IsWeekday;
using date_tokens::MonthNumber;
using date_tokens::ReadOffset;
using date_tokens::RelativeUnit;
using date_tokens::Significant;
using date_tokens::Token;
using date_tokens::Tokenize;
using date_tokens::TokenKind;
using date_tokens::Trim;
using date_tokens::ZoneOffset;
using std::chrono::seconds;

struct Civil {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
};

bool ValidCivil(const Civil& c) {
  if (c.year < 1 || c.year > 9999 || c.month < 1 || c.month > 12 || c.day < 1 || c.hour < 0 ||
      c.hour > 23 || c.minute < 0 || c.minute > 59 || c.second < 0 || c.second > 60) {
    return false;
  }
  const std::chrono::year_month_day ymd{std::chrono::year{c.year},
                                        std::chrono::month{static_cast<unsigned>(c.month)},
                                        std::chrono::day{static_cast<unsigned>(c.day)}};
  return ymd.ok();
}

TimePoint ToTime(const Civil& c) {
  return FromCivil(c.year, static_cast<unsigned>(c.month), static_cast<unsigned>(c.day), c.hour,
                   c.minute, c.second > 59 ? 59 : c.second);
}

Status NoSuchDate(std::string_view text) {
  return Status::Invalid("no such date \"" + std::string(text) + "\"");
}

// The zone at the end of an ISO date: Z, an offset, or UTC/GMT after optional spaces.
bool ReadIsoZone(std::string_view s, std::size_t pos, int& offset_seconds, bool& given) {
  while (pos < s.size() && s[pos] == ' ') ++pos;
  given = pos < s.size();
  offset_seconds = 0;
  if (!given) return true;
  const std::string_view rest = s.substr(pos);
  if (EqualsNoCase(rest, "z") || EqualsNoCase(rest, "utc") || EqualsNoCase(rest, "gmt")) {
    return true;
  }
  return ReadOffset(s, pos, offset_seconds) && pos == s.size();
}

// nullopt: not ISO-shaped. An error: ISO-shaped but no such date.
std::optional<Result<ParsedDate>> ParseIso(std::string_view s) {
  std::size_t p = 0;
  Civil c;
  c.year = FixedDigits(s, p, 4);
  if (c.year < 0 || p >= s.size() || s[p++] != '-') return std::nullopt;
  c.month = FixedDigits(s, p, 2);
  if (c.month < 0 || p >= s.size() || s[p++] != '-') return std::nullopt;
  c.day = FixedDigits(s, p, 2);
  if (c.day < 0) return std::nullopt;
  ParsedDate date;
  date.precision = DatePrecision::kDay;
  if (p < s.size()) {
    if (s[p] != 'T' && s[p] != 't' && s[p] != ' ') return std::nullopt;
    ++p;
    c.hour = FixedDigits(s, p, 2);
    if (c.hour < 0 || p >= s.size() || s[p++] != ':') return std::nullopt;
    c.minute = FixedDigits(s, p, 2);
    if (c.minute < 0) return std::nullopt;
    date.precision = DatePrecision::kMinute;
    if (p < s.size() && s[p] == ':') {
      ++p;
      c.second = FixedDigits(s, p, 2);
      if (c.second < 0) return std::nullopt;
      date.precision = DatePrecision::kSecond;
      if (p < s.size() && (s[p] == '.' || s[p] == ',') && p + 1 < s.size() &&
          IsAsciiDigit(s[p + 1])) {
        for (++p; p < s.size() && IsAsciiDigit(s[p]);) ++p;
      }
    }
  }
  int offset = 0;
  if (!ReadIsoZone(s, p, offset, date.zone_given)) return std::nullopt;
  if (!ValidCivil(c)) return Result<ParsedDate>(NoSuchDate(s));
  date.time = ToTime(c) - seconds{offset};
  return Result<ParsedDate>(date);
}

bool IsDayNumber(const Token& t) {
  return t.kind == TokenKind::kNumber && t.digits <= 2 && t.number >= 1 && t.number <= 31;
}

bool IsYear(const Token& t) {
  return t.kind == TokenKind::kNumber && (t.digits == 4 || t.digits == 2);
}

int FullYear(const Token& t) {
  if (t.digits == 4) return t.number;
  return t.number < 70 ? 2000 + t.number : 1900 + t.number;  // RFC 850 two-digit years
}

// A parse of written-date tokens, before validation.
struct WrittenDate {
  Civil civil;
  bool has_year = false;
  bool has_time = false;
  bool has_seconds = false;
  bool zone_given = false;
  int offset_seconds = 0;
};

// Day and month in either order, then an optional year; advances i.
bool ReadDayMonthYear(const std::vector<Token>& t, std::size_t& i, WrittenDate& d) {
  if (i < t.size() && IsWeekday(t[i])) ++i;
  if (i + 1 < t.size() && IsDayNumber(t[i]) && MonthNumber(t[i + 1]) != 0) {
    d.civil.day = t[i].number;
    d.civil.month = MonthNumber(t[i + 1]);
  } else if (i + 1 < t.size() && MonthNumber(t[i]) != 0 && IsDayNumber(t[i + 1])) {
    d.civil.month = MonthNumber(t[i]);
    d.civil.day = t[i + 1].number;
  } else {
    return false;
  }
  i += 2;
  if (i < t.size() && IsYear(t[i])) {
    d.civil.year = FullYear(t[i++]);
    d.has_year = true;
  }
  return true;
}

// Optional time with am/pm, a year after the time (asctime), and a zone; advances i.
bool ReadTimeAndZone(const std::vector<Token>& t, std::size_t& i, WrittenDate& d) {
  if (i < t.size() && t[i].kind == TokenKind::kTime) {
    d.has_time = true;
    d.has_seconds = t[i].has_seconds;
    d.civil.hour = t[i].hour;
    d.civil.minute = t[i].minute;
    d.civil.second = t[i].second;
    ++i;
    if (i < t.size() && t[i].kind == TokenKind::kWord && (t[i].word == "am" || t[i].word == "pm")) {
      if (d.civil.hour < 1 || d.civil.hour > 12) return false;
      d.civil.hour = d.civil.hour % 12 + (t[i].word == "pm" ? 12 : 0);
      ++i;
    }
  }
  if (!d.has_year && d.has_time && i < t.size() && t[i].kind == TokenKind::kNumber &&
      t[i].digits == 4) {
    d.civil.year = t[i++].number;
    d.has_year = true;
  }
  if (d.has_time && i < t.size() && ZoneOffset(t[i], d.offset_seconds)) {
    d.zone_given = true;
    ++i;
  }
  if (d.has_time && i < t.size() && t[i].kind == TokenKind::kOffset) {
    d.offset_seconds += t[i++].offset_seconds;
    d.zone_given = true;
  }
  return true;
}

std::optional<Result<ParsedDate>> ParseWritten(const std::vector<Token>& tokens,
                                               std::string_view text, TimePoint reference) {
  std::size_t i = 0;
  WrittenDate d;
  if (!ReadDayMonthYear(tokens, i, d) || !ReadTimeAndZone(tokens, i, d) || i != tokens.size()) {
    return std::nullopt;
  }
  if (!d.has_year) {
    const std::chrono::year_month_day ref{std::chrono::floor<std::chrono::days>(reference)};
    d.civil.year = static_cast<int>(ref.year());
    if (ValidCivil(d.civil) && ToTime(d.civil) > reference + std::chrono::days{1}) {
      --d.civil.year;
    }
  }
  if (!ValidCivil(d.civil)) return Result<ParsedDate>(NoSuchDate(text));
  ParsedDate date;
  date.time = ToTime(d.civil) - seconds{d.offset_seconds};
  date.precision = !d.has_time     ? DatePrecision::kDay
                   : d.has_seconds ? DatePrecision::kSecond
                                   : DatePrecision::kMinute;
  date.zone_given = d.zone_given;
  return Result<ParsedDate>(date);
}

std::optional<ParsedDate> ParseRelativeWords(const std::vector<Token>& t, TimePoint reference) {
  auto words = [&](std::initializer_list<std::string_view> expected) {
    if (t.size() != expected.size()) return false;
    std::size_t i = 0;
    for (std::string_view w : expected) {
      if (t[i].kind != TokenKind::kWord || t[i].word != w) return false;
      ++i;
    }
    return true;
  };
  if (words({"just", "now"}) || words({"now"})) {
    return ParsedDate{reference, DatePrecision::kMinute, true, true};
  }
  if (words({"today"})) return ParsedDate{reference, DatePrecision::kDay, true, true};
  if (words({"yesterday"})) {
    return ParsedDate{reference - std::chrono::days{1}, DatePrecision::kDay, true, true};
  }
  return std::nullopt;
}

// "<amount> <unit> [and] ... ago".
std::optional<ParsedDate> ParseRelative(const std::vector<Token>& t, TimePoint reference) {
  if (auto special = ParseRelativeWords(t, reference)) return special;
  if (t.size() < 3 || t.back().kind != TokenKind::kWord || t.back().word != "ago") {
    return std::nullopt;
  }
  constexpr std::int64_t kLimit = std::int64_t{100} * 366 * 86400;
  std::int64_t total = 0;
  DatePrecision precision = DatePrecision::kDay;
  for (std::size_t i = 0; i + 1 < t.size();) {
    std::int64_t amount = 0;
    if (t[i].kind == TokenKind::kNumber) {
      amount = t[i].number;
    } else if (t[i].kind == TokenKind::kWord &&
               (t[i].word == "a" || t[i].word == "an" || t[i].word == "one")) {
      amount = 1;
    } else {
      return std::nullopt;
    }
    std::int64_t unit = 0;
    DatePrecision unit_precision{};
    if (i + 1 >= t.size() - 1 || !RelativeUnit(t[i + 1], unit, unit_precision)) return std::nullopt;
    total += amount * unit;
    if (total > kLimit) return std::nullopt;
    precision = std::min(precision, unit_precision);
    i += 2;
    if (i + 1 < t.size() && t[i].kind == TokenKind::kWord && t[i].word == "and") ++i;
  }
  return ParsedDate{reference - seconds{total}, precision, true, true};
}

bool StatesNoDate(std::string_view s) {
  return s.empty() || EqualsNoCase(s, "none") || EqualsNoCase(s, "null") ||
         EqualsNoCase(s, "nil") || EqualsNoCase(s, "n/a");
}

}  // namespace

namespace {

// A date is stored as RFC 3339 text and must read back: one whose instant falls outside the years
// 0001-9999 in UTC ("9999-12-31T23:30:00-05:00", "10000 years ago") is no date.
Result<std::optional<ParsedDate>> InRange(std::string_view text, const ParsedDate& date) {
  if (!InFourDigitYears(date.time)) {
    return Status::Invalid("date \"" + std::string(text) +
                           "\" is outside the years 0001 to 9999 in UTC");
  }
  return std::optional<ParsedDate>(date);
}

}  // namespace

Result<std::optional<ParsedDate>> ParseDate(std::string_view text, TimePoint reference_time) {
  const std::string_view s = Trim(text);
  if (StatesNoDate(s)) return std::optional<ParsedDate>();
  if (s.size() > 100) return Status::Invalid("unrecognized date (over 100 characters)");
  if (std::optional<Result<ParsedDate>> iso = ParseIso(s)) {
    if (!iso->ok()) return iso->status();
    return InRange(s, **iso);
  }
  if (std::optional<std::vector<Token>> tokens = Tokenize(s)) {
    const std::vector<Token> significant = Significant(std::move(*tokens));
    if (std::optional<ParsedDate> rel = ParseRelative(significant, reference_time)) {
      return InRange(s, *rel);
    }
    if (std::optional<Result<ParsedDate>> written = ParseWritten(significant, s, reference_time)) {
      if (!written->ok()) return written->status();
      return InRange(s, **written);
    }
  }
  return Status::Invalid("unrecognized date \"" + std::string(s) + "\"");
}

}  // namespace synd

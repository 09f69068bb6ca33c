#include "feeds/normalize/date_tokens.hpp"

#include <array>
#include <string>

namespace synd::date_tokens {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

}  // namespace

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

// Exactly `width` digits at pos (advances pos), or -1.
int FixedDigits(std::string_view s, std::size_t& pos, std::size_t width) {
  if (pos + width > s.size()) return -1;
  int value = 0;
  for (std::size_t i = 0; i < width; ++i) {
    if (!IsDigit(s[pos + i])) return -1;
    value = value * 10 + (s[pos + i] - '0');
  }
  pos += width;
  return value;
}

// ±HH:MM, ±HHMM or ±HH at pos; advances pos.
bool ReadOffset(std::string_view s, std::size_t& pos, int& offset_seconds) {
  if (pos >= s.size() || (s[pos] != '+' && s[pos] != '-')) return false;
  const int sign = s[pos] == '-' ? -1 : 1;
  std::size_t p = pos + 1;
  const int hours = FixedDigits(s, p, 2);
  if (hours < 0 || hours > 23) return false;
  int minutes = 0;
  const bool colon = p < s.size() && s[p] == ':';
  if (colon) ++p;
  if (colon || (p < s.size() && IsDigit(s[p]))) {
    minutes = FixedDigits(s, p, 2);
    if (minutes < 0 || minutes > 59) return false;
  }
  offset_seconds = sign * (hours * 3600 + minutes * 60);
  pos = p;
  return true;
}

namespace {

// H:MM[:SS[.frac]] at pos.
bool ReadTime(std::string_view s, std::size_t& pos, Token& t) {
  std::size_t p = pos;
  std::size_t start = p;
  while (p < s.size() && IsDigit(s[p]) && p - start < 2) ++p;
  if (p == start || p >= s.size() || s[p] != ':') return false;
  t.kind = TokenKind::kTime;
  t.hour = std::stoi(std::string(s.substr(start, p - start)));
  ++p;
  t.minute = FixedDigits(s, p, 2);
  if (t.minute < 0) return false;
  if (p < s.size() && s[p] == ':') {
    ++p;
    t.second = FixedDigits(s, p, 2);
    if (t.second < 0) return false;
    t.has_seconds = true;
    if (p + 1 < s.size() && s[p] == '.' && IsDigit(s[p + 1])) {
      for (++p; p < s.size() && IsDigit(s[p]);) ++p;
    }
  }
  pos = p;
  return true;
}

bool OffsetMayFollow(const std::vector<Token>& tokens) {
  if (tokens.empty()) return false;
  const Token& last = tokens.back();
  return last.kind == TokenKind::kTime ||
         (last.kind == TokenKind::kWord &&
          (last.word == "gmt" || last.word == "utc" || last.word == "ut"));
}

// Reads one token at pos into `out`. False when the text holds something no date has.
bool ReadToken(std::string_view s, std::size_t& pos, std::vector<Token>& out) {
  const char c = s[pos];
  Token t;
  if (IsDigit(c)) {
    if (ReadTime(s, pos, t)) {
      out.push_back(std::move(t));
      return true;
    }
    const std::size_t start = pos;
    while (pos < s.size() && IsDigit(s[pos])) ++pos;
    t.kind = TokenKind::kNumber;
    t.digits = static_cast<int>(pos - start);
    if (t.digits > 9) return false;
    t.number = std::stoi(std::string(s.substr(start, pos - start)));
  } else if (IsAlpha(c)) {
    while (pos < s.size() && (IsAlpha(s[pos]) || s[pos] == '.')) {
      if (s[pos] != '.') t.word.push_back(Lower(s[pos]));
      ++pos;
    }
  } else if ((c == '+' || c == '-') && OffsetMayFollow(out) &&
             ReadOffset(s, pos, t.offset_seconds)) {
    t.kind = TokenKind::kOffset;
  } else {
    return false;
  }
  out.push_back(std::move(t));
  return true;
}

}  // namespace

std::optional<std::vector<Token>> Tokenize(std::string_view s) {
  std::vector<Token> tokens;
  std::size_t pos = 0;
  while (pos < s.size()) {
    const char c = s[pos];
    const bool offset_sign = (c == '+' || c == '-') && OffsetMayFollow(tokens);
    if (!offset_sign && (c == ' ' || c == '\t' || c == ',' || c == '-' || c == '/' || c == '.')) {
      ++pos;
      continue;
    }
    if (!ReadToken(s, pos, tokens)) return std::nullopt;
    if (tokens.size() > 16) return std::nullopt;
  }
  return tokens;
}

// Drops the words that only join the parts of a written date ("28th of March at 14:05").
std::vector<Token> Significant(std::vector<Token> tokens) {
  std::vector<Token> out;
  for (Token& t : tokens) {
    const bool ordinal = t.kind == TokenKind::kWord && !out.empty() &&
                         out.back().kind == TokenKind::kNumber &&
                         (t.word == "st" || t.word == "nd" || t.word == "rd" || t.word == "th");
    const bool filler =
        t.kind == TokenKind::kWord && (t.word == "of" || t.word == "at" || t.word == "on");
    if (!ordinal && !filler) out.push_back(std::move(t));
  }
  return out;
}

// 1..12 for a month name or an abbreviation of at least three letters ("mar", "sept").
int MonthNumber(const Token& t) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  if (t.kind != TokenKind::kWord || t.word.size() < 3) return 0;
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (kMonths[i].substr(0, t.word.size()) == t.word) return static_cast<int>(i) + 1;
  }
  return 0;
}

bool IsWeekday(const Token& t) {
  static constexpr std::array<std::string_view, 7> kDays = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  if (t.kind != TokenKind::kWord || t.word.size() < 3) return false;
  for (std::string_view day : kDays) {
    if (day.substr(0, t.word.size()) == t.word) return true;
  }
  return false;
}

// RFC 822 §5.1 zone names; false when `t` is not one.
bool ZoneOffset(const Token& t, int& offset_seconds) {
  struct Zone {
    std::string_view name;
    int hours;
  };
  static constexpr std::array<Zone, 12> kZones = {{{"z", 0},
                                                   {"ut", 0},
                                                   {"utc", 0},
                                                   {"gmt", 0},
                                                   {"est", -5},
                                                   {"edt", -4},
                                                   {"cst", -6},
                                                   {"cdt", -5},
                                                   {"mst", -7},
                                                   {"mdt", -6},
                                                   {"pst", -8},
                                                   {"pdt", -7}}};
  if (t.kind != TokenKind::kWord) return false;
  for (const Zone& z : kZones) {
    if (z.name == t.word) {
      offset_seconds = z.hours * 3600;
      return true;
    }
  }
  return false;
}

// Seconds per unit and the precision it gives; false for a word that is no unit.
bool RelativeUnit(const Token& t, std::int64_t& unit_seconds, DatePrecision& precision) {
  struct Unit {
    std::string_view names[5];
    std::int64_t seconds;
    DatePrecision precision;
  };
  static constexpr std::array<Unit, 5> kUnits = {{
      {{"s", "sec", "secs", "second", "seconds"}, 1, DatePrecision::kSecond},
      {{"m", "min", "mins", "minute", "minutes"}, 60, DatePrecision::kMinute},
      {{"h", "hr", "hrs", "hour", "hours"}, 3600, DatePrecision::kHour},
      {{"d", "day", "days", "", ""}, 86400, DatePrecision::kDay},
      {{"w", "wk", "wks", "week", "weeks"}, std::int64_t{7} * 86400, DatePrecision::kDay},
  }};
  if (t.kind != TokenKind::kWord) return false;
  for (const Unit& u : kUnits) {
    for (std::string_view name : u.names) {
      if (!name.empty() && name == t.word) {
        unit_seconds = u.seconds;
        precision = u.precision;
        return true;
      }
    }
  }
  return false;
}

}  // namespace synd::date_tokens

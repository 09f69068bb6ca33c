// Internal to the date parser (normalize stage): the tokens of written and relative dates and
// the word tables they are matched against. Pure; English words only, as the dumps write them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/model/article.hpp"

namespace synd::date_tokens {

enum class TokenKind { kNumber, kWord, kTime, kOffset };

struct Token {
  TokenKind kind = TokenKind::kWord;
  std::string word;  // kWord: lower case, dots removed ("a.m." → "am")
  int number = 0;    // kNumber, at most nine digits
  int digits = 0;
  int hour = 0, minute = 0, second = 0;  // kTime ("14:05", "9:05:07.25")
  bool has_seconds = false;
  int offset_seconds = 0;  // kOffset ("+0000", "-05:00"), only right after a time or GMT/UTC
};

inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
std::string_view Trim(std::string_view s);
bool EqualsNoCase(std::string_view a, std::string_view b);

// Exactly `width` ASCII digits at pos (advancing pos), or -1.
int FixedDigits(std::string_view s, std::size_t& pos, std::size_t width);

// ±HH:MM, ±HHMM or ±HH at pos (advancing pos); false when not there.
bool ReadOffset(std::string_view s, std::size_t& pos, int& offset_seconds);

// Splits at spaces, commas, '/', '.' and '-' (a '+'/'-' after a time starts an offset).
// nullopt when the text holds anything no date has (other symbols, non-ASCII letters, more than
// 16 tokens, a number of over nine digits).
std::optional<std::vector<Token>> Tokenize(std::string_view s);

// Drops the words that only join a written date's parts: ordinal suffixes after a number
// ("28th"), "of", "at", "on".
std::vector<Token> Significant(std::vector<Token> tokens);

int MonthNumber(const Token& t);  // 1..12 for "march", "mar", "sept"...; 0 otherwise
bool IsWeekday(const Token& t);   // "fri", "friday", "thurs"...

// RFC 822 zone names (UT, GMT, UTC, Z, EST ... PDT); false when `t` is not one.
bool ZoneOffset(const Token& t, int& offset_seconds);

// Relative-date units ("min", "hours", "d", "weeks"): seconds per unit and the precision it
// gives; false when `t` is not one.
bool RelativeUnit(const Token& t, std::int64_t& unit_seconds, DatePrecision& precision);

}  // namespace synd::date_tokens

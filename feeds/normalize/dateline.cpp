#include "feeds/normalize/dateline.hpp"

#include <array>
#include <string>

#include "feeds/normalize/date_tokens.hpp"
#include "feeds/normalize/unicode_tables.hpp"
#include "feeds/normalize/utf8.hpp"

namespace synd {
namespace {

constexpr std::size_t kMaxHead = 80;
constexpr int kMaxPlaceWords = 5;

// Labels that stand before a colon like a place but say what the item is. A closed class of
// newsroom words, unlike places, which is why a list is right here and wrong for places.
bool IsEditorialLabel(std::string_view place) {
  static constexpr std::array<std::string_view, 34> kLabels = {
      "ADVISORY",  "ALERT",          "ANALYSIS",      "BREAKING",   "BREAKING NEWS",
      "COMMENT",   "COMMENTARY",     "CORRECTED",     "CORRECTION", "DEVELOPING",
      "EDITORIAL", "EDITOR'S NOTE",  "EDITOR’S NOTE", "EXCLUSIVE",  "EXPLAINER",
      "FACTBOX",   "FACT CHECK",     "FEATURE",       "FLASH",      "INTERVIEW",
      "LIVE",      "NOTE",           "OPINION",       "PHOTOS",     "POLL",
      "REVIEW",    "SPECIAL REPORT", "SPONSORED",     "UPDATE",     "UPDATED",
      "URGENT",    "VIDEO",          "WATCH",         "WARNING"};
  for (std::string_view label : kLabels) {
    if (place == label) return true;
  }
  return false;
}

// One word of a place: upper-case letters with inner '.', '-' or apostrophes ("ST.", "N'DJAMENA").
bool IsPlaceWord(std::string_view word, int& letters) {
  bool has_letter = false;
  for (std::size_t i = 0; i < word.size();) {
    const DecodedCodePoint d = DecodeUtf8At(word, i);
    i += d.length;
    const char32_t cp = d.code_point;
    if (cp == '.' || cp == '-' || cp == '\'' || cp == 0x2019) continue;
    if (unicode::LetterKindOf(cp) != unicode::LetterKind::kUpper) return false;
    has_letter = true;
    ++letters;
  }
  return has_letter;
}

bool IsPlace(std::string_view place) {
  if (place.empty() || place.front() == ' ' || IsEditorialLabel(place)) return false;
  int words = 0;
  int letters = 0;
  std::size_t start = 0;
  while (start <= place.size()) {
    std::size_t end = place.find(' ', start);
    if (end == std::string_view::npos) end = place.size();
    if (++words > kMaxPlaceWords || !IsPlaceWord(place.substr(start, end - start), letters)) {
      return false;
    }
    start = end + 1;
  }
  return letters >= 2;
}

bool IsMonthWord(std::string_view word) {
  if (!word.empty() && word.back() == '.') word.remove_suffix(1);
  date_tokens::Token t;
  for (char c : word) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
    t.word.push_back(static_cast<char>(c | 0x20));
  }
  return date_tokens::MonthNumber(t) != 0;
}

bool IsDayWord(std::string_view word) {
  if (word.empty() || word.size() > 2) return false;
  int day = 0;
  for (char c : word) {
    if (!date_tokens::IsAsciiDigit(c)) return false;
    day = day * 10 + (c - '0');
  }
  return day >= 1 && day <= 31;
}

// "April 22" or "22 April".
bool IsDatelineDate(std::string_view date) {
  const std::size_t space = date.find(' ');
  if (space == std::string_view::npos || date.find(' ', space + 1) != std::string_view::npos) {
    return false;
  }
  const std::string_view first = date.substr(0, space);
  const std::string_view second = date.substr(space + 1);
  return (IsMonthWord(first) && IsDayWord(second)) || (IsDayWord(first) && IsMonthWord(second));
}

}  // namespace

std::optional<DatelineMatch> MatchDateline(std::string_view paragraph) {
  const std::size_t colon = paragraph.substr(0, kMaxHead).find(':');
  if (colon == std::string_view::npos || colon + 2 >= paragraph.size() ||
      paragraph[colon + 1] != ' ') {
    return std::nullopt;
  }
  std::string_view head = paragraph.substr(0, colon);
  while (!head.empty() && head.back() == ' ') head.remove_suffix(1);
  DatelineMatch match;
  const std::size_t comma = head.find(", ");
  const std::string_view place = head.substr(0, comma);
  if (!IsPlace(place)) return std::nullopt;
  if (comma != std::string_view::npos) {
    const std::string_view date = head.substr(comma + 2);
    if (!IsDatelineDate(date)) return std::nullopt;
    match.dateline.date = std::string(date);
  }
  match.dateline.place = std::string(place);
  match.length = colon + 2;
  return match;
}

}  // namespace synd

#include "feeds/normalize/line_shapes.hpp"

#include <array>

#include "feeds/normalize/date.hpp"
#include "feeds/normalize/date_tokens.hpp"
#include "feeds/normalize/unicode_tables.hpp"
#include "feeds/normalize/utf8.hpp"

namespace synd {
namespace {

using unicode::LetterKind;

constexpr std::string_view kUpdatedPrefix = "Updated ";

int CountWords(std::string_view line) {
  if (line.empty()) return 0;
  int words = 1;
  for (char c : line) words += c == ' ';
  return words;
}

// Digits only, 1..3 of them.
int SmallNumber(std::string_view s) {
  if (s.empty() || s.size() > 3) return -1;
  int value = 0;
  for (char c : s) {
    if (!date_tokens::IsAsciiDigit(c)) return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

bool IsGalleryCounter(std::string_view line) {
  // At most "999 / 999"; checked first because this runs on every body line.
  if (line.size() < 5 || line.size() > 9 || !date_tokens::IsAsciiDigit(line[0])) return false;
  const std::size_t slash = line.find(" / ");
  if (slash == std::string_view::npos) return false;
  const int position = SmallNumber(line.substr(0, slash));
  const int total = SmallNumber(line.substr(slash + 3));
  return position >= 1 && total >= position;
}

struct LetterCounts {
  int upper = 0;
  int lower = 0;
  int uncased = 0;
};

LetterCounts CountLetters(std::string_view text) {
  LetterCounts counts;
  for (std::size_t i = 0; i < text.size();) {
    const DecodedCodePoint d = DecodeUtf8At(text, i);
    i += d.length;
    switch (unicode::LetterKindOf(d.code_point)) {
      case LetterKind::kUpper:
        ++counts.upper;
        break;
      case LetterKind::kLower:
        ++counts.lower;
        break;
      case LetterKind::kUncased:
        ++counts.uncased;
        break;
      case LetterKind::kNotLetter:
        break;
    }
  }
  return counts;
}

bool StartsWithUpper(std::string_view text) {
  return !text.empty() &&
         unicode::LetterKindOf(DecodeUtf8At(text, 0).code_point) == LetterKind::kUpper;
}

// Ends like a sentence or a clause: a heading never does.
bool EndsWithSentencePunctuation(std::string_view line) {
  static constexpr std::array<std::string_view, 9> kEnds = {".", ",", ";", ":", "\"",
                                                            "'", "”", "’", "…"};
  for (std::string_view end : kEnds) {
    if (line.size() >= end.size() && line.substr(line.size() - end.size()) == end) return true;
  }
  return false;
}

// A credit names an agency in capitals (AFP, REUTERS) or a photographer after a '/'.
bool LooksLikeCredit(std::string_view credit) {
  if (credit.empty() || credit.find(';') != std::string_view::npos ||
      credit.find(". ") != std::string_view::npos || CountWords(credit) > 10) {
    return false;
  }
  if (credit.find('/') != std::string_view::npos) return true;
  std::size_t start = 0;
  while (start < credit.size()) {
    std::size_t end = credit.find(' ', start);
    if (end == std::string_view::npos) end = credit.size();
    const LetterCounts c = CountLetters(credit.substr(start, end - start));
    if (c.upper >= 2 && c.lower == 0) return true;
    start = end + 1;
  }
  return false;
}

}  // namespace

ChromeLine ClassifyChromeLine(std::string_view line) {
  if (line == "Short Url" || line == "Short URL") return ChromeLine::kShortUrl;
  if (line == "Follow") return ChromeLine::kFollow;
  if (line.size() > kUpdatedPrefix.size() &&
      line.substr(0, kUpdatedPrefix.size()) == kUpdatedPrefix && CountWords(line) <= 9) {
    // Any fixed time will do: only whether the text is a date matters here.
    const Result<std::optional<ParsedDate>> date =
        ParseDate(line.substr(kUpdatedPrefix.size()), TimePoint{});
    if (date.ok() && date->has_value()) return ChromeLine::kUpdated;
  }
  if (IsGalleryCounter(line)) return ChromeLine::kGalleryCounter;
  return ChromeLine::kNone;
}

std::string_view UpdatedDateText(std::string_view line) {
  if (line.substr(0, kUpdatedPrefix.size()) != kUpdatedPrefix) return {};
  return line.substr(kUpdatedPrefix.size());
}

std::optional<std::string_view> BulletText(std::string_view line) {
  static constexpr std::array<std::string_view, 6> kMarks = {"•", "●", "▪", "‣", "◦", "·"};
  for (std::string_view mark : kMarks) {
    if (line.size() > mark.size() + 1 && line.substr(0, mark.size()) == mark &&
        line[mark.size()] == ' ') {
      return line.substr(mark.size() + 1);
    }
  }
  return std::nullopt;
}

bool LooksLikeHeading(std::string_view line) {
  if (line.empty() || line.size() > 100 || EndsWithSentencePunctuation(line)) return false;
  const int words = CountWords(line);
  const LetterCounts c = CountLetters(line);
  if (c.upper >= 2 && c.lower == 0 && c.uncased == 0 && words <= 12) return true;
  return words <= 6 && line.size() <= 60 && StartsWithUpper(line) && c.lower > 0 &&
         line.find_first_of(",;:\"") == std::string_view::npos &&
         line.find(". ") == std::string_view::npos;
}

bool LooksLikePhotoCaption(std::string_view line) {
  if (line.size() < 2 || line.back() != ')') return false;
  const std::size_t open = line.rfind('(');
  if (open == std::string_view::npos || open < 2 || line[open - 1] != ' ') return false;
  const std::string_view credit = line.substr(open + 1, line.size() - open - 2);
  if (credit.find(')') != std::string_view::npos) return false;
  return CountWords(line.substr(0, open - 1)) >= 4 && LooksLikeCredit(credit);
}

}  // namespace synd

#include "feeds/ingest/authors.hpp"

#include <algorithm>
#include <optional>

#include "feeds/normalize/date_tokens.hpp"
#include "feeds/normalize/html_text.hpp"

namespace synd {
namespace {

constexpr std::size_t kMaxNameWords = 6;

bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlnum(char c) { return IsAsciiLower(c) || (c >= 'A' && c <= 'Z') || IsAsciiDigit(c); }

// Without the separators bylines put around names: ASCII punctuation and spaces, en and em dashes.
std::string_view TrimPunctuation(std::string_view s) {
  constexpr std::string_view kAsciiEdge = " ,;:|-";
  constexpr std::string_view kDashes[] = {"–", "—"};
  for (bool trimmed = true; trimmed && !s.empty();) {
    trimmed = false;
    if (kAsciiEdge.find(s.front()) != std::string_view::npos) {
      s.remove_prefix(1);
      trimmed = true;
    } else if (kAsciiEdge.find(s.back()) != std::string_view::npos) {
      s.remove_suffix(1);
      trimmed = true;
    }
    for (std::string_view dash : kDashes) {
      if (s.starts_with(dash)) {
        s.remove_prefix(dash.size());
        trimmed = true;
      }
      if (s.ends_with(dash)) {
        s.remove_suffix(dash.size());
        trimmed = true;
      }
    }
  }
  return s;
}

std::size_t WordCount(std::string_view s) {
  return s.empty() ? 0 : 1 + static_cast<std::size_t>(std::count(s.begin(), s.end(), ' '));
}

// "jd@example.org (Jane Doe)" → "Jane Doe"; "Jane Doe <jd@example.org>" → "Jane Doe".
std::string_view NameOfEmailForm(std::string_view s) {
  if (s.find('@') == std::string_view::npos) return s;
  const std::size_t open = s.find('(');
  if (open != std::string_view::npos && s.back() == ')') {
    return TrimPunctuation(s.substr(open + 1, s.size() - open - 2));
  }
  const std::size_t angle = s.find('<');
  if (angle != std::string_view::npos && angle > 0 && s.back() == '>') {
    return TrimPunctuation(s.substr(0, angle));
  }
  return s;
}

// A host name: dot-separated labels of letters, digits and hyphens, the last one letters only.
bool IsHostName(std::string_view s) {
  const std::size_t last_dot = s.rfind('.');
  if (last_dot == std::string_view::npos || s.size() - last_dot < 3) return false;
  for (char c : s) {
    if (!IsAsciiAlnum(c) && c != '-' && c != '.') return false;
  }
  for (std::size_t i = last_dot + 1; i < s.size(); ++i) {
    if (IsAsciiDigit(s[i]) || s[i] == '-') return false;
  }
  return s.find("..") == std::string_view::npos && s.front() != '.';
}

bool IsLoneCalendarWord(std::string_view s) {
  if (s.find(' ') != std::string_view::npos) return false;
  const std::optional<std::vector<date_tokens::Token>> tokens = date_tokens::Tokenize(s);
  if (!tokens || tokens->size() != 1 || (*tokens)[0].kind != date_tokens::TokenKind::kWord) {
    return false;
  }
  return date_tokens::MonthNumber((*tokens)[0]) != 0 || date_tokens::IsWeekday((*tokens)[0]);
}

// Why `name` is not a name, or nullptr when it may be one.
const char* NotANameReason(std::string_view name) {
  if (name.find('@') != std::string_view::npos) return "an e-mail address";
  if (name.find("://") != std::string_view::npos || name.substr(0, 4) == "www.") return "a URL";
  if (IsHostName(name)) return "a domain name";
  if (IsAsciiLower(name.front())) return "starts in lower case";
  if (std::any_of(name.begin(), name.end(), IsAsciiDigit)) return "has a digit";
  if (IsLoneCalendarWord(name)) return "a month or weekday";
  if (WordCount(name) > kMaxNameWords) return "too many words for a name";
  return nullptr;
}

bool EqualsIgnoringAsciiCase(std::string_view a, std::string_view b) {
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [&](char x, char y) { return lower(x) == lower(y); });
}

std::string Quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

}  // namespace

CleanedAuthors CleanAuthors(const std::vector<std::string>& candidates) {
  CleanedAuthors out;
  for (const std::string& candidate : candidates) {
    const std::string text = InlineFieldText(candidate);
    std::string_view name = TrimPunctuation(text);
    if (name.substr(0, 3) == "By " || name.substr(0, 3) == "BY ") {
      name = TrimPunctuation(name.substr(3));
    }
    name = NameOfEmailForm(name);
    if (name.empty()) continue;
    if (const char* reason = NotANameReason(name)) {
      out.dropped.push_back(Quoted(name) + " (" + reason + ")");
      continue;
    }
    const bool repeat = std::any_of(out.names.begin(), out.names.end(), [&](const std::string& n) {
      return EqualsIgnoringAsciiCase(n, name);
    });
    if (!repeat) out.names.emplace_back(name);
  }
  // A lone word listed with full names is page text caught in the byline ("Print", "Share").
  const bool has_full_name = std::any_of(out.names.begin(), out.names.end(),
                                         [](const std::string& n) { return WordCount(n) > 1; });
  if (!has_full_name) return out;
  std::vector<std::string> kept;
  for (std::string& name : out.names) {
    if (WordCount(name) == 1) {
      out.dropped.push_back(Quoted(name) + " (a single word among full names)");
    } else {
      kept.push_back(std::move(name));
    }
  }
  out.names = std::move(kept);
  return out;
}

}  // namespace synd

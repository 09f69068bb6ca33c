#include "feeds/render/words.hpp"

#include <array>

#include "feeds/render/text.hpp"
#include "feeds/render/unicode.hpp"

namespace synd {
namespace {

using unicode::Decode;
using unicode::IsFoldInert;

constexpr std::array<bool, 128> kAsciiWordChar = [] {
  std::array<bool, 128> table{};
  for (int c = '0'; c <= '9'; ++c) table[c] = true;
  for (int c = 'a'; c <= 'z'; ++c) table[c] = true;
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = true;
  return table;
}();

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Appends the folded form of the non-ASCII run that starts at text[i] (with the ASCII
// character before it, which may compose with a mark at the run's start, already in `out`);
// returns the index after the run.
std::size_t AppendFoldedRun(std::string_view text, std::size_t i, std::string& out) {
  constexpr auto kFold = static_cast<utf8proc_option_t>(
      UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
  std::size_t start = i;
  if (start > 0 && static_cast<unsigned char>(text[start - 1]) < 0x80) {
    --start;
    out.pop_back();
  }
  while (i < text.size() && static_cast<unsigned char>(text[i]) >= 0x80) {
    utf8proc_int32_t cp = 0;
    const std::ptrdiff_t len = Decode(text, i, cp);
    if (len > 0 && IsFoldInert(cp)) break;
    i += len > 0 ? static_cast<std::size_t>(len) : 1;
  }
  const std::string_view chunk = text.substr(start, i - start);
  if (!unicode::AppendMapped(out, chunk, kFold) &&
      !unicode::AppendMapped(out, CleanText(chunk), kFold)) {
    out.append(CleanText(chunk));
  }
  return i;
}

}  // namespace

void AppendFolded(std::string_view text, std::string& out) {
  out.reserve(out.size() + text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    for (; text.size() - i >= 8; i += 8) {
      uint64_t v = unicode::Load8(text.data() + i);
      if ((v & unicode::kHighs) != 0) break;
      v = unicode::LowerAscii8(v);
      out.append(reinterpret_cast<const char*>(&v), sizeof v);
    }
    if (i == text.size()) break;
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      out += AsciiLower(text[i++]);
      continue;
    }
    utf8proc_int32_t cp = 0;
    const std::ptrdiff_t len = Decode(text, i, cp);
    if (len > 0 && IsFoldInert(cp)) {
      out.append(text.substr(i, static_cast<std::size_t>(len)));
      i += static_cast<std::size_t>(len);
      continue;
    }
    i = AppendFoldedRun(text, i, out);
  }
}

std::string FoldCase(std::string_view text) {
  std::string out;
  AppendFolded(text, out);
  return out;
}

bool WordCursor::NextFrom(std::size_t start, std::size_t pos, std::string_view& word) {
  const std::string_view s = text_;
  bool in_word = pos > start;
  auto take = [&](std::size_t end) {
    word = s.substr(start, end - start);
    pos_ = end;
    return true;
  };
  while (pos < s.size()) {
    const auto c = static_cast<unsigned char>(s[pos]);
    if (c < 0x80) {
      if (kAsciiWordChar[c]) {
        if (!in_word) start = pos;
        in_word = true;
        ++pos;
        continue;
      }
      if (in_word) return take(pos);
      ++pos;
      continue;
    }
    utf8proc_int32_t cp = 0;
    const std::ptrdiff_t decoded = Decode(s, pos, cp);
    const std::size_t len = decoded < 0 ? 1 : static_cast<std::size_t>(decoded);
    if (decoded < 0 || !unicode::IsWordChar(cp)) {
      if (in_word) return take(pos);
      pos += len;
      continue;
    }
    if (unicode::IsUnspacedScript(cp)) {
      // A word before it ends here; the character itself is the next word.
      if (in_word) return take(pos);
      start = pos;
      return take(pos + len);
    }
    if (!in_word) start = pos;
    in_word = true;
    pos += len;
  }
  pos_ = pos;
  return in_word && take(pos);
}

void SplitWords(std::string_view folded, std::vector<std::string_view>& words) {
  words.clear();
  WordCursor cursor(folded);
  std::string_view word;
  while (cursor.Next(word)) words.push_back(word);
}

}  // namespace synd

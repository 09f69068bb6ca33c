// Words for keyword matching: case folding and word splitting of article text (render stage,
// feed selection). Pure; no locale. Runs for every article at ingest, so it does not allocate
// per word and keeps ASCII away from utf8proc.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace synd {

// Case-insensitive matching form: NFKC + Unicode case folding + default-ignorables removed
// (utf8proc), ASCII lower-cased eight bytes at a time. Any input is accepted (invalid UTF-8
// is cleaned first). AppendFolded appends to `out` (reuse it to avoid allocating).
std::string FoldCase(std::string_view text);
void AppendFolded(std::string_view text, std::string& out);

// The words of folded text: maximal runs of letters, marks and digits. In scripts written
// without spaces (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar) each character is a word
// of its own, so a keyword in those scripts matches as a run of characters (DESIGN.md §7 does
// the same for shingles). Apostrophes, hyphens and other punctuation separate words. Views
// point into the text, which must outlive them.
class WordCursor {
 public:
  explicit WordCursor(std::string_view folded) : text_(folded) {}

  // Sets `word` to the next word; false at the end of the text. Inline for ASCII words, which
  // are most words of most articles; anything else goes to NextFrom.
  bool Next(std::string_view& word) {
    const char* const data = text_.data();
    std::size_t pos = pos_;
    while (pos < text_.size() && ByteClass(data[pos]) == kSeparator) ++pos;
    const std::size_t start = pos;
    while (pos < text_.size() && ByteClass(data[pos]) == kWordByte) ++pos;
    if (pos == start || (pos < text_.size() && ByteClass(data[pos]) == kOther)) {
      return NextFrom(start, pos, word);
    }
    word = text_.substr(start, pos - start);
    pos_ = pos;
    return true;
  }

 private:
  enum : unsigned char { kSeparator, kWordByte, kOther };  // kOther: bytes of non-ASCII
  static unsigned char ByteClass(char c) {
    const auto b = static_cast<unsigned char>(c);
    if (b >= 0x80) return kOther;
    return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') ? kWordByte
                                                                                      : kSeparator;
  }
  // The general case: a word that starts at `start` (the ASCII part before `pos` already
  // scanned), or none when start == pos and text_ has no more words.
  bool NextFrom(std::size_t start, std::size_t pos, std::string_view& word);

  std::string_view text_;
  std::size_t pos_ = 0;
};

// All words of `folded` (WordCursor), replacing the contents of `words`.
void SplitWords(std::string_view folded, std::vector<std::string_view>& words);

}  // namespace synd

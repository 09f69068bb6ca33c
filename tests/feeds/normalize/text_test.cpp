#include "feeds/normalize/text.hpp"

#include <gtest/gtest.h>
#include <utf8proc.h>

#include <cstdlib>
#include <random>

namespace synd {
namespace {

std::string Utf8procNfc(const std::string& s) {
  utf8proc_uint8_t* out = utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(s.c_str()));
  std::string result(reinterpret_cast<const char*>(out));
  std::free(out);
  return result;
}

TEST(NormalizeInline, CleansSpacesInvisiblesAndControls) {
  struct Case {
    std::string in;
    std::string out;
  };
  const Case cases[] = {
      {"  plain   ascii\ttext \n", "plain ascii text"},
      {"non\xC2\xA0"
       "breaking\xE2\x80\xAFspaces\xE3\x80\x80here",
       "non breaking spaces here"},
      {"en\xE2\x80\x82"
       "em\xE2\x80\x83thin\xE2\x80\x89hair\xE2\x80\x8A.",
       "en em thin hair ."},
      {"zero\xE2\x80\x8Bwidth\xE2\x81\xA0joiner\xEF\xBB\xBF!", "zerowidthjoiner!"},
      {"keep\xE2\x80\x8Dzwj\xE2\x80\x8Czwnj", "keep\xE2\x80\x8Dzwj\xE2\x80\x8Czwnj"},
      {"\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB",
       "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB"},
      {"ctl\x01\x07\x1B\x7F chars", "ctl chars"},
      {"c1\xC2\x80\xC2\x9F gone, NEL\xC2\x85space", "c1 gone, NEL space"},
      {"nonchar\xEF\xBF\xBE\xEF\xBF\xBF.", "nonchar."},
      {"bad \xFF byte", "bad \xEF\xBF\xBD byte"},
      {"line\xE2\x80\xA8sep", "line sep"},
      {"<SMM-REO-TXO> & “quotes” — dash", "<SMM-REO-TXO> & “quotes” — dash"},
      {"e\xCC\x81 composes", "\xC3\xA9 composes"},                     // e + U+0301 → é
      {"e\xE2\x80\x8B\xCC\x81", "\xC3\xA9"},                           // after removing ZWSP
      {"\xE1\x84\x80\xE1\x85\xA1", "\xEA\xB0\x80"},                    // Hangul L + V → 가
      {"\xE2\x84\xA6 ohm", "\xCE\xA9 ohm"},                            // singleton U+2126 → Ω
      {"\xEF\xAC\x81 ligature stays", "\xEF\xAC\x81 ligature stays"},  // NFC, not NFKC
      {"مرحبا بالعالم", "مرحبا بالعالم"},
      {"", ""},
      {" \xC2\xA0 \t", ""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(NormalizeInline(c.in), c.out) << c.in;
    EXPECT_EQ(NormalizeInline(c.out), c.out) << "idempotent: " << c.in;
  }
}

TEST(NormalizeInline, MatchesUtf8procNfcOnMixedScripts) {
  // Code points around every fast-path boundary: ASCII, precomposed Latin, combining marks,
  // Hangul jamo and syllables, compatibility characters, Arabic, CJK, emoji.
  const char32_t pool[] = {'a',     'E',    ' ',    0xE9,   0xC5,   0x301,  0x308,  0x323,
                           0x327,   0x1E0B, 0x1100, 0x1161, 0x11A8, 0xAC00, 0xAC01, 0x2126,
                           0x212B,  0xFB01, 0x0627, 0x0653, 0x0622, 0x4E2D, 0x3099, 0x304B,
                           0x1F600, 0x200D, 0x0CC6, 0x0CC2, 0x0B47, 0x0B3E, 0x0344, 0x0F73};
  std::mt19937 rng(12345);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(pool) - 1);
  std::uniform_int_distribution<int> length(1, 12);
  for (int n = 0; n < 20000; ++n) {
    std::string s;
    for (int i = length(rng); i > 0; --i) {
      const char32_t cp = pool[pick(rng)];
      utf8proc_uint8_t buf[4];
      s.append(reinterpret_cast<char*>(buf), utf8proc_encode_char(cp, buf));
    }
    const std::string expected = Utf8procNfc(s);
    EXPECT_EQ(ToNfc(s), expected) << s;
    EXPECT_EQ(NormalizeInline(s), NormalizeInlineReference(s)) << s;
    if (IsCertainlyNfc(s)) {
      EXPECT_EQ(s, expected) << s;
    }
  }
}

// The obvious byte-at-a-time rules for ASCII input, to check the word-at-a-time fast path.
std::string SimpleAsciiNormalize(const std::string& s) {
  std::string out;
  bool pending = false;
  for (char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (b == ' ' || (b >= '\t' && b <= '\r')) {
      pending = true;
    } else if (b > 0x20 && b < 0x7F) {
      if (pending && !out.empty()) out.push_back(' ');
      pending = false;
      out.push_back(c);
    }
  }
  return out;
}

TEST(NormalizeInline, MatchesByteRulesOnAsciiAtEveryAlignment) {
  const char pool[] = {'a', 'Z', ' ', ' ', ' ', '\t', '\n', '\x01', '\x7F', '.', '~', '!'};
  std::mt19937 rng(99);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(pool) - 1);
  std::uniform_int_distribution<int> length(0, 40);
  for (int n = 0; n < 50000; ++n) {
    std::string s;
    for (int i = length(rng); i > 0; --i) s.push_back(pool[pick(rng)]);
    EXPECT_EQ(NormalizeInline(s), SimpleAsciiNormalize(s)) << s;
    EXPECT_EQ(NormalizeInlineReference(s), SimpleAsciiNormalize(s)) << s;
  }
}

TEST(NormalizeLines, SplitsAtAnyLineBreakAndDropsBlankLines) {
  EXPECT_EQ(NormalizeLines("one\r\ntwo\rthree\n\n \xC2\xA0 \nfour\xE2\x80\xA8"
                           "five\xE2\x80\xA9"),
            (std::vector<std::string>{"one", "two", "three", "four", "five"}));
  EXPECT_TRUE(NormalizeLines("\n \n").empty());
}

TEST(TextCodePoints, ClassifySpacesAndRemovedCharacters) {
  for (char32_t cp : {0x20u, 0x09u, 0x0Au, 0x85u, 0xA0u, 0x2000u, 0x200Au, 0x202Fu, 0x3000u}) {
    EXPECT_TRUE(IsSpaceCodePoint(cp)) << static_cast<unsigned>(cp);
  }
  for (char32_t cp : {0x200Bu, 0x2060u, 0xFEFFu, 0x00u, 0x1Fu, 0x7Fu, 0x80u, 0xFFFEu}) {
    EXPECT_TRUE(IsRemovedCodePoint(cp)) << static_cast<unsigned>(cp);
  }
  for (char32_t cp : {0x200Cu, 0x200Du, 0x41u, 0xADu}) {
    EXPECT_FALSE(IsRemovedCodePoint(cp) || IsSpaceCodePoint(cp)) << static_cast<unsigned>(cp);
  }
}

}  // namespace
}  // namespace synd

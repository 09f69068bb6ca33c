#include "feeds/normalize/fold.hpp"

#include <gtest/gtest.h>
#include <utf8proc.h>

#include <cctype>
#include <random>

namespace synd {
namespace {

TEST(FingerprintFold, CaseFoldsAndFoldsQuotesAndDashes) {
  struct Case {
    std::string in;
    std::string out;
  };
  const Case cases[] = {
      {"Myanmar’s ‘sustainable’", "myanmar's 'sustainable'"},
      {"“Quoted,” he said — again – and again ‒ ―", "\"quoted,\" he said - again - and again - -"},
      {"«Guillemets» and „low“", "\"guillemets\" and \"low\""},
      {"STRAßE Ǆ İ", "strasse dž i\xCC\x87"},
      {"\xEF\xAC\x81"
       "nance ①",
       "finance 1"},               // NFKC
      {"ＡＢＣ１２３", "abc123"},  // fullwidth
      {"soft\xC2\xAD"
       "hyphen zw\xE2\x80\x8Dj",
       "softhyphen zwj"},  // default ignorables go
      {"E\xCC\x81"
       "COLE",
       "\xC3\xA9"
       "cole"},                               // É decomposed then composed
      {"e\xE2\x80\x8D\xCC\x81", "\xC3\xA9"},  // ignorable between base and mark
      {"ΑΘΗΝΑ Москва", "αθηνα москва"},
      {"北京 東京 กรุงเทพ", "北京 東京 กรุงเทพ"},
      {"AT&T <SMM-REO-TXO>", "at&t <smm-reo-txo>"},
      {"bad\xFF", "bad\xEF\xBF\xBD"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(FingerprintFold(c.in), c.out) << c.in;
    EXPECT_EQ(FingerprintFoldReference(c.in), c.out) << c.in;
  }
}

TEST(FingerprintFold, FastPathMatchesUtf8procEverywhere) {
  const char32_t pool[] = {'a',     'Z',     ' ',    '\'',   0xC9,   0xE9,   0x301,  0x308,
                           0x323,   0x345,   0x130,  0xDF,   0x1E9E, 0x1100, 0x1161, 0x11A8,
                           0xAC00,  0x3131,  0x314F, 0xFB01, 0x2019, 0x201C, 0x2014, 0xFF21,
                           0x0627,  0x0653,  0x4E2D, 0x3099, 0xFF9E, 0x200D, 0xAD,   0x1D400,
                           0x10400, 0x1F600, 0x0CC6, 0x0CC2, 0x0344, 0x0F73, 0x2126, 0x00A8};
  std::mt19937 rng(777);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(pool) - 1);
  std::uniform_int_distribution<int> length(1, 10);
  for (int n = 0; n < 20000; ++n) {
    std::string s;
    for (int i = length(rng); i > 0; --i) {
      utf8proc_uint8_t buf[4];
      s.append(reinterpret_cast<char*>(buf), utf8proc_encode_char(pool[pick(rng)], buf));
    }
    EXPECT_EQ(FingerprintFold(s), FingerprintFoldReference(s)) << s;
  }
}

TEST(FingerprintFold, LowersAsciiAtEveryAlignment) {
  std::string all;
  for (int c = 1; c < 0x80; ++c) all.push_back(static_cast<char>(c));
  for (std::size_t start = 0; start < 16; ++start) {
    const std::string s = all.substr(start);
    std::string expected = s;
    for (char& c : expected) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(FingerprintFold(s), expected) << start;
  }
}

TEST(FingerprintFold, AppendsAfterExistingText) {
  std::string out = "prefix|";
  AppendFingerprintFold("E\xCC\x81", out);
  EXPECT_EQ(out, "prefix|\xC3\xA9");
}

}  // namespace
}  // namespace synd

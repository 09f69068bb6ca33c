// FindStringStop: the AVX2 and SSE2 scans agree with each other and with a byte-by-byte
// reading of the rule, wherever the stops, escapes and notes fall. (Only one of the two runs in
// the daemon on a given machine; this test runs both.)
#include "feeds/ingest/json_scan.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "feeds/normalize/utf8.hpp"

namespace synd {
namespace {

struct Scan {
  std::size_t stop = 0;
  bool escaped = false;
  bool angle = false, ampersand = false, other_breaks = false;
  bool operator==(const Scan&) const = default;
};

template <typename Find>
Scan ScanWith(Find find, std::string_view s, std::size_t from) {
  TextTraits traits{true};
  Scan r;
  r.stop = find(s, from, traits, r.escaped);
  r.angle = traits.angle;
  r.ampersand = traits.ampersand;
  r.other_breaks = traits.other_breaks;
  return r;
}

// The rule, one character at a time (UTF-8 as DecodeUtf8At reads it).
std::size_t Reference(std::string_view s, std::size_t j, TextTraits& traits, bool& escaped) {
  constexpr std::string_view kPlain = "\"\\/bfnt";
  while (j < s.size()) {
    const auto c = static_cast<unsigned char>(s[j]);
    if (c == '\\' && j + 1 < s.size() && kPlain.find(s[j + 1]) != std::string_view::npos) {
      escaped = true;
      j += 2;
      continue;
    }
    if (c == '"' || c == '\\' || c < 0x20) return j;
    const DecodedCodePoint d = DecodeUtf8At(s, j);
    if (d.code_point == kInvalidCodePoint) return j;
    traits.angle |= c == '<';
    traits.ampersand |= c == '&';
    traits.other_breaks |= d.code_point == 0x2028 || d.code_point == 0x2029;
    j += d.length;
  }
  return j;
}

// Both scans against the rule on `count` random strings of up to `max_length` bytes: letters,
// and a piece of `common` in `common_per_100` draws and of `rare` in `rare_per_100`, scanned from
// a random offset when `anywhere` (which may fall inside a character), else from the start.
void ExpectScansFollowTheRule(unsigned seed, int count, std::size_t max_length,
                              const std::vector<std::string>& common, unsigned common_per_100,
                              const std::vector<std::string>& rare, unsigned rare_per_100,
                              bool anywhere) {
  std::mt19937 rng(seed);
  for (int n = 0; n < count; ++n) {
    std::string s;
    const std::size_t length = rng() % max_length;
    while (s.size() < length) {
      const unsigned r = rng() % 100;
      if (r < common_per_100) {
        s += common[rng() % common.size()];
      } else if (r < common_per_100 + rare_per_100) {
        s += rare[rng() % rare.size()];
      } else {
        s += static_cast<char>('a' + rng() % 26);
      }
    }
    const std::size_t from = anywhere && !s.empty() ? rng() % (s.size() + 1) : 0;
    const Scan expected = ScanWith(Reference, s, from);
    ASSERT_EQ(ScanWith(FindStringStop, s, from), expected) << n << ": " << s << " from " << from;
    ASSERT_EQ(ScanWith(FindStringStopWithoutAvx2, s, from), expected) << n << ": " << s;
  }
}

// Faults of each kind (cut sequences, stray continuation bytes, overlong forms, surrogates, code
// points above U+10FFFF, bytes never in UTF-8) and well-formed characters at the edges of the
// narrower ranges of a sequence's second byte.
const std::vector<std::string> kUtf8Edges = {"\x80",
                                             "\xE2\x80",
                                             "\xC0\xAF",
                                             "\xC1\x80",
                                             "\xE0\x80\x80",
                                             "\xE0\x9F\xBF",
                                             "\xE0\xA0\x80",
                                             "\xED\xA0\x80",
                                             "\xED\x9F\xBF",
                                             "\xF0\x8F\xBF\xBF",
                                             "\xF0\x90\x80\x80",
                                             "\xF0\x9F\x98\x80",
                                             "\xF4\x8F\xBF\xBF",
                                             "\xF4\x90\x80\x80",
                                             "\xF5\x80\x80\x80",
                                             "\xFF",
                                             "\xC2",
                                             "\xE4\xB8",
                                             "\xF0\x9F\x98",
                                             "\xEF\xBB\xBF"};

// Every kind of stop, escape and note, densely, scanned from anywhere.
TEST(JsonScan, BothScansFollowTheRuleOnRandomText) {
  const std::vector<std::string> pieces = {
      "\\n",          "\\\"",     "\\\\", "\\/", "\\t", "\\r",
      "\\u00e9",      "\"",       "\x01", "<",   "&",   "\xE2\x80\xA8",
      "\xE2\x80\xA9", "\xC3\xA9", "\xA8", "\\",  "\\x", "\xE2\x80\x9C"};
  ExpectScansFollowTheRule(11, 20000, 120, pieces, 8, kUtf8Edges, 4, /*anywhere=*/true);
}

// Mostly well-formed text, as articles are, with now and then one fault or one character that
// needs the longer path.
TEST(JsonScan, BothScansFollowTheRuleOnMostlyWellFormedText) {
  const std::vector<std::string> common = {"\xC3\xA9",
                                           "\xE2\x80\x9C",
                                           "\xE2\x80\x9D",
                                           "\xE4\xB8\xAD",
                                           "\xE2\x80\xA8",
                                           "\xE2\x80\xA9",
                                           "\xC2\xA0",
                                           "\\n",
                                           "<",
                                           "&",
                                           "\xEF\xBF\xBD",
                                           "\xE2\x80\x94"};
  std::vector<std::string> rare = kUtf8Edges;
  for (const char* s : {"\"", "\x1F", "\\u00e9"}) rare.push_back(s);
  ExpectScansFollowTheRule(12, 40000, 200, common, 25, rare, 1, /*anywhere=*/false);
}

// An escape at each offset, so that some fall across the 16- and 32-byte steps: the escaped '"'
// or '\\' is a stop byte of its own, and '<' after it must still be noted.
TEST(JsonScan, PassesAnEscapeWhereverItFallsInAStep) {
  for (const std::string escape : {"\\\"", "\\\\", "\\n"}) {
    for (std::size_t at = 0; at < 70; ++at) {
      const std::string s = std::string(at, 'a') + escape + "<b\\u00e9" + std::string(40, 'c');
      const Scan expected = ScanWith(Reference, s, 0);
      ASSERT_EQ(expected.stop, at + 4);
      ASSERT_TRUE(expected.angle);
      ASSERT_EQ(ScanWith(FindStringStop, s, 0), expected) << escape << " at " << at;
      ASSERT_EQ(ScanWith(FindStringStopWithoutAvx2, s, 0), expected) << escape << " at " << at;
    }
  }
}

TEST(JsonScan, StopsAtWhatTheReaderMustCheckAndPassesPlainEscapes) {
  const auto stop = [](std::string_view s) { return ScanWith(FindStringStop, s, 0); };
  EXPECT_EQ(stop("abc\"").stop, 3u);
  EXPECT_EQ(stop("a\\nb\\\"c\\\\d\"").stop, 10u);
  EXPECT_TRUE(stop("a\\nb\"").escaped);
  EXPECT_FALSE(stop("ab\"").escaped);
  EXPECT_EQ(stop("ab\\u00e9\"").stop, 2u);  // the reader checks \u escapes
  EXPECT_EQ(stop("ab\\r\"").stop, 2u);      // and notes \r
  EXPECT_EQ(stop("ab\x1f").stop, 2u);       // a control byte ends the scan
  EXPECT_EQ(stop(std::string(100, 'x')).stop, 100u);
}

}  // namespace
}  // namespace synd

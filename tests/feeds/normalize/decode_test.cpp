#include "feeds/normalize/decode.hpp"

#include <gtest/gtest.h>

namespace synd {
namespace {

TEST(DecodeText, RemovesBomAndUnifiesLineEnds) {
  struct Case {
    std::string bytes;
    std::string text;
  };
  const Case cases[] = {
      {"a\r\nb\rc\nd", "a\nb\nc\nd"},
      {"\xEF\xBB\xBFtitle\r\n\r\nbody", "title\n\nbody"},
      {"\r\r\n\n", "\n\n\n"},
      {"\xEF\xBB\xBF\xEF\xBB\xBFtwice", "twice"},  // found by fuzz_normalize
      {"no final newline", "no final newline"},
      {"caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D", "café “quoted”"},
  };
  for (const Case& c : cases) {
    Result<DecodedText> d = DecodeText(c.bytes);
    ASSERT_TRUE(d.ok()) << c.bytes;
    EXPECT_EQ(d->text, c.text) << c.bytes;
    EXPECT_EQ(d->encoding, "utf-8") << c.bytes;
    EXPECT_TRUE(d->warnings.empty()) << c.bytes;
    EXPECT_TRUE(IsDecodedText(d->text)) << c.bytes;
  }
}

TEST(DecodeText, FallsBackToWindows1252WithAWarning) {
  struct Case {
    std::string bytes;
    std::string text;
  };
  const Case cases[] = {
      {"caf\xE9", "café"},  // a lone lead byte at the end of ASCII text is Windows-1252
      {"\x93quoted\x94 \x96 \x80 \x85", "“quoted” – € …"},
      {"Stra\xDF"
       "e\r\n\x81",
       "Straße\n\xC2\x81"},                           // unassigned bytes map to C1 controls
      {"\xC3\xA9 then \xE9 more", "Ã© then é more"},  // one bad byte decodes the whole file
  };
  for (const Case& c : cases) {
    Result<DecodedText> d = DecodeText(c.bytes);
    ASSERT_TRUE(d.ok()) << c.bytes;
    EXPECT_EQ(d->text, c.text) << c.bytes;
    EXPECT_EQ(d->encoding, "windows-1252") << c.bytes;
    ASSERT_EQ(d->warnings.size(), 1u) << c.bytes;
    EXPECT_NE(d->warnings[0].find("decoded as Windows-1252"), std::string::npos);
    EXPECT_TRUE(IsDecodedText(d->text)) << c.bytes;
  }
}

TEST(DecodeText, RejectsUtf8CutInsideACharacter) {
  for (std::string bytes :
       {"caf\xC3\xA9 \xC3", "\xE2\x80\x9Cquote \xE2\x80", "x \xC3\xA9\xF0\x9F\x98"}) {
    Result<DecodedText> d = DecodeText(bytes);
    ASSERT_FALSE(d.ok()) << bytes;
    EXPECT_NE(d.status().message().find("truncated"), std::string::npos) << d.status().message();
  }
}

TEST(DecodeText, RejectsOverlongsAndSurrogatesAsUtf8) {
  for (std::string bytes : {"\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE0\x80\xAF"}) {
    Result<DecodedText> d = DecodeText(bytes);
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->encoding, "windows-1252") << bytes;
  }
}

}  // namespace
}  // namespace synd

// ParseJsonBytes, the JSON parse of a file's bytes before decoding: it gives what decoding and
// ParseJson give, and leaves to them every file that is not its own decoded text (CR, bytes
// that are not UTF-8) or that needs Boost.JSON.
#include <gtest/gtest.h>

#include "feeds/ingest/ingest.hpp"
#include "feeds/ingest/json_format.hpp"
#include "feeds/model/article_json.hpp"
#include "feeds/normalize/decode.hpp"
#include "tests/support/temp_dir.hpp"

namespace synd {
namespace {

const TimePoint kReference = FromCivil(2025, 4, 22, 12, 0, 0);

struct Parsed {
  std::vector<std::string> articles;  // serialized
  std::vector<std::string> warnings;
};

std::vector<std::string> Serialized(const std::vector<Article>& articles) {
  std::vector<std::string> out;
  for (const Article& a : articles) out.push_back(SerializeArticle(a));
  return out;
}

std::optional<Parsed> FromBytes(std::string_view bytes) {
  Parsed p;
  std::optional<std::vector<Article>> articles =
      ParseJsonBytes(ParseContext{bytes, kReference, &p.warnings});
  if (!articles) {
    EXPECT_TRUE(p.warnings.empty()) << "a declined parse adds no warning";
    return std::nullopt;
  }
  p.articles = Serialized(*articles);
  return p;
}

Parsed FromDecodedText(std::string_view bytes) {
  Result<DecodedText> decoded = DecodeText(bytes);
  Parsed p;
  EXPECT_TRUE(decoded.ok()) << decoded.status().message();
  if (!decoded.ok()) return p;
  Result<std::vector<Article>> articles =
      ParseJson(ParseContext{decoded->text, kReference, &p.warnings});
  EXPECT_TRUE(articles.ok()) << articles.status().message();
  if (articles.ok()) p.articles = Serialized(*articles);
  return p;
}

void ExpectSameAsDecoding(std::string_view bytes, std::string_view name) {
  const std::optional<Parsed> fast = FromBytes(bytes);
  ASSERT_TRUE(fast.has_value()) << name << " is read from its bytes";
  const Parsed slow = FromDecodedText(bytes);
  EXPECT_EQ(fast->articles, slow.articles) << name;
  EXPECT_EQ(fast->warnings, slow.warnings) << name;
}

std::string Line(int i, std::string_view text) {
  return "{\"title\": \"Story " + std::to_string(i) + "\", \"maintext\": \"" + std::string(text) +
         "\", \"date_publish\": \"2025-04-22 10:00:00\", \"authors\": [\"Jane Doe\"], "
         "\"url\": \"https://news.example/" +
         std::to_string(i) + "\", \"source_domain\": \"news.example\"}\n";
}

TEST(JsonBytes, GiveWhatDecodingAndParseJsonGive) {
  // Text of every kind the scan passes or stops at: multi-byte characters of each length, a
  // line separator written out, markup, references, escapes; records skipped with warnings.
  std::string lines;
  const std::string texts[] = {
      "Plain \\\"quoted\\\" text.\\nSecond paragraph.",
      "Caf\xC3\xA9 \xE2\x80\x9Cquotes\xE2\x80\x9D \xE4\xB8\xAD\xE6\x96\x87 \xF0\x9F\x98\x80 "
      "\xE0\xA4\x85 \xED\x9F\xBF end.\\nNext.",
      "One line\xE2\x80\xA8"
      "and another\xE2\x80\xA9"
      "and a third.",
      "<p>HTML <b>body</b> &amp; more</p><p>Second</p>",
      "Tom &amp; Jerry\\n\\n\\u00e9t\\u00e9 \\u2028 split",
  };
  for (int i = 0; i < 70; ++i) lines += Line(i, texts[i % std::size(texts)]);
  lines += "{\"title\": \"No text\"}\n\n   \n";
  lines += Line(70, texts[0]);
  ExpectSameAsDecoding(lines, "JSON Lines");
  ExpectSameAsDecoding("[" + Line(1, texts[1]) + "," + Line(2, texts[2]) + "]", "an array");
  // Lines the fast reader leaves to Boost.JSON (a fraction, an array), late in the file: the
  // rest of the bytes is checked, and reading goes on without a second parse.
  ExpectSameAsDecoding(lines + "{\"title\": \"T\", \"text\": \"x\", \"score\": 0.5}\n" + lines,
                       "JSON Lines with a fraction");
  ExpectSameAsDecoding(lines + "[1, 2]\n" + Line(71, texts[1]), "JSON Lines with an array line");
  for (const char* name : {"real/fundus/Reuters.json", "real/news-please/sample.json",
                           "real/newspaper4k/time_001.json", "real/trafilatura/rover_dust.json"}) {
    const std::string bytes = testing::ReadFile(testing::DataFile(name));
    ExpectSameAsDecoding(bytes, name);
  }
}

TEST(JsonBytes, LeaveToDecodingWhatIsNotItsOwnDecodedText) {
  const std::string good = Line(1, "Text.");
  ASSERT_TRUE(FromBytes(good).has_value());
  const std::string cases[] = {
      good.substr(0, good.size() - 1) + "\r\n" + good,        // CRLF
      good + "\r" + good,                                     // a lone CR between lines
      Line(1, "caf\xE9"),                                     // Windows-1252
      Line(1, "\xC0\xAF overlong"),                           //
      Line(1, "\xED\xA0\x80 surrogate"),                      //
      "\xEF\xBB\xBF" + good,                                  // a BOM (ParseDump removes it first)
      "{\"title\": \"T\", \"text\": \"x\", \"score\": 0.5}",  // a fraction: Boost.JSON's
      // A line for Boost.JSON, with a CR or a byte that is not UTF-8 after it.
      good + "{\"title\": \"T\", \"text\": \"x\", \"score\": 0.5}\r\n" + good,
      good + "[1, 2]\n" + Line(2, "caf\xE9"),
      "{\"title\": \"T\", \"text\": \"x\"",  // a syntax error
      "{\"title\": \"Only a title\"}",       // no usable article
  };
  for (const std::string& bytes : cases) EXPECT_FALSE(FromBytes(bytes).has_value()) << bytes;
}

// ParseDump takes the bytes path where it can and decodes otherwise; both give the dump.
TEST(JsonBytes, ParseDumpGivesTheSameDumpEitherWay) {
  const std::string lines = Line(1, "Caf\xC3\xA9.\\nMore.") + Line(2, "Two.");
  std::string crlf = lines;
  for (std::size_t at = crlf.find('\n'); at != std::string::npos; at = crlf.find('\n', at + 2)) {
    crlf.insert(at, "\r");
  }
  const Result<ParsedDump> a = ParseDump(DumpInput{lines, "a.jsonl", kReference});
  const Result<ParsedDump> b = ParseDump(DumpInput{crlf, "a.jsonl", kReference});
  const Result<ParsedDump> c = ParseDump(DumpInput{"\xEF\xBB\xBF" + lines, "a.jsonl", kReference});
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(Serialized(a->articles), Serialized(b->articles));
  EXPECT_EQ(Serialized(a->articles), Serialized(c->articles));
  EXPECT_EQ(a->fingerprint_texts, b->fingerprint_texts);
  EXPECT_EQ(a->format, "json");
  EXPECT_EQ(b->format, "json");
  // Windows-1252 is decoded, with its warning, in every article.
  const Result<ParsedDump> d = ParseDump(DumpInput{Line(1, "caf\xE9"), "d.jsonl", kReference});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->articles.at(0).body.at(0).text, "caf\xC3\xA9");
  EXPECT_NE(d->warnings.at(0).find("Windows-1252"), std::string::npos);
}

}  // namespace
}  // namespace synd

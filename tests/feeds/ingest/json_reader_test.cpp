// FastJsonReader: inside its subset it gives exactly what Boost.JSON gives (compared as
// JsonDocuments, the form the mappers read); outside it gives up (so Boost.JSON parses the input
// and reports errors), never a different value. Also the traits it notes on strings.
#include "feeds/ingest/json_reader.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace synd {
namespace {

namespace json = boost::json;

// Boost.JSON's value of `text` as a document (the value is kept alive with it).
struct Converted {
  explicit Converted(std::string_view text) : value(json::parse(text)) { doc.Convert(value); }
  json::value value;
  JsonDocument doc;
};

TEST(FastJsonReader, GivesWhatBoostJsonGivesForRecords) {
  const std::string_view cases[] = {
      R"({})",
      R"([])",
      R"(  {"title": "A", "text": "B"}  )",
      "{\"text\": \"line one\\nline two\\r\\n\\ttab \\\"quoted\\\" back\\\\slash \\/ \\b\\f\"}",
      R"({"a": "caf\u00e9 \u20AC \ud83d\ude00 \u0000 end"})",
      R"({"n": 0, "m": -12, "big": 123456789012345678, "t": true, "f": false, "z": null})",
      R"({"authors": ["Jane Doe", "John Roe"], "empty": [], "mixed": [1, "x", null, false]})",
      R"([{"title": "one"}, {"title": "two"} , {}])",
      "{\"utf8\": \"\xC3\xA9\xE2\x80\x99 long enough to take the sixteen-byte step twice over\"}",
      "\n{\"k\"\t:\n\"v\"\n}\n",
      // An escaped key, then an escaped value: the key must survive the value's unescaping.
      R"({"k\u00e9y": "v\n1", "x\ty": ["a\"b", "c"], "plain": "\u00e9"})",
      // Nested as fundus nests its records, and any array.
      R"({"V1": {"title": "T", "body": {"summary": ["s"], "sections": [{"headline": [],)"
      R"( "paragraphs": ["p1", "p2"]}]}, "images": [{"versions": [{"url": "u"}]}]}})",
      R"({"sections": [[1, [2, []]], {}], "a": {"b": {"c": null}}})",
      R"([{"a": 1}, 2, "x", [], {}])",
      R"([1, 2])",
  };
  for (std::string_view text : cases) {
    JsonDocument doc;
    ASSERT_TRUE(FastJsonReader::Parse(text, doc)) << text;
    EXPECT_TRUE(doc.root() == Converted(text).doc.root()) << text;
  }
}

TEST(FastJsonReader, GivesUpOutsideItsSubset) {
  const std::string_view cases[] = {
      "",
      "   ",
      R"("just a string")",
      R"(42)",
      R"({"x": 1.5})",                  // fraction
      R"({"x": 1e3})",                  // exponent
      R"({"x": 1234567890123456789})",  // more digits than always fit
      R"({"x": -0})",                   // Boost.JSON keeps the sign of zero
      R"({"x": 01})",                   // leading zero: invalid
      R"({"a": 1, "a": 2})",            // duplicate key
      R"({"a": 1, "\u0061": 2})",       // duplicate key, escaped
      R"({"a": "\ud800"})",             // lone surrogate
      R"({"a": "\udc00"})",             // lone low surrogate
      R"({"a": "\x"})",                 // unknown escape
      "{\"a\": \"raw\ncontrol\"}",      // control character in a string
      R"({"a": "unterminated)",         //
      R"({"a": 1,})",                   // trailing comma
      R"({"a" 1})",                     // missing colon
      R"({"a": tru})",                  // broken literal
      R"({"a": 1} {"b": 2})",           // a second value
      R"({"a": 1} x)",                  // trailing garbage
      // Not text DecodeText leaves as it is: a CR (in white space or a string), bytes that are
      // not UTF-8 (Windows-1252, an overlong form, a surrogate, a cut sequence), a BOM.
      "{\"a\": 1}\r\n",
      "{\"a\":\r1}",
      "{\"a\": \"x\ry\"}",
      "{\"a\": \"caf\xE9\"}",
      "{\"a\": \"\xC0\xAF\"}",
      "{\"a\": \"\xED\xA0\x80\"}",
      "{\"a\": \"\xE2\x80\"}",
      "{\"a\": \"a long string, so that the cut sequence is read 32 bytes at a time \xE2\x80\"}",
      "\xEF\xBB\xBF{\"a\": 1}",
      "{\"\xE9\": 1}",
  };
  for (std::string_view text : cases) {
    JsonDocument doc;
    EXPECT_FALSE(FastJsonReader::Parse(text, doc)) << text;
  }
}

TEST(FastJsonReader, LeavesDeepNestingToBoostJson) {
  const auto nested = [](int depth) {
    return "{\"a\": " + std::string(static_cast<std::size_t>(depth - 1), '[') + "1" +
           std::string(static_cast<std::size_t>(depth - 1), ']') + "}";
  };
  JsonDocument doc;
  const std::string sixteen = nested(16);  // the document's strings are views of it
  ASSERT_TRUE(FastJsonReader::Parse(sixteen, doc));
  EXPECT_TRUE(doc.root() == Converted(sixteen).doc.root());
  EXPECT_FALSE(FastJsonReader::Parse(nested(17), doc));
  std::size_t pos = 0;
  const std::string line = nested(17) + "\n";
  EXPECT_FALSE(FastJsonReader::ParseLine(line, pos, doc));
  EXPECT_EQ(pos, 0u);
}

TEST(FastJsonReader, OneDocumentServesManyValues) {
  JsonDocument doc;
  for (int i = 0; i < 3; ++i) {
    const std::string text = R"({"i": ")" + std::string(static_cast<std::size_t>(i) * 40, 'x') +
                             R"(\n", "j": )" + std::to_string(i) + "}";
    ASSERT_TRUE(FastJsonReader::Parse(text, doc)) << text;
    EXPECT_TRUE(doc.root() == Converted(text).doc.root()) << text;
  }
}

TEST(FastJsonReader, KeepsStringsAsWrittenAndNotesWhatTheyHold) {
  const std::string text =
      R"({"plain": "a b", "esc": "x\ny \"q\"", "html": "<p>A</p>", "amp": "S&P",)"
      R"( "uamp": "\u0026", "ult": "\u003c", "cr": "a\rb", "ulf": "a\u000ab",)"
      "\"ls\": \"a\xE2\x80\xA8"
      "b\", \"useps\": \"\\u2029\"}";
  JsonDocument doc;
  ASSERT_TRUE(FastJsonReader::Parse(text, doc)) << text;
  const JsonNode& o = doc.root();
  EXPECT_EQ(o.Find("plain")->raw(), "a b");
  EXPECT_FALSE(o.Find("plain")->escaped());
  EXPECT_EQ(o.Find("esc")->raw(), R"(x\ny \"q\")");
  EXPECT_TRUE(o.Find("esc")->escaped());
  EXPECT_EQ(o.Find("esc")->Text(), "x\ny \"q\"");
  const auto traits = [&](std::string_view key) { return o.Find(key)->traits(); };
  EXPECT_TRUE(traits("plain").known);
  EXPECT_FALSE(traits("plain").angle || traits("plain").ampersand || traits("plain").other_breaks);
  EXPECT_FALSE(traits("esc").other_breaks);  // "\n" is the break the text builder splits at
  EXPECT_TRUE(traits("html").angle);
  EXPECT_TRUE(traits("amp").ampersand);
  EXPECT_TRUE(traits("uamp").ampersand);
  EXPECT_TRUE(traits("ult").angle);
  EXPECT_TRUE(traits("cr").other_breaks);
  EXPECT_TRUE(traits("ulf").other_breaks);
  EXPECT_TRUE(traits("ls").other_breaks);
  EXPECT_TRUE(traits("useps").other_breaks);
  EXPECT_FALSE(traits("html").ampersand || traits("amp").angle);
}

TEST(FastJsonReader, NotesMarkupAnywhereInALongString) {
  // Past the 16- and 32-byte steps, and just before the closing quote or an escape.
  for (std::size_t at : {0u, 15u, 16u, 17u, 47u, 63u}) {
    std::string body(64, 'x');
    body[at] = '&';
    for (const std::string& text :
         {R"({"t": ")" + body + R"("})", R"({"t": ")" + body + R"(\n"})",
          // Escapes the scan passes over itself, just before and in the same step as the '&'.
          R"({"t": "\n\"\\)" + body + R"("})"}) {
      JsonDocument doc;
      ASSERT_TRUE(FastJsonReader::Parse(text, doc)) << text;
      EXPECT_TRUE(doc.root().Find("t")->traits().ampersand) << at << " " << text;
      EXPECT_FALSE(doc.root().Find("t")->traits().angle) << at;
    }
  }
}

TEST(FastJsonReader, ParseLineReadsOneObjectAloneOnItsLine) {
  struct Case {
    std::string_view text;
    std::size_t from;
    std::string_view object;  // what the line holds
    std::size_t next;         // where the next line starts
  };
  const Case cases[] = {
      {"{\"a\": \"x\\ny\"}\n{\"b\": 1}", 0, R"({"a": "x\ny"})", 14},
      {"{\"a\": \"x\\ny\"}\n{\"b\": 1}", 14, R"({"b": 1})", 22},
      {" \t{\"a\": [1, \"b\"]} \nrest", 0, R"({"a": [1, "b"]})", 19},
  };
  for (const Case& c : cases) {
    JsonDocument doc;
    std::size_t pos = c.from;
    ASSERT_TRUE(FastJsonReader::ParseLine(c.text, pos, doc)) << c.text << " from " << c.from;
    EXPECT_TRUE(doc.root() == Converted(c.object).doc.root()) << c.text;
    EXPECT_EQ(pos, c.next) << c.text;
  }
}

TEST(FastJsonReader, ParseLineGivesUpOnAnObjectNotAloneOnItsLine) {
  const std::string_view cases[] = {
      "\n{\"a\": 1}",             // a blank line first
      "{\"a\":\n 1}",             // the object crosses a line
      "{\"a\": 1} {\"b\": 2}\n",  // a second value on the line
      "{\"a\": 1} x",             // trailing garbage
      "[{\"a\": 1}]",             // not an object
      "{\"a\": \"raw\ncontrol\"}",
      "{\"a\": 1}\r\n",  // CRLF: the bytes are not decoded text
  };
  for (std::string_view text : cases) {
    JsonDocument doc;
    std::size_t pos = 0;
    EXPECT_FALSE(FastJsonReader::ParseLine(text, pos, doc)) << text;
    EXPECT_EQ(pos, 0u) << text;
  }
}

}  // namespace
}  // namespace synd

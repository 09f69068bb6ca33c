// FlatJsonReader: inside its subset it gives exactly what Boost.JSON gives; outside it gives up
// (so Boost.JSON parses the input and reports errors), never a different value.
#include "feeds/ingest/json_flat.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace synd {
namespace {

namespace json = boost::json;

TEST(FlatJsonReader, GivesWhatBoostJsonGivesForFlatRecords) {
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
      "\n{\"k\"\t:\r\n\"v\"\n}\n",
      // An escaped key, then an escaped value: the key must survive the value's unescaping.
      R"({"k\u00e9y": "v\n1", "x\ty": ["a\"b", "c"], "plain": "\u00e9"})",
  };
  for (std::string_view text : cases) {
    FlatJsonReader reader;
    const std::optional<json::value> flat = reader.Parse(text, {});
    ASSERT_TRUE(flat.has_value()) << text;
    EXPECT_EQ(*flat, json::parse(text)) << text;
    EXPECT_EQ(json::serialize(*flat), json::serialize(json::parse(text))) << text;
  }
}

TEST(FlatJsonReader, GivesUpOutsideItsSubset) {
  const std::string_view cases[] = {
      "",
      "   ",
      R"("just a string")",
      R"(42)",
      R"({"body": {"summary": []}})",   // nested object
      R"({"sections": [[1]]})",         // nested array
      R"([{"a": 1}, 2])",               // array of something other than objects
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
  };
  for (std::string_view text : cases) {
    FlatJsonReader reader;
    EXPECT_FALSE(reader.Parse(text, {}).has_value()) << text;
  }
}

TEST(FlatJsonReader, OneReaderServesManyDocuments) {
  FlatJsonReader reader;
  for (int i = 0; i < 3; ++i) {
    const std::string text = R"({"i": ")" + std::string(static_cast<std::size_t>(i) * 40, 'x') +
                             R"(\n", "j": )" + std::to_string(i) + "}";
    const std::optional<json::value> flat = reader.Parse(text, {});
    ASSERT_TRUE(flat.has_value()) << text;
    EXPECT_EQ(*flat, json::parse(text)) << text;
  }
}

TEST(FlatJsonReader, ParseLineReadsOneObjectAloneOnItsLine) {
  struct Case {
    std::string_view text;
    std::size_t from;
    std::string_view object;  // what the line holds
    std::size_t next;         // where the next line starts
  };
  const Case cases[] = {
      {"{\"a\": \"x\\ny\"}\n{\"b\": 1}", 0, R"({"a": "x\ny"})", 14},
      {"{\"a\": \"x\\ny\"}\n{\"b\": 1}", 14, R"({"b": 1})", 22},
      {" \t{\"a\": [1, \"b\"]} \r\nrest", 0, R"({"a": [1, "b"]})", 20},
  };
  for (const Case& c : cases) {
    FlatJsonReader reader;
    std::size_t pos = c.from;
    const std::optional<json::value> line = reader.ParseLine(c.text, pos, {});
    ASSERT_TRUE(line.has_value()) << c.text << " from " << c.from;
    EXPECT_EQ(*line, json::parse(c.object)) << c.text;
    EXPECT_EQ(pos, c.next) << c.text;
  }
}

TEST(FlatJsonReader, ParseLineGivesUpOnAnObjectNotAloneOnItsLine) {
  const std::string_view cases[] = {
      "\n{\"a\": 1}",             // a blank line first
      "{\"a\":\n 1}",             // the object crosses a line
      "{\"a\": 1} {\"b\": 2}\n",  // a second value on the line
      "{\"a\": 1} x",             // trailing garbage
      "[{\"a\": 1}]",             // not an object
      "{\"a\": \"raw\ncontrol\"}",
  };
  for (std::string_view text : cases) {
    FlatJsonReader reader;
    std::size_t pos = 0;
    EXPECT_FALSE(reader.ParseLine(text, pos, {}).has_value()) << text;
    EXPECT_EQ(pos, 0u) << text;
  }
}

}  // namespace
}  // namespace synd

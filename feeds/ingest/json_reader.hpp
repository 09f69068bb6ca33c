// A fast reader for the JSON scraper records are (ingest stage): objects and arrays, nested up
// to a bound, of strings, integers, booleans and null. It reads into a JsonDocument without
// copying strings: each stays a view of its escaped text, with what the reader saw in it (markup
// characters, unusual line breaks) noted, so that an article's text is unescaped, if at all, only
// as it is normalized. It accepts a strict subset of JSON and gives up on anything else
// (fractions, exponents, big numbers, duplicate keys, deep nesting, any syntax error), so that
// Boost.JSON parses those inputs and reports every error. It also gives up on text that is not
// UTF-8 or holds a CR (JSON allows CR as white space; decoded text has none), so that what it
// reads is text DecodeText would leave as it is: it can read a file's bytes before they are
// decoded (ParseJsonBytes). Pure.
#pragma once

#include <cstddef>
#include <string_view>

#include "feeds/ingest/json_node.hpp"

namespace synd {

class FastJsonReader {
 public:
  // Reads `text` (spaces, tabs and LFs around it allowed) into `doc` when it is an object or an
  // array in the subset; the document's value then equals the one converted from what
  // boost::json::parse gives. False: not in the subset, not UTF-8, or a CR (parse it with
  // Boost.JSON, after decoding); `doc` is left to be reset.
  static bool Parse(std::string_view text, JsonDocument& doc);

  // One line of JSON Lines: the object in the subset that starts at `pos` in `text` (spaces and
  // tabs before it allowed), when it and the white space after it end at an LF or the end of
  // `text` without crossing an LF; `pos` then moves past that LF. Spares finding the line's end
  // first. False (`pos` unchanged): not in the subset, not alone on its line, not UTF-8, or a CR.
  static bool ParseLine(std::string_view text, std::size_t& pos, JsonDocument& doc);
};

}  // namespace synd

// A fast reader for the flat JSON most scraper records are (ingest stage): an object, or an
// array of objects, whose members are strings, integers, booleans, null or arrays of those.
// Boost.JSON copies a string one byte at a time after its first escape, and article text is
// full of "\n"; this reader copies the runs between escapes whole. It accepts a strict subset of
// JSON and gives up on anything else (nested objects, fractions, big numbers, duplicate keys,
// any syntax error), so that Boost.JSON parses those inputs and reports every error. Pure.
#pragma once

#include <boost/json/storage_ptr.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace synd {

class FlatJsonReader {
 public:
  // The value of `text` (white space around it allowed) when it is a flat object or an array of
  // flat objects, allocated from `storage`; equal to what boost::json::parse gives for it.
  // nullopt: not in the subset; parse it with Boost.JSON. One reader serves many calls (it
  // keeps its buffer); not thread-safe.
  std::optional<boost::json::value> Parse(std::string_view text, boost::json::storage_ptr storage);

  // One line of JSON Lines: the flat object that starts at `pos` in `text` (spaces and tabs
  // before it allowed), when it and the white space after it end at an LF or the end of `text`
  // without crossing an LF; `pos` then moves past that LF. Spares finding the line's end first.
  // nullopt (`pos` unchanged): not in the subset, or not alone on its line.
  std::optional<boost::json::value> ParseLine(std::string_view text, std::size_t& pos,
                                              boost::json::storage_ptr storage);

 private:
  std::string scratch_;  // the string being read, unescaped
};

}  // namespace synd

// Fuzzes the JSON parser (objects, arrays, wrappers, JSON Lines, every scraper mapper) as the
// daemon calls it: ParseDump on the raw bytes, and the same pipeline forced onto that parser.
// Also holds FlatJsonReader to its contract: any value it gives is the one Boost.JSON gives, for
// a whole document (Parse) and for each line of JSON Lines (ParseLine).
#include <algorithm>
#include <boost/json/parse.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "feeds/ingest/json_flat.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

// What Boost.JSON makes of `text`, or nullopt when it rejects it.
std::optional<boost::json::value> BoostValue(std::string_view text) {
  boost::json::parse_options options;
  options.allow_invalid_utf8 = true;  // the reader does not check UTF-8; ParseDump does
  boost::json::error_code ec;
  boost::json::value value = boost::json::parse(text, ec, {}, options);
  if (ec) return std::nullopt;
  return value;
}

void CheckFlatReader(std::string_view text) {
  const std::optional<boost::json::value> flat = synd::FlatJsonReader().Parse(text, {});
  if (!flat) return;
  const std::optional<boost::json::value> expected = BoostValue(text);
  synd::fuzz::Require(expected.has_value(), "the flat reader accepts only what Boost.JSON accepts");
  synd::fuzz::Require(*flat == *expected, "the flat reader gives Boost.JSON's value");
}

// Each line through ParseLine: an object it gives is Boost.JSON's value of that line, and it
// moves exactly past the line; when it gives up it leaves the position alone.
void CheckLineReader(std::string_view text) {
  synd::FlatJsonReader reader;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t eol = text.find('\n', start);
    if (eol == std::string_view::npos) eol = text.size();
    std::size_t pos = start;
    const std::optional<boost::json::value> line = reader.ParseLine(text, pos, {});
    if (line) {
      const std::optional<boost::json::value> expected =
          BoostValue(text.substr(start, eol - start));
      synd::fuzz::Require(expected.has_value(), "ParseLine accepts only what Boost.JSON accepts");
      synd::fuzz::Require(*line == *expected && line->is_object(),
                          "ParseLine gives Boost.JSON's object for the line");
      synd::fuzz::Require(pos == std::min(eol + 1, text.size()), "ParseLine moves past the line");
    } else {
      synd::fuzz::Require(pos == start, "ParseLine leaves the position alone when it gives up");
    }
    start = eol + 1;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const synd::DumpInput input = synd::fuzz::Input(data, size);
  CheckFlatReader(input.bytes);
  CheckLineReader(input.bytes);
  synd::fuzz::CheckDump(synd::ParseDumpAs(input, "json"));
  synd::fuzz::CheckDump(synd::ParseDump(input));
  return 0;
}

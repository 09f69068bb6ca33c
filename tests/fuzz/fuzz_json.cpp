// Fuzzes the JSON parser (objects, arrays, wrappers, JSON Lines, every scraper mapper) as the
// daemon calls it: ParseDump on the raw bytes, and the same pipeline forced onto that parser.
// Also holds FlatJsonReader to its contract: any value it gives is the one Boost.JSON gives.
#include <boost/json/parse.hpp>
#include <cstddef>
#include <cstdint>

#include "feeds/ingest/json_flat.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

void CheckFlatReader(std::string_view text) {
  const std::optional<boost::json::value> flat = synd::FlatJsonReader().Parse(text, {});
  if (!flat) return;
  boost::json::parse_options options;
  options.allow_invalid_utf8 = true;  // the reader does not check UTF-8; ParseDump does
  boost::json::error_code ec;
  const boost::json::value expected = boost::json::parse(text, ec, {}, options);
  synd::fuzz::Require(!ec, "the flat reader accepts only what Boost.JSON accepts");
  synd::fuzz::Require(*flat == expected, "the flat reader gives Boost.JSON's value");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const synd::DumpInput input = synd::fuzz::Input(data, size);
  CheckFlatReader(input.bytes);
  synd::fuzz::CheckDump(synd::ParseDumpAs(input, "json"));
  synd::fuzz::CheckDump(synd::ParseDump(input));
  return 0;
}

// Fuzzes the header-text parser (--- metadata header, then text) as the daemon calls it:
// ParseDump on the raw bytes, and the same pipeline forced onto that parser.
#include <cstddef>
#include <cstdint>

#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const synd::DumpInput input = synd::fuzz::Input(data, size);
  synd::fuzz::CheckDump(synd::ParseDumpAs(input, "header-text"));
  synd::fuzz::CheckDump(synd::ParseDump(input));
  return 0;
}

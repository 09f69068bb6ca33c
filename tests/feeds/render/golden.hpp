// Golden-file comparison for render tests: byte for byte against tests/data/render/<name>.
// SYND_UPDATE_GOLDENS=1 rewrites the goldens instead (then review the diff before committing).
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "tests/support/temp_dir.hpp"

namespace synd::testing {

inline void ExpectGolden(std::string_view name, const std::string& actual) {
  const std::filesystem::path path = DataFile("render") / name;
  if (std::getenv("SYND_UPDATE_GOLDENS") != nullptr) {
    WriteFile(path, actual);
    return;
  }
  ASSERT_TRUE(std::filesystem::exists(path))
      << path << " is missing; run with SYND_UPDATE_GOLDENS=1";
  const std::string expected = ReadFile(path);
  if (expected == actual) return;
  std::size_t at = 0;
  while (at < expected.size() && at < actual.size() && expected[at] == actual[at]) ++at;
  const std::size_t from = at > 80 ? at - 80 : 0;
  ADD_FAILURE() << name << " differs from its golden at byte " << at << "\n--- expected:\n"
                << expected.substr(from, 200) << "\n--- actual:\n"
                << actual.substr(from, 200);
}

}  // namespace synd::testing

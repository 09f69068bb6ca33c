// Test support for end-to-end tests of `syndicated once`: runs the real binary in a temp folder
// and hands back its exit status and what it printed on each stream.
#pragma once

#include <string>
#include <vector>

#include "tests/support/temp_dir.hpp"

namespace synd::testing {

struct OnceRun {
  int exit_code = -1;  // -1 when it did not exit normally
  std::string out;
  std::string err;
};

// `syndicated once [extra...]` with `dir` as the working folder (so ./syndicated.yaml is found).
OnceRun Once(const TempDir& dir, const std::vector<std::string>& extra = {});

}  // namespace synd::testing

// The six articles of tests/data/reference_dump.txt, parsed once: the input several
// micro-benchmarks build theirs from. Run the benchmarks from the repository root.
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "feeds/ingest/ingest.hpp"

namespace synd::bench {

// The reference time the dump is parsed against (its relative dates depend on it).
inline TimePoint ReferenceTime() { return FromCivil(2025, 4, 22, 12, 0, 0); }

inline const std::vector<Article>& ReferenceArticles() {
  static const std::vector<Article> articles = [] {
    std::ifstream in("tests/data/reference_dump.txt", std::ios::binary);
    if (!in) throw std::runtime_error("run from the repository root");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    Result<ParsedDump> dump = ParseDump(DumpInput{bytes.str(), "base", ReferenceTime()});
    if (!dump.ok()) throw std::runtime_error(dump.status().message());
    return std::move(dump->articles);
  }();
  return articles;
}

}  // namespace synd::bench

#include "feeds/dedupe/similarity.hpp"

#include <algorithm>

namespace synd {

Similarity CompareShingleSets(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  std::size_t common = 0;
  auto ia = a.begin();
  auto ib = b.begin();
  while (ia != a.end() && ib != b.end()) {
    if (*ia < *ib) {
      ++ia;
    } else if (*ib < *ia) {
      ++ib;
    } else {
      ++common;
      ++ia;
      ++ib;
    }
  }
  Similarity s;
  const std::size_t shorter = std::min(a.size(), b.size());
  if (shorter == 0) return s;
  s.jaccard = static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
  s.containment = static_cast<double>(common) / static_cast<double>(shorter);
  return s;
}

}  // namespace synd

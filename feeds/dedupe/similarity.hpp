// Exact set similarity of two shingle sets: the confirmation step after an LSH candidate
// (DESIGN.md §7). Dedupe stage; pure.
#pragma once

#include <cstdint>
#include <vector>

namespace synd {

struct Similarity {
  double jaccard = 0;      // |A ∩ B| / |A ∪ B|
  double containment = 0;  // |A ∩ B| / min(|A|, |B|): how much of the shorter is in the longer
};

// REQUIRES: both sets sorted ascending without duplicates (ShingleSet's form).
// Two empty sets compare as 0, not 1: an empty text is nobody's revision.
Similarity CompareShingleSets(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b);

}  // namespace synd

// MinHash signatures and LSH banding for near-duplicate candidates (DESIGN.md §7). Dedupe stage;
// pure. One-permutation hashing with optimal densification: one hash per shingle, 128 bins.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace synd {

inline constexpr int kMinHashSize = 128;
using MinHashSignature = std::array<uint32_t, kMinHashSize>;

// LSH: kLshBands bands of kLshRows values. A pair at Jaccard 0.8 becomes a candidate with
// probability 1 - (1 - 0.8^4)^32 = 0.99999995 (>= 0.999 required; see LshCandidateProbability).
inline constexpr int kLshBands = 32;
inline constexpr int kLshRows = 4;
static_assert(kLshBands * kLshRows <= kMinHashSize);
using BandKeys = std::array<uint32_t, kLshBands>;

// The signature of a shingle multiset (duplicates do not matter). Two signatures agree in each
// position with probability equal to the Jaccard similarity of the two sets. Empty bins are
// filled by optimal densification, so the result does not depend on the input order.
// Returns nullopt for an empty set: such a text has nothing to compare.
std::optional<MinHashSignature> ComputeMinHash(const std::vector<uint64_t>& shingle_hashes);

// Fraction of positions where two signatures agree: an estimate of their Jaccard similarity.
double EstimateJaccard(const MinHashSignature& a, const MinHashSignature& b);

// One 32-bit key per band; the band number is mixed in, so keys of different bands differ.
BandKeys ComputeBandKeys(const MinHashSignature& signature);

// Probability that a pair with Jaccard similarity `jaccard` shares at least one of `bands`
// bands of `rows` values: 1 - (1 - j^rows)^bands.
double LshCandidateProbability(double jaccard, int bands, int rows);

// Little-endian byte form of a signature (the store's blob) and its inverse; nullopt when the
// bytes are not kMinHashSize * 4 long.
std::vector<uint8_t> SignatureBytes(const MinHashSignature& signature);
std::optional<MinHashSignature> SignatureFromBytes(const std::vector<uint8_t>& bytes);

}  // namespace synd

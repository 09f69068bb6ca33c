#include "feeds/dedupe/minhash.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>

#include "feeds/dedupe/shingles.hpp"

namespace synd {
namespace {

// Random 64-bit "shingle hashes": `common` shared by both sets, `only` in each one alone.
std::pair<std::vector<uint64_t>, std::vector<uint64_t>> SetsWithOverlap(std::size_t common,
                                                                        std::size_t only,
                                                                        uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<uint64_t> a;
  std::vector<uint64_t> b;
  for (std::size_t i = 0; i < common; ++i) {
    const uint64_t h = rng();
    a.push_back(h);
    b.push_back(h);
  }
  for (std::size_t i = 0; i < only; ++i) a.push_back(rng());
  for (std::size_t i = 0; i < only; ++i) b.push_back(rng());
  return {a, b};
}

TEST(LshBands, PairAtJaccardPointEightIsACandidateWithProbabilityAtLeast0999) {
  EXPECT_GE(LshCandidateProbability(0.8, kLshBands, kLshRows), 0.999);
  EXPECT_NEAR(LshCandidateProbability(0.8, 32, 4), 1 - std::pow(1 - 0.4096, 32), 1e-12);
  // DESIGN.md §7: 16 bands of 8 rows give only about 0.95; 25 x 5 would also pass.
  EXPECT_NEAR(LshCandidateProbability(0.8, 16, 8), 0.95, 0.01);
  EXPECT_GE(LshCandidateProbability(0.8, 25, 5), 0.999);
  // Unrelated texts (Jaccard 0.1) rarely become candidates.
  EXPECT_LT(LshCandidateProbability(0.1, kLshBands, kLshRows), 0.005);
}

TEST(LshBands, MeasuredCandidateRateAtJaccardPointEightMeetsTheBound) {
  // |A ∩ B| = 800, |A ∪ B| = 1000: Jaccard 0.8 exactly.
  int candidates = 0;
  const int trials = 2000;
  for (int t = 0; t < trials; ++t) {
    auto [a, b] = SetsWithOverlap(800, 100, static_cast<uint64_t>(t));
    const BandKeys ka = ComputeBandKeys(*ComputeMinHash(a));
    const BandKeys kb = ComputeBandKeys(*ComputeMinHash(b));
    bool shared = false;
    for (int i = 0; i < kLshBands; ++i) shared = shared || ka[i] == kb[i];
    candidates += shared ? 1 : 0;
  }
  EXPECT_GE(candidates, trials - 2) << "of " << trials;
}

TEST(MinHash, EstimatesJaccardWithinSamplingError) {
  struct Case {
    std::size_t common, only;
  };
  for (const Case c : {Case{1000, 0}, Case{800, 100}, Case{500, 250}, Case{100, 450}, Case{0, 500},
                       Case{30, 10}}) {
    const double truth = static_cast<double>(c.common) / static_cast<double>(c.common + 2 * c.only);
    double sum = 0;
    const int trials = 50;
    for (int t = 0; t < trials; ++t) {
      auto [a, b] = SetsWithOverlap(c.common, c.only, static_cast<uint64_t>(t) * 7919 + c.common);
      sum += EstimateJaccard(*ComputeMinHash(a), *ComputeMinHash(b));
    }
    EXPECT_NEAR(sum / trials, truth, 0.03) << c.common << " common, " << c.only << " each alone";
  }
}

TEST(MinHash, IgnoresOrderAndDuplicates) {
  std::vector<uint64_t> a = {5, 1ull << 63, 42, 7, 42};
  std::vector<uint64_t> b = {42, 7, 1ull << 63, 5};
  EXPECT_EQ(*ComputeMinHash(a), *ComputeMinHash(b));
}

TEST(MinHash, SmallSetsAreDensifiedDeterministically) {
  const std::vector<uint64_t> one = {0x0123456789abcdefull};
  const MinHashSignature sig = *ComputeMinHash(one);
  for (uint32_t v : sig) EXPECT_EQ(v, 0x89abcdefu);
  EXPECT_FALSE(ComputeMinHash({}).has_value());
}

TEST(MinHash, SignatureBytesRoundTrip) {
  auto [a, b] = SetsWithOverlap(300, 0, 1);
  const MinHashSignature sig = *ComputeMinHash(a);
  const std::vector<uint8_t> bytes = SignatureBytes(sig);
  ASSERT_EQ(bytes.size(), 512u);
  for (std::size_t i = 0; i < sig.size(); ++i) {  // little-endian, as stores hold them
    for (std::size_t k = 0; k < 4; ++k) ASSERT_EQ(bytes[i * 4 + k], (sig[i] >> (8 * k)) & 0xFF);
  }
  EXPECT_EQ(SignatureFromBytes(bytes), sig);
  EXPECT_FALSE(SignatureFromBytes(std::vector<uint8_t>(511)).has_value());
}

TEST(BandKeys, IdenticalBandsInDifferentPositionsGetDifferentKeys) {
  MinHashSignature sig;
  sig.fill(7);
  const BandKeys keys = ComputeBandKeys(sig);
  EXPECT_NE(keys[0], keys[1]);
}

}  // namespace
}  // namespace synd

namespace synd {
namespace {

uint64_t Fold(const auto& values) {
  uint64_t fold = 0;
  for (uint32_t v : values) fold = (fold ^ v) * 0x100000001B3ull;
  return fold;
}

TEST(MinHash, ValuesAreTheStoredOnes) {
  // Revisions store their signature, and the index is rebuilt from the stored signatures at
  // start-up: new articles must get exactly the values stored ones got, or they stop matching.
  // Pinned from the implementation of store schema 5 (the shingle values are pinned too).
  std::string text;
  for (int i = 0; i < 300; ++i) text += "w" + std::to_string(i * 7919 % 1009) + " ";
  const std::optional<MinHashSignature> signature = ComputeMinHash(ShingleHashes(text));
  ASSERT_TRUE(signature.has_value());
  EXPECT_EQ((*signature)[0], 0x2685e726u);
  EXPECT_EQ(Fold(*signature), 0x05445bd196c9bc1eull);
  EXPECT_EQ(Fold(ComputeBandKeys(*signature)), 0x21fc85e7f6049ab2ull);
  // A set smaller than the signature is densified: its filled-in values are pinned as well.
  const std::optional<MinHashSignature> small = ComputeMinHash(ShingleHashes("one two three"));
  ASSERT_TRUE(small.has_value());
  EXPECT_EQ(Fold(*small), 0xc100b4918a386580ull);
}

}  // namespace
}  // namespace synd

#include "feeds/dedupe/minhash.hpp"

#include <xxhash.h>

#include <bit>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <limits>

namespace synd {
namespace {

constexpr int kBinBits = 7;
static_assert(1 << kBinBits == kMinHashSize);

// A fixed mixer (splitmix64 finalizer) for densification probes: deterministic everywhere.
uint64_t Mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

}  // namespace

std::optional<MinHashSignature> ComputeMinHash(const std::vector<uint64_t>& shingle_hashes) {
  if (shingle_hashes.empty()) return std::nullopt;
  MinHashSignature sig;
  sig.fill(std::numeric_limits<uint32_t>::max());
  std::array<bool, kMinHashSize> filled{};
  for (uint64_t h : shingle_hashes) {
    // Shingle hashes are xxh3 outputs: the top bits pick the bin, the low bits are the value.
    const auto bin = static_cast<std::size_t>(h >> (64 - kBinBits));
    const auto value = static_cast<uint32_t>(h);
    filled[bin] = true;
    if (value < sig[bin]) sig[bin] = value;
  }
  // Optimal densification (Shrivastava 2017): an empty bin copies the bin that a probe sequence
  // seeded by its own index reaches first among the originally filled ones.
  const std::array<bool, kMinHashSize> original = filled;
  for (std::size_t bin = 0; bin < sig.size(); ++bin) {
    if (original[bin]) continue;
    for (uint64_t attempt = 1;; ++attempt) {
      const std::size_t probe = Mix((bin << 32) | attempt) & (kMinHashSize - 1);
      if (original[probe]) {
        sig[bin] = sig[probe];
        break;
      }
    }
  }
  return sig;
}

double EstimateJaccard(const MinHashSignature& a, const MinHashSignature& b) {
  int same = 0;
  for (std::size_t i = 0; i < a.size(); ++i) same += a[i] == b[i] ? 1 : 0;
  return static_cast<double>(same) / kMinHashSize;
}

BandKeys ComputeBandKeys(const MinHashSignature& signature) {
  BandKeys keys;
  for (int band = 0; band < kLshBands; ++band) {
    const uint32_t* rows = signature.data() + static_cast<std::ptrdiff_t>(band) * kLshRows;
    keys[band] = static_cast<uint32_t>(
        XXH3_64bits_withSeed(rows, kLshRows * sizeof(uint32_t), static_cast<uint64_t>(band)));
  }
  return keys;
}

double LshCandidateProbability(double jaccard, int bands, int rows) {
  return 1.0 - std::pow(1.0 - std::pow(jaccard, rows), bands);
}

// Little-endian values, as the machine holds them on x86 and ARM: one copy (the writer converts
// a signature for every revision it stores; byte by byte it cost 8,700 instructions).
std::vector<uint8_t> SignatureBytes(const MinHashSignature& signature) {
  std::vector<uint8_t> out(signature.size() * 4);
  if constexpr (std::endian::native == std::endian::little) {
    std::memcpy(out.data(), signature.data(), out.size());
  } else {
    for (std::size_t i = 0; i < signature.size(); ++i) {
      for (std::size_t k = 0; k < 4; ++k) {
        out[i * 4 + k] = static_cast<uint8_t>(signature[i] >> (8 * k));
      }
    }
  }
  return out;
}

std::optional<MinHashSignature> SignatureFromBytes(const std::vector<uint8_t>& bytes) {
  if (bytes.size() != std::size_t{kMinHashSize} * 4) return std::nullopt;
  MinHashSignature sig;
  if constexpr (std::endian::native == std::endian::little) {
    std::memcpy(sig.data(), bytes.data(), bytes.size());
  } else {
    for (std::size_t i = 0; i < sig.size(); ++i) {
      uint32_t v = 0;
      for (int k = 3; k >= 0; --k) v = (v << 8) | bytes[i * 4 + static_cast<std::size_t>(k)];
      sig[i] = v;
    }
  }
  return sig;
}

}  // namespace synd

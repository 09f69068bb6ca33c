// The dedupe work of each ingested article, measured apart from the store:
// - the sketch on the workers (word 5-shingle hashes, the shingle set, MinHash) of the six
//   articles of tests/data/reference_dump.txt;
// - the in-memory index on the store writer (LSH candidates of a new article, then its bands
//   added) once it holds 75,000 stories, as after bench/ingest's 100,000 articles; its tables are
//   tens of MiB, so each band costs a cache miss.
// Run from the repository root:
//   build/bench/micro_bench --benchmark_filter=Dedupe --benchmark_repetitions=5
#include <benchmark/benchmark.h>

#include <random>

#include "bench/micro/reference_articles.hpp"
#include "feeds/dedupe/dedupe_index.hpp"
#include "feeds/dedupe/fingerprint.hpp"
#include "feeds/dedupe/shingles.hpp"
#include "feeds/dedupe/sketch.hpp"

namespace synd {
namespace {

const std::vector<std::string>& FingerprintTexts() {
  static const std::vector<std::string> texts = [] {
    std::vector<std::string> out;
    for (const Article& a : bench::ReferenceArticles()) out.push_back(FingerprintText(a));
    return out;
  }();
  return texts;
}

// Runs `work` over every fingerprint text per iteration and counts their bytes.
template <typename Work>
void OverFingerprintTexts(benchmark::State& state, Work work) {
  std::size_t bytes = 0;
  for (auto _ : state) {
    for (const std::string& text : FingerprintTexts()) {
      work(text);
      bytes += text.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

void BM_DedupeShingleHashes(benchmark::State& state) {
  OverFingerprintTexts(state,
                       [](const std::string& t) { benchmark::DoNotOptimize(ShingleHashes(t)); });
}
BENCHMARK(BM_DedupeShingleHashes)->Unit(benchmark::kMicrosecond);

void BM_DedupeSketch(benchmark::State& state) {
  OverFingerprintTexts(
      state, [](const std::string& t) { benchmark::DoNotOptimize(SketchFingerprintText(t)); });
}
BENCHMARK(BM_DedupeSketch)->Unit(benchmark::kMicrosecond);

BandKeys RandomBands(std::mt19937& rng) {
  BandKeys bands;
  for (uint32_t& b : bands) b = static_cast<uint32_t>(rng());
  return bands;
}

// Per iteration: one article's candidate look-up, its bands added, then removed again (as a
// revision replaces them; this also keeps the index at its size), on an index that already
// holds `state.range(0)` stories, grown the way ingest grows it, from empty.
void BM_DedupeIndexArticle(benchmark::State& state) {
  std::mt19937 rng(7);
  DedupeIndex index;
  IndexedStory next = 1;
  for (int64_t i = 0; i < state.range(0); ++i) index.AddBands(RandomBands(rng), next++);
  index.Forget();
  std::vector<BandKeys> incoming(4096);
  for (BandKeys& b : incoming) b = RandomBands(rng);
  std::size_t i = 0;
  for (auto _ : state) {
    const BandKeys& bands = incoming[i++ % incoming.size()];
    benchmark::DoNotOptimize(index.Candidates(bands));
    index.AddBands(bands, next);
    index.RemoveBands(bands, next);
    if (i % 4096 == 0) index.Forget();
  }
}
BENCHMARK(BM_DedupeIndexArticle)->Arg(75000)->Unit(benchmark::kNanosecond);

}  // namespace
}  // namespace synd

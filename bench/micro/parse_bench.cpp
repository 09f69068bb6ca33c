// Ingest throughput: decode + detect + parse + normalize + fingerprint (ParseDump), in MB/s and
// articles/s, on the reference dump and on a larger generated dump (steady state); plus the
// normalization fast paths against utf8proc alone, the baseline they exist to beat.
// Run from the repository root (it reads tests/data/reference_dump.txt), e.g.
//   build/bench/micro_bench --benchmark_filter='Parse|Fold|Nfc'
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "feeds/dedupe/fingerprint.hpp"
#include "feeds/ingest/ingest.hpp"
#include "feeds/normalize/fold.hpp"
#include "feeds/normalize/text.hpp"

namespace synd {
namespace {

const TimePoint kReference = FromCivil(2025, 4, 22, 12, 0, 0);

const std::string& ReferenceDump() {
  static const std::string bytes = [] {
    const char* env = std::getenv("SYND_REFERENCE_DUMP");
    std::ifstream in(env != nullptr ? env : "tests/data/reference_dump.txt", std::ios::binary);
    if (!in) throw std::runtime_error("run from the repository root (or set SYND_REFERENCE_DUMP)");
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  }();
  return bytes;
}

// The reference dump's six articles repeated with distinct titles and a few non-ASCII lines
// (accents, Arabic, CJK, decomposed marks), about 4 MB: the steady state of a busy inbox.
const std::string& GeneratedDump() {
  static const std::string bytes = [] {
    const std::string& base = ReferenceDump();
    Result<ParsedDump> parsed = ParseDump(DumpInput{base, "base", kReference});
    if (!parsed.ok()) throw std::runtime_error(parsed.status().message());
    const char* extras[] = {"Café owners in São Paulo said “no” — again.",
                            "قال المتحدث إن المحادثات ستستمر الأسبوع المقبل.",
                            "北京和东京的官员周二举行了会谈。",
                            "Cafe\xCC\x81 e\xCC\x81lite\xCC\x81."};
    std::string out;
    for (int copy = 0; out.size() < 4'000'000; ++copy) {
      // Distinct titles per copy, so that every copy's articles are new stories.
      std::string chunk = base;
      for (const Article& a : parsed->articles) {
        const std::string retitled = a.title + " (" + std::to_string(copy) + ")";
        for (std::size_t at = chunk.find(a.title); at != std::string::npos;
             at = chunk.find(a.title, at + retitled.size())) {
          chunk.replace(at, a.title.size(), retitled);
        }
      }
      chunk += "\n";
      chunk += extras[copy % 4];
      out += (copy ? "\n\n\n" : "") + chunk;
    }
    return out;
  }();
  return bytes;
}

void ParseOnce(benchmark::State& state, const std::string& bytes) {
  std::size_t articles = 0;
  for (auto _ : state) {
    Result<ParsedDump> dump = ParseDump(DumpInput{bytes, "bench.txt", kReference});
    if (!dump.ok()) {
      state.SkipWithError(dump.status().message().c_str());
      return;
    }
    articles = dump->articles.size();
    benchmark::DoNotOptimize(dump);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes.size()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * articles));
  state.counters["articles"] = static_cast<double>(articles);
}

void BM_ParseDumpReference(benchmark::State& state) { ParseOnce(state, ReferenceDump()); }
BENCHMARK(BM_ParseDumpReference)->Unit(benchmark::kMicrosecond);

void BM_ParseDumpGenerated(benchmark::State& state) { ParseOnce(state, GeneratedDump()); }
BENCHMARK(BM_ParseDumpGenerated)->Unit(benchmark::kMillisecond);

// Normalization of every line, as the line-based parsers do.
void BM_NormalizeInlineLines(benchmark::State& state) {
  const std::string& text = ReferenceDump();
  std::string out;
  for (auto _ : state) {
    out.clear();
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      AppendNormalizedInline(std::string_view(text).substr(start, end - start), out);
      start = end + 1;
    }
    benchmark::DoNotOptimize(out);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_NormalizeInlineLines)->Unit(benchmark::kMicrosecond);

// Baseline for the above: the same normalization one code point at a time, utf8proc NFC always.
void BM_NormalizeInlineLinesBaseline(benchmark::State& state) {
  const std::string& text = ReferenceDump();
  for (auto _ : state) {
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      benchmark::DoNotOptimize(
          NormalizeInlineReference(std::string_view(text).substr(start, end - start)));
      start = end + 1;
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_NormalizeInlineLinesBaseline)->Unit(benchmark::kMicrosecond);

void BM_FingerprintFold(benchmark::State& state) {
  const std::string& text = ReferenceDump();
  for (auto _ : state) benchmark::DoNotOptimize(FingerprintFold(text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_FingerprintFold)->Unit(benchmark::kMicrosecond);

// Baseline: utf8proc's NFKC-casefold over the whole text (plus the punctuation fold).
void BM_FingerprintFoldUtf8procBaseline(benchmark::State& state) {
  const std::string& text = ReferenceDump();
  for (auto _ : state) benchmark::DoNotOptimize(FingerprintFoldReference(text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_FingerprintFoldUtf8procBaseline)->Unit(benchmark::kMicrosecond);

// The fold on text in a script without ASCII: the table path, not the ASCII one.
void BM_FingerprintFoldNonLatin(benchmark::State& state) {
  std::string text;
  while (text.size() < 64 * 1024) {
    text += "قال المتحدث إن المحادثات ستستمر. Москва заявила ВЧЕРА. Café É. 北京和东京的官员。 ";
  }
  for (auto _ : state) benchmark::DoNotOptimize(FingerprintFold(text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_FingerprintFoldNonLatin)->Unit(benchmark::kMicrosecond);

void BM_FingerprintFoldNonLatinUtf8procBaseline(benchmark::State& state) {
  std::string text;
  while (text.size() < 64 * 1024) {
    text += "قال المتحدث إن المحادثات ستستمر. Москва заявила ВЧЕРА. Café É. 北京和东京的官员。 ";
  }
  for (auto _ : state) benchmark::DoNotOptimize(FingerprintFoldReference(text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_FingerprintFoldNonLatinUtf8procBaseline)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace synd

// Render-stage micro-benchmarks: the three feed formats for a 200-item feed (issue [3/6] goal:
// under 2 ms), their parts, and feed selection per article. Stories are generated
// deterministically with news-sized bodies (about 5 KB of mostly-ASCII text with curly quotes
// and the odd ampersand, as normalized English news is). Baseline: copying the same output bytes
// once (memcpy), the floor any writer pays.
#include <benchmark/benchmark.h>

#include <cstring>
#include <string>
#include <vector>

#include "feeds/render/feed_filter.hpp"
#include "feeds/render/feed_formats.hpp"
#include "feeds/render/feed_item.hpp"

namespace synd {
namespace {

constexpr std::size_t kItems = 200;

// Deterministic pseudo-random words (a fixed LCG), so every run measures the same text.
class Words {
 public:
  std::string Sentence(int words) {
    static const char* const kWords[] = {
        "the",        "rebels", "China\u2019s", "rare",         "earth",   "trade",   "minister",
        "said",       "on",     "Thursday",     "prices",       "rose",    "percent", "after",
        "\u201cwe",   "will",   "not",          "accept\u201d", "Beijing", "Kachin",  "mining",
        "exports",    "fell",   "sharply",      "analysts",     "expect",  "talks",   "border",
        "government", "&",      "officials",    "<SMM>",        "data",    "showed",  "month"};
    std::string out;
    for (int i = 0; i < words; ++i) {
      state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
      if (i > 0) out += ' ';
      out += kWords[(state_ >> 33) % std::size(kWords)];
    }
    out += '.';
    out[0] = static_cast<char>(out[0] >= 'a' && out[0] <= 'z' ? out[0] - 32 : out[0]);
    return out;
  }

 private:
  unsigned long long state_ = 42;
};

std::vector<Story> GenerateStories(std::size_t n) {
  Words words;
  std::vector<Story> stories;
  const TimePoint base = FromCivil(2025, 3, 28, 12, 0, 0);
  for (std::size_t i = 0; i < n; ++i) {
    Story s;
    s.suffix = "s" + std::to_string(100000 + i);
    s.id = "tag:news.example.org,2025-03-28:story/" + s.suffix;
    s.published = base - std::chrono::minutes(7 * i + 30);
    s.updated = base - std::chrono::minutes(7 * i);
    Article& a = s.article;
    a.title = words.Sentence(12);
    a.summary = {words.Sentence(18), words.Sentence(16)};
    for (int b = 0; b < 16; ++b) {
      const BlockType type = b == 5 || b == 11 ? BlockType::kHeading
                             : b == 1          ? BlockType::kImage
                                               : BlockType::kParagraph;
      a.body.push_back(
          {type, type == BlockType::kHeading ? words.Sentence(3) : words.Sentence(55)});
    }
    a.url = "https://www.example.com/world/" + s.suffix + "?ref=feed&src=rss";
    a.authors = {"Reuters"};
    a.section = "World";
    a.tags = {"Asia", "Commodities"};
    stories.push_back(std::move(s));
  }
  return stories;
}

struct Fixture {
  SiteDef site;
  FeedDef feed{.name = "all", .title = "All stories", .limit = kItems};
  std::vector<Story> stories = GenerateStories(kItems);
  std::vector<RenderedItem> items;
  std::vector<const RenderedItem*> pointers;

  Fixture() {
    for (const Story& s : stories) items.push_back(RenderItem(site, s));
    for (const RenderedItem& item : items) pointers.push_back(&item);
  }
  FeedView View() const {
    return FeedView{site, feed, "tag:news.example.org,2025:feed/all", pointers};
  }
};

const Fixture& Shared() {
  static const Fixture fixture;
  return fixture;
}

void SetBytes(benchmark::State& state, const RenderedFeed& out) {
  const auto bytes = out.rss.size() + out.atom.size() + out.json.size();
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["output_bytes"] = static_cast<double>(bytes);
}

// The goal's measure as the daemon meets it after an ingest: the feed's stories are already
// rendered (RenderCache), the three documents are assembled.
void BM_RenderAllFormats200(benchmark::State& state) {
  RenderedFeed out;  // reused, as WriteFeeds reuses RenderCache::buffers(f)
  for (auto _ : state) {
    RenderAllFormats(Shared().View(), out);
    benchmark::DoNotOptimize(out);
  }
  SetBytes(state, out);
}
BENCHMARK(BM_RenderAllFormats200)->Unit(benchmark::kMicrosecond);

// Cold: 200 stories never rendered before (the first render after start, or 200 new stories).
void BM_RenderAllFormats200Cold(benchmark::State& state) {
  const Fixture& f = Shared();
  RenderedFeed out;
  for (auto _ : state) {
    std::vector<RenderedItem> items;
    items.reserve(f.stories.size());
    for (const Story& s : f.stories) items.push_back(RenderItem(f.site, s));
    std::vector<const RenderedItem*> pointers;
    pointers.reserve(items.size());
    for (const RenderedItem& item : items) pointers.push_back(&item);
    out =
        RenderAllFormats(FeedView{f.site, f.feed, "tag:news.example.org,2025:feed/all", pointers});
    benchmark::DoNotOptimize(out);
  }
  SetBytes(state, out);
}
BENCHMARK(BM_RenderAllFormats200Cold)->Unit(benchmark::kMicrosecond);

void BM_PrepareFeedItems200(benchmark::State& state) {
  const Fixture& f = Shared();
  for (auto _ : state) {
    for (const Story& s : f.stories) benchmark::DoNotOptimize(PrepareFeedItem(f.site, s));
  }
}
BENCHMARK(BM_PrepareFeedItems200)->Unit(benchmark::kMicrosecond);

void BM_RenderItems200(benchmark::State& state) {
  const Fixture& f = Shared();
  for (auto _ : state) {
    for (const Story& s : f.stories) benchmark::DoNotOptimize(RenderItem(f.site, s));
  }
}
BENCHMARK(BM_RenderItems200)->Unit(benchmark::kMicrosecond);

// Baseline: one memcpy of the three files' bytes.
void BM_BaselineCopyOutput200(benchmark::State& state) {
  const RenderedFeed rendered = RenderAllFormats(Shared().View());
  const std::string all = rendered.rss + rendered.atom + rendered.json;
  std::string copy(all.size(), '\0');
  for (auto _ : state) {
    std::memcpy(copy.data(), all.data(), all.size());
    benchmark::DoNotOptimize(copy.data());
    benchmark::ClobberMemory();
  }
  SetBytes(state, rendered);
}
BENCHMARK(BM_BaselineCopyOutput200)->Unit(benchmark::kMicrosecond);

// Feed selection at ingest: one article against five feeds with keywords, sections, sources.
void BM_FeedsOfArticle(benchmark::State& state) {
  const Fixture& f = Shared();
  const std::vector<FeedDef> feeds = {
      {.name = "all"},
      {.name = "china",
       .include = {.keywords = {"China", "Beijing"}},
       .exclude = {.keywords = {"sport"}}},
      {.name = "markets",
       .include = {.keywords = {"prices", "rare earth", "exports"}, .sections = {"world"}}},
      {.name = "reuters", .include = {.sources = {"example.com"}}},
      {.name = "arabic", .include = {.languages = {"ar"}}}};
  const FeedMatcher matcher(feeds, f.site);
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(matcher.Match(f.stories[i++ % f.stories.size()].article));
  }
}
BENCHMARK(BM_FeedsOfArticle)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace synd

// What rendering a webhook body from its stored revision costs (store schema version 5 keeps an
// event's envelope, not a second copy of the article): parse the revision's article JSON, write
// the article's fields, splice them into the envelope. Once per event and webhook, at delivery;
// the delivery queue keeps recent bodies, so webhooks after the first reuse it. Input: the six
// articles of tests/data/reference_dump.txt.
// Run from the repository root:
//   build/bench/micro_bench --benchmark_filter=EventBody --benchmark_repetitions=5
#include <benchmark/benchmark.h>

#include "bench/micro/reference_articles.hpp"
#include "feeds/dedupe/event_payload.hpp"
#include "feeds/ingest/ingest.hpp"
#include "feeds/model/article_json.hpp"

namespace synd {
namespace {

struct Stored {
  EventEnvelope envelope;
  std::string article_json;
  Article article;
};

const std::vector<Stored>& Events() {
  static const std::vector<Stored> events = [] {
    SiteDef site;
    site.base_url = "https://news.example.org/";
    StoryHead head{1, "tag:news.example.org,2025-04-22:story/7k3f9q2m", "7k3f9q2m", {}, {}, {}, 1};
    std::vector<Stored> out;
    for (const Article& a : bench::ReferenceArticles()) {
      out.push_back({MakeEventEnvelope(EventType::kCreated, {}, head, a, site, {"all"}),
                     SerializeArticle(a), a});
    }
    return out;
  }();
  return events;
}

// At delivery, from the stored envelope and revision (what schema version 5 does).
void BM_EventBodyFromRevision(benchmark::State& state) {
  const std::vector<Stored>& events = Events();
  std::size_t i = 0;
  for (auto _ : state) {
    const Stored& e = events[i++ % events.size()];
    Result<std::string> body =
        RenderEventBody(e.envelope.text, e.envelope.article_at, e.article_json);
    benchmark::DoNotOptimize(body);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EventBodyFromRevision);

// At ingest, from the parsed article (what the workers and the writer did before).
void BM_EventBodyFromArticle(benchmark::State& state) {
  const std::vector<Stored>& events = Events();
  std::size_t i = 0;
  for (auto _ : state) {
    const Stored& e = events[i++ % events.size()];
    std::string body =
        SpliceEventBody(e.envelope.text, e.envelope.article_at, EventArticleFields(e.article));
    benchmark::DoNotOptimize(body);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EventBodyFromArticle);

}  // namespace
}  // namespace synd

#include "daemon/metrics/registry.hpp"

#include <gtest/gtest.h>

#include <array>
#include <thread>
#include <vector>

namespace synd::metrics {
namespace {

TEST(MetricsRegistry, RendersCountersGaugesAndHistogramsInTextFormat004) {
  Registry r;
  r.GetCounter("syndicated_files_total", "Files by outcome", {{"outcome", "done"}}).Increment(3);
  r.GetCounter("syndicated_files_total", "Files by outcome", {{"outcome", "failed"}}).Increment();
  r.GetGauge("syndicated_queue_depth", "Queued items").Set(2.5);
  const std::array<double, 2> bounds = {0.5, 1};
  Histogram& h = r.GetHistogram("syndicated_render_seconds", "Render time", bounds);
  h.Observe(0.25);
  h.Observe(0.5);  // upper bounds are inclusive
  h.Observe(4);

  EXPECT_EQ(r.Render(),
            "# HELP syndicated_files_total Files by outcome\n"
            "# TYPE syndicated_files_total counter\n"
            "syndicated_files_total{outcome=\"done\"} 3\n"
            "syndicated_files_total{outcome=\"failed\"} 1\n"
            "# HELP syndicated_queue_depth Queued items\n"
            "# TYPE syndicated_queue_depth gauge\n"
            "syndicated_queue_depth 2.5\n"
            "# HELP syndicated_render_seconds Render time\n"
            "# TYPE syndicated_render_seconds histogram\n"
            "syndicated_render_seconds_bucket{le=\"0.5\"} 2\n"
            "syndicated_render_seconds_bucket{le=\"1\"} 2\n"
            "syndicated_render_seconds_bucket{le=\"+Inf\"} 3\n"
            "syndicated_render_seconds_sum 4.75\n"
            "syndicated_render_seconds_count 3\n");
}

TEST(MetricsRegistry, SameNameAndLabelsReturnTheSameMetric) {
  Registry r;
  Counter& a = r.GetCounter("syndicated_x_total", "X", {{"k", "v"}});
  Counter& b = r.GetCounter("syndicated_x_total", "X", {{"k", "v"}});
  Counter& c = r.GetCounter("syndicated_x_total", "X", {{"k", "w"}});
  EXPECT_EQ(&a, &b);
  EXPECT_NE(&a, &c);
}

TEST(MetricsRegistry, EscapesLabelValuesAndHelpText) {
  Registry r;
  r.GetCounter("syndicated_y_total", "line one\nback\\slash", {{"path", "a\"b\\c\nd"}});
  const std::string text = r.Render();
  EXPECT_NE(text.find("# HELP syndicated_y_total line one\\nback\\\\slash\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("syndicated_y_total{path=\"a\\\"b\\\\c\\nd\"} 0\n"), std::string::npos)
      << text;
}

TEST(MetricsRegistry, HistogramWithLabelsPutsLeLast) {
  Registry r;
  const std::array<double, 1> bounds = {0.001};
  r.GetHistogram("syndicated_z_seconds", "Z", bounds, {{"stage", "parse"}}).Observe(0.0001);
  const std::string text = r.Render();
  EXPECT_NE(text.find("syndicated_z_seconds_bucket{stage=\"parse\",le=\"0.001\"} 1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("syndicated_z_seconds_count{stage=\"parse\"} 1\n"), std::string::npos)
      << text;
}

TEST(MetricsRegistry, ConcurrentUpdatesFromManyThreadsAreAllCounted) {
  Registry r;
  Counter& c = r.GetCounter("syndicated_hits_total", "Hits");
  Histogram& h = r.GetHistogram("syndicated_hit_seconds", "Hit time", DefaultLatencyBuckets());
  Gauge& g = r.GetGauge("syndicated_open", "Open");
  constexpr int kThreads = 4;
  constexpr int kPerThread = 20000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kPerThread; ++i) {
        c.Increment();
        h.Observe(0.002);
        g.Add(1);
        g.Add(-1);
        if (i % 1000 == 0) (void)r.Render();
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(c.value(), static_cast<std::uint64_t>(kThreads * kPerThread));
  EXPECT_EQ(h.snapshot().cumulative.back(), static_cast<std::uint64_t>(kThreads * kPerThread));
  EXPECT_EQ(g.value(), 0.0);
}

}  // namespace
}  // namespace synd::metrics

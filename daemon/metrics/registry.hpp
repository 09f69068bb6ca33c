// Metrics registry of the daemon shell: counters, gauges and histograms with labels, rendered in
// the Prometheus text exposition format 0.0.4 for GET /metrics. Any stage of the daemon (HTTP,
// ingest, render, webhooks) registers its metrics here and updates them from any thread. It does
// no I/O and never logs.
//
// How to add a metric (once, at start-up; keep the returned reference, it never moves):
//   auto& files = registry.GetCounter("syndicated_ingest_files_total",
//                                     "Inbox files ingested, by outcome", {{"outcome", "done"}});
//   files.Increment();
// Names: `syndicated_` prefix, base units (`_seconds`, `_bytes`), counters end in `_total`.
// One name is one family: every registration of it must use the same type, help and buckets;
// registering the same name and labels again returns the same metric.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace synd::metrics {

// Label name/value pairs, e.g. {{"code", "200"}}. Names match [a-zA-Z_][a-zA-Z0-9_]* and do not
// start with "__"; values are any UTF-8 (escaped on output).
using Labels = std::vector<std::pair<std::string, std::string>>;

// A monotonically increasing count. Lock-free; callable from any thread.
class Counter {
 public:
  void Increment(std::uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  std::uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> value_{0};
};

// A value that goes up and down. Lock-free; callable from any thread.
class Gauge {
 public:
  void Set(double v) { value_.store(v, std::memory_order_relaxed); }
  void Add(double delta) { value_.fetch_add(delta, std::memory_order_relaxed); }
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0.0};
};

// Observations counted into fixed buckets (upper bounds, inclusive), plus their sum.
// Observe() is lock-free and callable from any thread.
class Histogram {
 public:
  // REQUIRES: `upper_bounds` is non-empty, finite and strictly increasing.
  explicit Histogram(std::span<const double> upper_bounds);

  void Observe(double v);

  // Cumulative counts per bound, then the +Inf bucket (== count). Taken without a lock, so an
  // observation racing with it may be in the sum and not yet in a bucket (Prometheus tolerates it).
  struct Snapshot {
    std::vector<std::uint64_t> cumulative;
    double sum = 0;
  };
  Snapshot snapshot() const;
  std::span<const double> upper_bounds() const { return bounds_; }

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_;  // bounds_.size() + 1 (the +Inf one)
  std::atomic<double> sum_{0.0};
};

// Latency buckets from 100 µs to 10 s, for request and stage durations in seconds.
std::span<const double> DefaultLatencyBuckets();

// Owns every metric. Registration and Render() take a mutex; updates to a returned metric do not.
// Returned references stay valid for the registry's lifetime, so the registry must outlive every
// component (and every pending handler) that holds one.
class Registry {
 public:
  Registry();
  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // REQUIRES (asserted; these are programming errors): a valid name with the `syndicated_`
  // prefix, counters ending in `_total`, valid label names, no `le` label on histograms, and
  // the same type/help/buckets as earlier registrations of the name.
  Counter& GetCounter(std::string_view name, std::string_view help, const Labels& labels = {});
  Gauge& GetGauge(std::string_view name, std::string_view help, const Labels& labels = {});
  Histogram& GetHistogram(std::string_view name, std::string_view help,
                          std::span<const double> upper_bounds, const Labels& labels = {});

  // Every family, sorted by name, each with its # HELP and # TYPE lines; series in registration
  // order. Content type: text/plain; version=0.0.4; charset=utf-8.
  std::string Render() const;

 private:
  enum class Type { kCounter, kGauge, kHistogram };
  struct Family;
  struct Series;

  Series& FindOrAdd(Type type, std::string_view name, std::string_view help,
                    std::span<const double> bounds, const Labels& labels);

  mutable std::mutex mu_;
  std::vector<std::unique_ptr<Family>> families_;
};

// The content type of Registry::Render()'s text.
inline constexpr std::string_view kTextFormatContentType =
    "text/plain; version=0.0.4; charset=utf-8";

}  // namespace synd::metrics

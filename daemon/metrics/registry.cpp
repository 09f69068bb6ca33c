#include "daemon/metrics/registry.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <charconv>
#include <cmath>

namespace synd::metrics {
namespace {

constexpr std::array<double, 16> kLatencyBuckets = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                                    0.01,   0.025,   0.05,   0.1,   0.25,   0.5,
                                                    1.0,    2.5,     5.0,    10.0};

bool IsNameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsNameChar(char c) { return IsNameStart(c) || (c >= '0' && c <= '9'); }

[[maybe_unused]] bool ValidMetricName(std::string_view name) {
  return name.starts_with("syndicated_") && std::all_of(name.begin(), name.end(), IsNameChar);
}

[[maybe_unused]] bool ValidLabelName(std::string_view name) {
  return !name.empty() && IsNameStart(name[0]) && !name.starts_with("__") &&
         std::all_of(name.begin(), name.end(), IsNameChar);
}

// Label values escape backslash, double quote and newline; HELP text escapes backslash and
// newline (text format 0.0.4).
void AppendEscaped(std::string& out, std::string_view text, bool escape_quote) {
  for (char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && escape_quote) {
      out += "\\\"";
    } else {
      out += c;
    }
  }
}

void AppendDouble(std::string& out, double v) {
  if (std::isnan(v)) {
    out += "NaN";
  } else if (std::isinf(v)) {
    out += v > 0 ? "+Inf" : "-Inf";
  } else {
    std::array<char, 32> buf;
    auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v);
    assert(ec == std::errc());
    out.append(buf.data(), end);
  }
}

void AppendUint(std::string& out, std::uint64_t v) {
  std::array<char, 24> buf;
  auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v);
  assert(ec == std::errc());
  out.append(buf.data(), end);
}

// `a="x",b="y"`, without braces, so histograms can append `le`.
std::string RenderLabels(const Labels& labels) {
  std::string out;
  for (const auto& [name, value] : labels) {
    assert(ValidLabelName(name));
    if (!out.empty()) out += ',';
    out += name;
    out += "=\"";
    AppendEscaped(out, value, /*escape_quote=*/true);
    out += '"';
  }
  return out;
}

// `name{labels,extra} `: the braces only when there is something inside.
void AppendSeriesName(std::string& out, std::string_view name, std::string_view labels,
                      std::string_view extra = {}) {
  out += name;
  if (!labels.empty() || !extra.empty()) {
    out += '{';
    out += labels;
    if (!labels.empty() && !extra.empty()) out += ',';
    out += extra;
    out += '}';
  }
  out += ' ';
}

}  // namespace

Histogram::Histogram(std::span<const double> upper_bounds)
    : bounds_(upper_bounds.begin(), upper_bounds.end()),
      buckets_(std::make_unique<std::atomic<std::uint64_t>[]>(upper_bounds.size() + 1)) {
  assert(!bounds_.empty());
  assert(std::is_sorted(bounds_.begin(), bounds_.end()) &&
         std::adjacent_find(bounds_.begin(), bounds_.end()) == bounds_.end());
  assert(std::isfinite(bounds_.back()));
}

void Histogram::Observe(double v) {
  const auto it = std::lower_bound(bounds_.begin(), bounds_.end(), v);
  buckets_[static_cast<std::size_t>(it - bounds_.begin())].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(v, std::memory_order_relaxed);
}

Histogram::Snapshot Histogram::snapshot() const {
  Snapshot s;
  s.cumulative.reserve(bounds_.size() + 1);
  std::uint64_t running = 0;
  for (std::size_t i = 0; i <= bounds_.size(); ++i) {
    running += buckets_[i].load(std::memory_order_relaxed);
    s.cumulative.push_back(running);
  }
  s.sum = sum_.load(std::memory_order_relaxed);
  return s;
}

std::span<const double> DefaultLatencyBuckets() { return kLatencyBuckets; }

struct Registry::Series {
  std::string labels;  // rendered, without braces
  std::unique_ptr<Counter> counter;
  std::unique_ptr<Gauge> gauge;
  std::unique_ptr<Histogram> histogram;
};

struct Registry::Family {
  Type type;
  std::string name;
  std::string help;
  std::vector<double> bounds;
  std::vector<Series> series;
};

Registry::Registry() = default;
Registry::~Registry() = default;

Registry::Series& Registry::FindOrAdd(Type type, std::string_view name, std::string_view help,
                                      std::span<const double> bounds, const Labels& labels) {
  assert(ValidMetricName(name));
  assert(type != Type::kCounter || name.ends_with("_total"));
  std::string label_text = RenderLabels(labels);
  std::lock_guard lock(mu_);
  auto family = std::find_if(families_.begin(), families_.end(),
                             [&](const auto& f) { return f->name == name; });
  if (family == families_.end()) {
    families_.push_back(std::make_unique<Family>(
        Family{type, std::string(name), std::string(help), {bounds.begin(), bounds.end()}, {}}));
    family = families_.end() - 1;
  }
  Family& f = **family;
  assert(f.type == type && f.help == help);
  assert(std::equal(bounds.begin(), bounds.end(), f.bounds.begin(), f.bounds.end()));
  for (Series& s : f.series) {
    if (s.labels == label_text) return s;
  }
  Series& s = f.series.emplace_back();
  s.labels = std::move(label_text);
  switch (type) {
    case Type::kCounter:
      s.counter = std::make_unique<Counter>();
      break;
    case Type::kGauge:
      s.gauge = std::make_unique<Gauge>();
      break;
    case Type::kHistogram:
      s.histogram = std::make_unique<Histogram>(bounds);
      break;
  }
  return s;
}

Counter& Registry::GetCounter(std::string_view name, std::string_view help, const Labels& labels) {
  return *FindOrAdd(Type::kCounter, name, help, {}, labels).counter;
}

Gauge& Registry::GetGauge(std::string_view name, std::string_view help, const Labels& labels) {
  return *FindOrAdd(Type::kGauge, name, help, {}, labels).gauge;
}

Histogram& Registry::GetHistogram(std::string_view name, std::string_view help,
                                  std::span<const double> upper_bounds, const Labels& labels) {
  assert(std::none_of(labels.begin(), labels.end(), [](const auto& l) { return l.first == "le"; }));
  return *FindOrAdd(Type::kHistogram, name, help, upper_bounds, labels).histogram;
}

namespace {

void AppendHistogram(std::string& out, std::string_view name, std::string_view labels,
                     const Histogram& h) {
  const Histogram::Snapshot s = h.snapshot();
  const std::string bucket = std::string(name) + "_bucket";
  const auto bounds = h.upper_bounds();
  for (std::size_t i = 0; i <= bounds.size(); ++i) {
    std::string le = "le=\"";
    if (i < bounds.size()) {
      AppendDouble(le, bounds[i]);
    } else {
      le += "+Inf";
    }
    le += '"';
    AppendSeriesName(out, bucket, labels, le);
    AppendUint(out, s.cumulative[i]);
    out += '\n';
  }
  AppendSeriesName(out, std::string(name) + "_sum", labels);
  AppendDouble(out, s.sum);
  out += '\n';
  AppendSeriesName(out, std::string(name) + "_count", labels);
  AppendUint(out, s.cumulative.back());
  out += '\n';
}

}  // namespace

std::string Registry::Render() const {
  std::lock_guard lock(mu_);
  std::vector<const Family*> sorted;
  sorted.reserve(families_.size());
  for (const auto& f : families_) sorted.push_back(f.get());
  std::sort(sorted.begin(), sorted.end(),
            [](const Family* a, const Family* b) { return a->name < b->name; });
  static constexpr std::array<std::string_view, 3> kTypeNames = {"counter", "gauge", "histogram"};
  std::string out;
  for (const Family* f : sorted) {
    out += "# HELP ";
    out += f->name;
    out += ' ';
    AppendEscaped(out, f->help, /*escape_quote=*/false);
    out += "\n# TYPE ";
    out += f->name;
    out += ' ';
    out += kTypeNames[static_cast<std::size_t>(f->type)];
    out += '\n';
    for (const Series& s : f->series) {
      if (s.histogram) {
        AppendHistogram(out, f->name, s.labels, *s.histogram);
        continue;
      }
      AppendSeriesName(out, f->name, s.labels);
      if (s.counter) {
        AppendUint(out, s.counter->value());
      } else {
        AppendDouble(out, s.gauge->value());
      }
      out += '\n';
    }
  }
  return out;
}

}  // namespace synd::metrics

// What the daemon does after each commit (render the feeds, report) and on a reload.
#include <spdlog/spdlog.h>

#include <chrono>

#include "daemon/app_state.hpp"

namespace synd {
namespace {

// In a burst, feeds are rendered at most this often; a lone file is rendered at once.
constexpr std::chrono::milliseconds kPublishCoalesce{200};
constexpr std::chrono::milliseconds kStatusInterval{1000};

TimePoint WallClock() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace

IngestMetrics::IngestMetrics(metrics::Registry& r)
    : files_done(r.GetCounter("syndicated_files_ingested_total", "Inbox files by outcome",
                              {{"outcome", "done"}})),
      files_failed(r.GetCounter("syndicated_files_ingested_total", "Inbox files by outcome",
                                {{"outcome", "failed"}})),
      files_known(r.GetCounter("syndicated_files_ingested_total", "Inbox files by outcome",
                               {{"outcome", "already_ingested"}})),
      articles(r.GetCounter("syndicated_articles_total", "Articles parsed from inbox files")),
      created(r.GetCounter("syndicated_dedupe_decisions_total", "Dedupe decisions per article",
                           {{"decision", "created"}})),
      revised(r.GetCounter("syndicated_dedupe_decisions_total", "Dedupe decisions per article",
                           {{"decision", "revised"}})),
      repeats(r.GetCounter("syndicated_dedupe_decisions_total", "Dedupe decisions per article",
                           {{"decision", "repeat"}})),
      stories(r.GetGauge("syndicated_stories", "Stories in the store")),
      queued(r.GetGauge("syndicated_inbox_queued_files", "Inbox files waiting to be ingested")),
      render_seconds(r.GetHistogram("syndicated_render_duration_seconds",
                                    "Time to render every feed after a change",
                                    metrics::DefaultLatencyBuckets())),
      render_errors(r.GetCounter("syndicated_render_errors_total", "Feed renders that failed")) {}

PipelineHooks App::Hooks() {
  PipelineHooks hooks;
  hooks.committed = [this](const std::vector<IngestOutcome>& outcomes) { Committed(outcomes); };
  hooks.rescan = [this] {
    if (watcher_ && watcher_->watching()) watcher_->Rescan();
  };
  hooks.look_again = [this](const std::string& name) {
    if (watcher_) watcher_->Look(name);
  };
  hooks.now = WallClock;
  return hooks;
}

void App::Committed(const std::vector<IngestOutcome>& outcomes) {
  bool events = false;
  for (const IngestOutcome& o : outcomes) {
    ++files_total_;
    if (o.already_ingested) {
      metrics_.files_known.Increment();
    } else if (o.outcome == FileOutcome::kFailed) {
      ++files_failed_;
      metrics_.files_failed.Increment();
    } else {
      metrics_.files_done.Increment();
    }
    metrics_.articles.Increment(static_cast<uint64_t>(o.counts.articles));
    metrics_.created.Increment(static_cast<uint64_t>(o.counts.created));
    metrics_.revised.Increment(static_cast<uint64_t>(o.counts.revised));
    metrics_.repeats.Increment(static_cast<uint64_t>(o.counts.repeats));
    if (o.counts.created + o.counts.revised > 0) publish_dirty_ = events = true;
  }
  // Every created or revised story committed an event: queue and send them now.
  if (events && dispatcher_) dispatcher_->Wake();
  SchedulePublish();
  ReportStatus();
}

// Renders at once when the pipeline is idle (lowest latency for a lone file); in a burst, at
// most every kPublishCoalesce, and once more when the burst ends.
void App::SchedulePublish() {
  if (!publish_dirty_ || publish_pending_) return;
  const auto since = std::chrono::steady_clock::now() - last_publish_;
  if (!pipeline_->busy() || since >= kPublishCoalesce) {
    if (Status s = PublishNow(); !s.ok()) spdlog::error("rendering feeds: {}", s.message());
    return;
  }
  publish_pending_ = true;
  publish_timer_.expires_after(kPublishCoalesce - since);
  publish_timer_.async_wait([this](const boost::system::error_code& ec) {
    publish_pending_ = false;
    if (ec == boost::asio::error::operation_aborted) return;
    if (Status s = PublishNow(); !s.ok()) spdlog::error("rendering feeds: {}", s.message());
  });
}

Status App::PublishNow() {
  const auto start = std::chrono::steady_clock::now();
  last_publish_ = start;
  publish_dirty_ = false;
  Result<WriteReport> report = publisher_->Publish();
  if (!report.ok()) {
    metrics_.render_errors.Increment();
    publish_dirty_ = true;  // try again after the next commit
    return report.status();
  }
  metrics_.render_seconds.Observe(
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  if (server_) {
    for (const std::string& path : report->written) server_->Invalidate(path);
  }
  return Status::Ok();
}

// Called after each commit and each write of delivery outcomes. The story count, the gauges and
// systemd's STATUS= move at most once a second (a burst would otherwise send a datagram and
// count the stories per commit), with a last update when the burst ends.
void App::ReportStatus() {
  const auto now = std::chrono::steady_clock::now();
  if (now - last_status_ < kStatusInterval) {
    if (status_pending_) return;
    status_pending_ = true;
    status_timer_.expires_after(kStatusInterval - (now - last_status_));
    status_timer_.async_wait([this](const boost::system::error_code& ec) {
      status_pending_ = false;
      if (ec != boost::asio::error::operation_aborted) ReportStatus();
    });
    return;
  }
  last_status_ = now;
  Result<int64_t> stories = store_->CountStories();
  const long long n = stories.ok() ? *stories : -1;
  metrics_.stories.Set(static_cast<double>(n));
  metrics_.queued.Set(static_cast<double>(pipeline_->queued()));
  std::string deliveries;
  if (dispatcher_ && !config_.webhooks.empty()) {
    const DispatcherCounts& c = dispatcher_->counts();
    deliveries = "; deliveries: " + std::to_string(c.delivered) + " delivered, " +
                 std::to_string(c.pending) + " pending, " + std::to_string(c.failed) + " failed";
    if (c.disabled_webhooks > 0) {
      deliveries += ", " + std::to_string(c.disabled_webhooks) + " webhooks disabled";
    }
  }
  notifier_.Status(std::to_string(n) + " stories; " + std::to_string(files_total_) +
                   " files ingested, " + std::to_string(files_failed_) + " failed; " +
                   std::to_string(pipeline_->queued()) + " queued" + deliveries);
}

// Swaps in a validated configuration between files: the pipeline is single-threaded, so no file
// is half under the old one. Paths of the store cannot move while it is open.
void App::ApplyConfig(Config next) {
  if (next.paths.state != config_.paths.state) {
    spdlog::warn("reload: paths.state changed to {}; it takes effect at the next start",
                 next.paths.state.string());
    next.paths.state = config_.paths.state;
  }
  const bool inbox_moved = next.paths.inbox != config_.paths.inbox;
  const bool server_changed = next.http.listen != config_.http.listen ||
                              next.site.base_url != config_.site.base_url ||
                              next.paths.output != config_.paths.output;
  config_ = std::move(next);
  const MergeOptions merge_options = MergeOptionsFor(config_);
  merger_->SetOptions(merge_options);
  publisher_->Configure(config_.site, config_.feeds, config_.paths.output);
  pipeline_->SetPaths(config_.paths);
  pipeline_->SetFeedsOf(merge_options.feeds_of);
  if (server_changed) {
    if (server_) server_->Stop();
    server_.reset();
    if (Status s = StartServer(); !s.ok()) spdlog::error("reload: http: {}", s.message());
  }
  if (inbox_moved) {
    watcher_->Stop();
    if (Status s = StartWatcher(); !s.ok()) spdlog::error("reload: {}", s.message());
  }
  // A reload also enables again every webhook a 410 disabled.
  if (Status s = dispatcher_->Reconfigure(config_.webhooks); !s.ok()) {
    spdlog::error("reload: webhooks: {}; still delivering to the previous list", s.message());
  }
  if (Status s = PublishNow(); !s.ok()) spdlog::error("reload: rendering feeds: {}", s.message());
}

}  // namespace synd

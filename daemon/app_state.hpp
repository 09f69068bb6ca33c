// The daemon's parts and their wiring, shared by app.cpp (start-up, signals, shutdown) and
// app_flow.cpp (what happens after each commit: render, deliver, report). Daemon shell; every
// member is touched on the io_context thread only, except `ready` (read by HTTP threads).
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <memory>
#include <optional>

#include "config/config.hpp"
#include "daemon/app.hpp"
#include "daemon/http/server.hpp"
#include "daemon/metrics/registry.hpp"
#include "daemon/notify.hpp"
#include "daemon/pipeline.hpp"
#include "daemon/publisher.hpp"
#include "daemon/state_lock.hpp"
#include "daemon/wal_checkpointer.hpp"
#include "daemon/watcher.hpp"
#include "daemon/webhook/dispatcher.hpp"
#include "daemon/webhook/registry_webhook_metrics.hpp"
#include "feeds/render/feed_filter.hpp"
#include "feeds/store/sqlite_delivery_queue.hpp"
#include "feeds/store/sqlite_store.hpp"

namespace synd {

struct IngestMetrics {
  explicit IngestMetrics(metrics::Registry& registry);
  metrics::Counter& files_done;
  metrics::Counter& files_failed;
  metrics::Counter& files_known;
  metrics::Counter& articles;
  metrics::Counter& created;
  metrics::Counter& revised;
  metrics::Counter& repeats;
  metrics::Gauge& stories;
  metrics::Gauge& queued;
  metrics::Histogram& render_seconds;
  metrics::Counter& render_errors;
};

class App {
 public:
  explicit App(AppOptions options);
  ~App();
  int Run();

 private:
  // app.cpp: lifecycle
  int Start();
  Status OpenStore();
  Status StartDeliveries();
  Status StartServer();
  Status StartWatcher();
  void WaitForSignal();
  void OnSignal(int signal);
  void Reload();
  void ApplyConfig(Config next);
  void BeginStop();
  void MaybeFinishStop();
  void FinishStop();

  // app_flow.cpp: after each commit
  void Committed(const std::vector<IngestOutcome>& outcomes);
  void SchedulePublish();
  Status PublishNow();
  void ReportStatus();
  PipelineHooks Hooks();

  AppOptions options_;
  Config config_;
  boost::asio::io_context io_;
  boost::asio::thread_pool workers_;
  boost::asio::signal_set signals_;
  boost::asio::steady_timer publish_timer_;
  boost::asio::steady_timer status_timer_;
  SystemdNotifier notifier_;
  metrics::Registry registry_;
  IngestMetrics metrics_;
  std::optional<StateLock> lock_;  // held before the store opens, released after it closes
  std::unique_ptr<SqliteStore> store_;
  std::unique_ptr<WalCheckpointer> checkpointer_;  // closes before the store
  // On the store's connection; the dispatcher uses it, so it is declared (and destroyed) between.
  std::unique_ptr<SqliteDeliveryQueue> delivery_queue_;
  std::unique_ptr<RegistryWebhookMetrics> webhook_metrics_;
  std::unique_ptr<Dispatcher> dispatcher_;
  std::unique_ptr<Merger> merger_;
  std::unique_ptr<FeedPublisher> publisher_;
  std::unique_ptr<Pipeline> pipeline_;
  std::unique_ptr<InboxWatcher> watcher_;
  std::unique_ptr<http::Server> server_;
  std::atomic<bool> ready_{false};
  bool stopping_ = false;
  bool pipeline_drained_ = false;    // during a stop: the files in hand are committed and moved
  bool deliveries_stopped_ = false;  // during a stop: in-flight deliveries ended or timed out
  bool publish_pending_ = false;
  bool publish_dirty_ = false;
  std::chrono::steady_clock::time_point last_publish_{};
  std::chrono::steady_clock::time_point last_status_{};
  bool status_pending_ = false;
  int exit_code_ = 0;
  long long files_total_ = 0;
  long long files_failed_ = 0;
};

}  // namespace synd

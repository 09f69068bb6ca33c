#include "daemon/app.hpp"

#include <signal.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <iostream>

#include "config/load.hpp"
#include "daemon/app_state.hpp"
#include "daemon/cli/commands.hpp"
#include "daemon/inbox.hpp"

namespace synd {
namespace {

http::ServerOptions ServerOptionsFor(const Config& config) {
  http::ServerOptions options;
  options.listen = config.http.listen;
  options.output_dir = config.paths.output;
  options.base_url = config.site.base_url;
  return options;
}

}  // namespace

int RunDaemon(const AppOptions& options) {
  App app(options);
  return app.Run();
}

App::App(AppOptions options)
    : options_(std::move(options)),
      workers_(2),
      signals_(io_, SIGHUP, SIGTERM, SIGINT),
      publish_timer_(io_),
      status_timer_(io_),
      notifier_(io_),
      metrics_(registry_) {}

App::~App() {
  // Workers post completions into io_ and the pipeline; let them finish before either goes.
  workers_.join();
}

int App::Run() {
  ConfigLoad load = ResolveConfig(options_.config_path, std::filesystem::current_path());
  if (!load.config) {
    for (const ConfigError& e : load.errors) std::cerr << e.ToString() << "\n";
    return kExitConfig;
  }
  config_ = std::move(*load.config);
  spdlog::info("starting syndicated {} with {}", SYND_VERSION, config_.source);
  if (Status s = CreateFolders(config_.paths); !s.ok()) {
    spdlog::error("{}: {}", config_.source, s.message());
    return kExitConfig;
  }
  if (const int rc = Start(); rc != kExitOk) return rc;
  io_.run();
  spdlog::info("stopped");
  return exit_code_;
}

// Ready means (DESIGN.md §1): the store is open, every feed has been rendered once, the inbox
// watch is up and the catch-up scan is queued.
int App::Start() {
  WaitForSignal();
  Result<StateLock> lock = StateLock::Acquire(config_.paths.state);
  if (!lock.ok()) {
    spdlog::error("{}", lock.status().message());
    return kExitFailure;
  }
  lock_.emplace(std::move(*lock));
  if (Status s = OpenStore(); !s.ok()) {
    spdlog::error("store: {}", s.message());
    return kExitFailure;
  }
  // Before the catch-up scan: a webhook new to this store receives what the scan ingests.
  if (Status s = StartDeliveries(); !s.ok()) {
    spdlog::error("webhooks: {}", s.message());
    return s.code() == ErrorCode::kInvalidInput ? kExitConfig : kExitFailure;
  }
  if (Status s = PublishNow(); !s.ok()) {
    spdlog::error("rendering feeds into {}: {}", config_.paths.output.string(), s.message());
    return kExitFailure;
  }
  if (Status s = StartServer(); !s.ok()) {
    spdlog::error("http: {}", s.message());
    return s.code() == ErrorCode::kConfig ? kExitConfig : kExitFailure;
  }
  if (Status s = StartWatcher(); !s.ok()) {
    spdlog::error("{}", s.message());
    return kExitFailure;
  }
  ready_ = true;
  // Logged before READY=1, so whoever waited for READY=1 finds the port in the log.
  spdlog::info("ready: inbox {}, feeds in {}{}", config_.paths.inbox.string(),
               config_.paths.output.string(),
               server_ ? ", http on port " + std::to_string(server_->port()) : "");
  notifier_.Ready();
  notifier_.StartWatchdog();
  ReportStatus();
  return kExitOk;
}

Status App::OpenStore() {
  const std::filesystem::path file = config_.paths.state / SqliteStore::kFileName;
  // Checkpoints run on their own thread and connection, off the io thread that commits; the
  // writer checkpoints itself only when the WAL reaches 256 MiB (16,384 pages of 16 KiB).
  SqliteStoreOptions store_options;
  store_options.wal_autocheckpoint_pages = 16384;
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(file, store_options);
  if (!store.ok()) return store.status();
  store_ = std::move(*store);
  Result<std::unique_ptr<WalCheckpointer>> checkpointer =
      WalCheckpointer::Start(file, std::chrono::milliseconds(250));
  if (!checkpointer.ok()) return checkpointer.status();
  checkpointer_ = std::move(*checkpointer);
  const MergeOptions merge_options = MergeOptionsFor(config_);
  Result<std::unique_ptr<Merger>> merger = Merger::Open(*store_, merge_options);
  if (!merger.ok()) return merger.status();
  merger_ = std::move(*merger);
  publisher_ = std::make_unique<FeedPublisher>(*store_);
  publisher_->Configure(config_.site, config_.feeds, config_.paths.output);
  pipeline_ = std::make_unique<Pipeline>(io_, workers_, *merger_, config_.paths, PipelineOptions{},
                                         Hooks());
  pipeline_->SetFeedsOf(merge_options.feeds_of);
  return Status::Ok();
}

Status App::StartDeliveries() {
  Result<std::unique_ptr<SqliteDeliveryQueue>> queue = SqliteDeliveryQueue::OpenOn(*store_);
  if (!queue.ok()) return queue.status();
  delivery_queue_ = std::move(*queue);
  webhook_metrics_ = std::make_unique<RegistryWebhookMetrics>(registry_);
  DispatcherOptions options;
  options.on_recorded = [this] { ReportStatus(); };
  dispatcher_ = std::make_unique<Dispatcher>(io_, *delivery_queue_, config_.webhooks,
                                             webhook_metrics_.get(), std::move(options));
  return dispatcher_->Start();
}

Status App::StartServer() {
  if (config_.http.listen.empty()) return Status::Ok();
  server_ = std::make_unique<http::Server>(io_, ServerOptionsFor(config_), registry_,
                                           [this] { return ready_.load(); });
  return server_->Start();
}

Status App::StartWatcher() {
  watcher_ = std::make_unique<InboxWatcher>(
      io_, config_.paths.inbox, [this](const std::string& name) { pipeline_->Offer(name); },
      [this](const Status& error) {
        // The inbox is gone or unreadable: nothing more can arrive. Stop, and let systemd's
        // Restart=on-failure try again once the folder is back.
        spdlog::error("{}", error.message());
        exit_code_ = kExitFailure;
        BeginStop();
      });
  return watcher_->Start();
}

void App::WaitForSignal() {
  signals_.async_wait([this](const boost::system::error_code& ec, int signal) {
    if (ec == boost::asio::error::operation_aborted) return;
    OnSignal(signal);
    if (!io_.stopped()) WaitForSignal();
  });
}

void App::OnSignal(int signal) {
  if (signal == SIGHUP) {
    if (!stopping_) Reload();
    return;
  }
  if (stopping_) {
    // A second request: leave now. Everything committed is durable in the store, and files it
    // holds that are still in the inbox are only moved on the next start.
    spdlog::warn("second stop signal: exiting at once");
    std::_Exit(kExitOk);
  }
  spdlog::info("stop requested by signal {}", signal);
  BeginStop();
}

void App::Reload() {
  notifier_.Reloading();
  ConfigLoad load = ResolveConfig(options_.config_path, std::filesystem::current_path());
  if (!load.config) {
    for (const ConfigError& e : load.errors) spdlog::error("reload: {}", e.ToString());
    spdlog::error("reload: the new configuration has errors; still running on the old one");
  } else if (Status s = CreateFolders(load.config->paths); !s.ok()) {
    spdlog::error("reload: {}; still running on the old configuration", s.message());
  } else {
    ApplyConfig(std::move(*load.config));
    spdlog::info("reloaded {}", config_.source);
  }
  notifier_.Ready();
}

// Ingest and deliveries wind down side by side: the dispatcher starts nothing new and gives the
// deliveries in flight `shutdown_grace`; events committed by the drain wait in the store for
// the next start.
void App::BeginStop() {
  if (stopping_) return;
  stopping_ = true;
  notifier_.Stopping();
  if (watcher_) watcher_->Stop();
  if (dispatcher_) {
    dispatcher_->Shutdown(config_.shutdown_grace, [this] {
      deliveries_stopped_ = true;
      MaybeFinishStop();
    });
  } else {
    deliveries_stopped_ = true;
  }
  if (!pipeline_) {
    pipeline_drained_ = true;
    return MaybeFinishStop();
  }
  pipeline_->Drain([this] {
    if (publish_dirty_) {
      if (Status s = PublishNow(); !s.ok()) spdlog::error("rendering feeds: {}", s.message());
    }
    pipeline_drained_ = true;
    MaybeFinishStop();
  });
}

void App::MaybeFinishStop() {
  if (pipeline_drained_ && deliveries_stopped_) FinishStop();
}

void App::FinishStop() {
  publish_timer_.cancel();
  status_timer_.cancel();
  notifier_.StopWatchdog();
  if (server_) server_->Stop();
  signals_.cancel();
  io_.stop();
}

}  // namespace synd

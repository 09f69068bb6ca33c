// The webhook dispatcher (issue [5/6]): turns the store's event outbox into signed, retried,
// durable deliveries. Owns one HttpClient; reads and writes the DeliveryQueue on the io_context
// thread; each webhook is a lane with its own in-flight limit, so a slow receiver delays only
// itself. Attempt outcomes are written in group commits; a delivery is marked delivered only
// after a 2xx, and anything not yet recorded when the process dies is simply sent again with the
// same webhook-id (at-least-once).
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "daemon/webhook/delivery_attempt.hpp"
#include "daemon/webhook/http_client.hpp"
#include "daemon/webhook/webhook_metrics.hpp"
#include "feeds/webhook/delivery_queue.hpp"

namespace synd {

struct DispatcherOptions {
  // How often the store is re-read for changes made by `syndicated deliveries` (enable, retry,
  // replay) and by other processes: the bound on how late the daemon notices them.
  std::chrono::milliseconds poll_interval{1000};
  // Group commit of attempt records: at most this late, or at `flush_batch` records.
  std::chrono::milliseconds flush_interval{50};
  std::size_t flush_batch = 2048;
  int refill_batch = 256;        // due deliveries loaded per lane and query
  int materialize_batch = 2000;  // events examined per transaction
  std::chrono::milliseconds prune_interval{std::chrono::minutes(10)};
  std::string user_agent = "syndicated";
  // Called after attempt outcomes are written (the daemon refreshes its status line); may be
  // empty. Must not call back into the dispatcher.
  std::function<void()> on_recorded;
};

// Running totals for the daemon's status line: attempts finished since Start, and pending
// deliveries as last read from the store (at most a poll interval old).
struct DispatcherCounts {
  int64_t delivered = 0;
  int64_t retrying = 0;  // attempts that failed and were scheduled again
  int64_t failed = 0;    // deliveries given up on (kept as failed)
  int64_t pending = 0;
  int64_t disabled_webhooks = 0;
};

// What `syndicated once` reports after RunOnce.
struct OnceReport {
  int64_t attempted = 0;
  int64_t delivered = 0;
  int64_t retrying = 0;  // failed this time, queued for a later attempt
  int64_t failed = 0;    // failed with the schedule used up
  int64_t disabled_webhooks = 0;
};

class Dispatcher {
 public:
  // `io`, `queue` and `metrics` (may be null) must outlive the dispatcher. Nothing happens until
  // Start() or RunOnce(). All methods: io_context thread only.
  Dispatcher(boost::asio::io_context& io, DeliveryQueue& queue, std::vector<WebhookConfig> webhooks,
             WebhookMetrics* metrics, DispatcherOptions options = {});
  ~Dispatcher();
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  // Validates the webhooks (errors name the webhook; nothing starts), declares them to the queue
  // (a new webhook receives events committed from now on: call before the first ingest), then
  // picks up everything committed and due, including what an earlier process left, and keeps
  // polling. A webhook disabled by a 410 stays disabled across restarts.
  Status Start();

  // Call after each commit: new events are turned into deliveries and sent. Cheap and
  // coalesced; safe to call before Start (it then does nothing).
  void Wake();

  // Swaps in a new webhook list (SIGHUP). Invalid → error, the old list stays. Valid → removed
  // webhooks stop (their in-flight attempts finish and are recorded), new ones start, and every
  // webhook disabled by a 410 is enabled again.
  Status Reconfigure(std::vector<WebhookConfig> webhooks);

  // Stops starting attempts, lets those in flight finish for up to `grace`, aborts the rest (they
  // stay pending and go out again on the next start), writes every record, then calls `done`.
  void Shutdown(std::chrono::milliseconds grace, std::function<void()> done);

  // One-shot mode (`syndicated once`): declares the webhooks, makes one attempt for each delivery
  // due now, records the outcomes, then calls `done`. What fails stays queued. Use instead of
  // Start(), on a fresh dispatcher; io.run() returns once `done` has run.
  void RunOnce(std::function<void(Result<OnceReport>)> done);

  // Deliveries in flight right now, over all webhooks.
  int in_flight() const { return in_flight_; }
  const DispatcherCounts& counts() const { return counts_; }

 private:
  struct Lane;  // dispatcher_lane.hpp
  using LanePtr = std::shared_ptr<Lane>;

  Status Install(std::vector<WebhookConfig> webhooks);
  Status LoadStates();
  void MaterializeSome();
  void PumpAll();
  void FillLane(const LanePtr& lane);
  bool Refill(const LanePtr& lane);
  void SetAside(const LanePtr& lane, const DueDelivery& delivery, DeliveryTime now);
  void StartAttempt(const LanePtr& lane, DueDelivery delivery);
  void OnAttemptDone(const LanePtr& lane, const DueDelivery& delivery, const HttpOutcome& outcome);
  void Report(Lane& lane, const DueDelivery& delivery, const AttemptJudgement& judgement,
              const HttpOutcome& outcome);
  void DisableLane(Lane& lane, const std::string& reason, DeliveryTime now);
  void DropReady(Lane& lane);
  bool Flush();
  void ScheduleFlush();
  void ArmTimer();
  void ArmTimerAt(DeliveryTime at);
  void OnTimer();
  void Poll(DeliveryTime now);
  void Prune(DeliveryTime now);
  void AbandonInFlight();
  void MaybeFinishShutdown();
  void MaybeFinishOnce();
  std::vector<WebhookRoute> Routes() const;
  DeliveryTime Now() const;

  boost::asio::io_context& io_;
  DeliveryQueue& queue_;
  WebhookMetrics* metrics_;
  DispatcherOptions options_;
  std::vector<WebhookConfig> configs_;
  HttpClient client_;
  std::map<std::string, LanePtr, std::less<>> lanes_;
  // Attempt outcomes not yet written, and the lane of each (parallel vectors). Their deliveries
  // stay in their lane's `held` set until written, so a refill cannot pick them up again.
  std::vector<AttemptRecord> unflushed_;
  std::vector<LanePtr> unflushed_lanes_;
  boost::asio::steady_timer timer_;
  boost::asio::steady_timer flush_timer_;
  boost::asio::steady_timer grace_timer_;
  std::mt19937_64 random_;
  // Handlers posted to the io_context hold a weak_ptr to this and do nothing once it expired.
  std::shared_ptr<int> token_;
  DeliveryTime next_poll_{};
  DeliveryTime next_prune_{};
  DeliveryTime timer_at_ = DeliveryTime::max();
  int in_flight_ = 0;
  bool started_ = false;
  bool wake_posted_ = false;
  bool flush_armed_ = false;
  bool stopping_ = false;
  bool flush_failing_ = false;
  std::function<void()> shutdown_done_;
  bool once_ = false;
  OnceReport once_report_;
  DispatcherCounts counts_;
  std::function<void(Result<OnceReport>)> once_done_;
};

}  // namespace synd

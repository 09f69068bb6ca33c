// Dispatcher lifecycle: start, wake, reconfigure, poll, prune, shutdown and the one-shot mode.
// The per-webhook lane work (refill, attempts, outcomes, group commit) is in dispatcher_lanes.cpp.
#include "daemon/webhook/dispatcher.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>

#include "daemon/webhook/dispatcher_lane.hpp"

namespace synd {

Dispatcher::Dispatcher(boost::asio::io_context& io, DeliveryQueue& queue,
                       std::vector<WebhookConfig> webhooks, WebhookMetrics* metrics,
                       DispatcherOptions options)
    : io_(io),
      queue_(queue),
      metrics_(metrics),
      options_(std::move(options)),
      configs_(std::move(webhooks)),
      client_(io, options_.user_agent),
      timer_(io),
      flush_timer_(io),
      grace_timer_(io),
      random_(std::random_device{}()),
      token_(std::make_shared<int>(0)) {}

Dispatcher::~Dispatcher() = default;

DeliveryTime Dispatcher::Now() const {
  return std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

std::vector<WebhookRoute> Dispatcher::Routes() const {
  std::vector<WebhookRoute> routes;
  for (const auto& [name, lane] : lanes_) routes.push_back(lane->target.route);
  return routes;
}

Status Dispatcher::Install(std::vector<WebhookConfig> webhooks) {
  Result<std::vector<WebhookTarget>> targets = MakeWebhookTargets(webhooks);
  if (!targets.ok()) return targets.status();
  std::vector<std::string> names;
  for (const WebhookTarget& t : *targets) names.push_back(t.config.name);
  Status declared = queue_.SetWebhooks(names);
  if (!declared.ok()) return declared.WithPrefix("declaring the webhooks to the store");
  std::map<std::string, LanePtr, std::less<>> next;
  for (WebhookTarget& target : *targets) {
    const std::string name = target.config.name;
    auto it = lanes_.find(name);
    LanePtr lane = it != lanes_.end() ? it->second : std::make_shared<Lane>(target);
    lane->target = std::move(target);
    lane->may_have_due = true;
    next.emplace(name, std::move(lane));
  }
  for (auto& [name, lane] : lanes_) {
    if (next.count(name) != 0) continue;
    lane->removed = true;  // in-flight attempts finish and are recorded; nothing new starts
    DropReady(*lane);
  }
  lanes_.swap(next);
  configs_ = std::move(webhooks);
  return Status::Ok();
}

Status Dispatcher::LoadStates() {
  Result<std::vector<WebhookQueueState>> states = queue_.WebhookStates(false);
  if (!states.ok()) return states.status().WithPrefix("reading webhook states");
  counts_.pending = 0;
  counts_.disabled_webhooks = 0;
  for (const WebhookQueueState& state : *states) {
    auto it = lanes_.find(state.name);
    if (it == lanes_.end()) continue;
    counts_.pending += state.pending;
    counts_.disabled_webhooks += state.disabled ? 1 : 0;
    Lane& lane = *it->second;
    if (lane.disabled && !state.disabled) {
      spdlog::info("webhook {}: enabled again", state.name);
      lane.may_have_due = true;
    } else if (!lane.disabled && state.disabled) {
      spdlog::warn(
          "webhook {}: disabled ({}); `syndicated deliveries enable {}` or a reload "
          "enables it again",
          state.name, state.disabled_reason, state.name);
      DropReady(lane);
    }
    lane.disabled = state.disabled;
    if (metrics_ != nullptr) {
      metrics_->QueueDepth(state.name, state.pending);
      metrics_->Disabled(state.name, state.disabled);
    }
  }
  return Status::Ok();
}

Status Dispatcher::Start() {
  assert(!started_ && !once_);
  Status status = Install(configs_);
  if (status.ok()) status = LoadStates();
  if (!status.ok()) return status;
  started_ = true;
  const DeliveryTime now = Now();
  next_poll_ = now + options_.poll_interval;
  next_prune_ = now;
  MaterializeSome();
  PumpAll();
  ArmTimer();
  return Status::Ok();
}

void Dispatcher::Wake() {
  if (!started_ || stopping_ || wake_posted_) return;
  wake_posted_ = true;
  boost::asio::post(io_, [this, alive = std::weak_ptr<int>(token_)] {
    if (alive.expired()) return;
    wake_posted_ = false;
    if (stopping_) return;
    MaterializeSome();
    PumpAll();
  });
}

void Dispatcher::MaterializeSome() {
  Result<MaterializeResult> result =
      queue_.Materialize(Routes(), Now(), options_.materialize_batch);
  if (!result.ok()) {
    // The next wake or poll tries again; the events are safe in the outbox.
    spdlog::error("webhooks: cannot queue new events: {}", result.status().message());
    return;
  }
  for (const auto& [name, created] : result->created) {
    auto it = lanes_.find(name);
    if (it != lanes_.end() && created > 0) it->second->may_have_due = true;
  }
  // More events than one batch: continue after whatever else is queued on the io_context.
  if (result->events_examined >= options_.materialize_batch) Wake();
}

Status Dispatcher::Reconfigure(std::vector<WebhookConfig> webhooks) {
  Status status = Install(std::move(webhooks));
  if (!status.ok()) return status;
  for (auto& [name, lane] : lanes_) {
    Result<bool> enabled = queue_.Enable(name);
    if (!enabled.ok()) return enabled.status().WithPrefix("enabling webhook " + name);
    if (*enabled || lane->disabled) {
      spdlog::info("webhook {}: enabled again by the reload", name);
      if (metrics_ != nullptr) metrics_->Disabled(name, false);
    }
    lane->disabled = false;
  }
  if (started_ && !stopping_) {
    MaterializeSome();
    PumpAll();
    timer_at_ = DeliveryTime::max();
    ArmTimer();
  }
  return Status::Ok();
}

void Dispatcher::ArmTimer() {
  DeliveryTime at = next_poll_;
  for (const auto& [name, lane] : lanes_) {
    if (lane->next_due && !lane->disabled) at = std::min(at, *lane->next_due);
  }
  ArmTimerAt(at);
}

void Dispatcher::ArmTimerAt(DeliveryTime at) {
  if (!started_ || stopping_ || at >= timer_at_) return;
  timer_at_ = at;
  timer_.expires_after(std::max(at - Now(), DeliveryTime::duration::zero()));
  timer_.async_wait([this, alive = std::weak_ptr<int>(token_)](boost::system::error_code ec) {
    if (ec == boost::asio::error::operation_aborted || alive.expired()) return;
    OnTimer();
  });
}

void Dispatcher::OnTimer() {
  timer_at_ = DeliveryTime::max();
  const DeliveryTime now = Now();
  for (auto& [name, lane] : lanes_) {
    if (lane->next_due && *lane->next_due <= now) {
      lane->next_due.reset();
      lane->may_have_due = true;
    }
  }
  if (now >= next_poll_) {
    next_poll_ = now + options_.poll_interval;
    Poll(now);
  }
  PumpAll();
  ArmTimer();
}

void Dispatcher::Poll(DeliveryTime now) {
  MaterializeSome();
  Status status = LoadStates();
  if (!status.ok()) spdlog::error("webhooks: {}", status.message());
  // Picks up `deliveries retry` and `replay` made by another process.
  for (auto& [name, lane] : lanes_) lane->may_have_due = true;
  if (now >= next_prune_) {
    next_prune_ = now + options_.prune_interval;
    Prune(now);
  }
}

void Dispatcher::Prune(DeliveryTime now) {
  // Without webhooks the outbox still keeps the default retention's worth of events: they are
  // the store's record of what changed, not only the dispatcher's work list.
  Duration longest = lanes_.empty() ? WebhookConfig{}.retention : Duration{0};
  std::map<std::string, DeliveryTime, std::less<>> delivered_before;
  for (const auto& [name, lane] : lanes_) {
    longest = std::max(longest, lane->target.config.retention);
    delivered_before[name] = now - lane->target.config.retention;
  }
  const TimePoint events_before = std::chrono::floor<std::chrono::seconds>(now - longest);
  Result<int64_t> pruned = queue_.Prune(delivered_before, events_before);
  if (!pruned.ok()) {
    spdlog::error("webhooks: pruning delivered rows: {}", pruned.status().message());
  } else if (*pruned > 0) {
    spdlog::debug("webhooks: pruned {} delivered rows past retention", *pruned);
  }
}

void Dispatcher::Shutdown(std::chrono::milliseconds grace, std::function<void()> done) {
  if (stopping_) {
    // A second request: stop waiting for the receivers.
    client_.AbortAll();
    AbandonInFlight();
    MaybeFinishShutdown();
    return;
  }
  stopping_ = true;
  shutdown_done_ = std::move(done);
  timer_.cancel();
  for (auto& [name, lane] : lanes_) DropReady(*lane);
  if (in_flight_ > 0) {
    spdlog::info("webhooks: waiting up to {} ms for {} deliveries in flight", grace.count(),
                 in_flight_);
    grace_timer_.expires_after(grace);
    grace_timer_.async_wait(
        [this, alive = std::weak_ptr<int>(token_)](boost::system::error_code ec) {
          if (ec == boost::asio::error::operation_aborted || alive.expired()) return;
          spdlog::warn(
              "webhooks: {} deliveries still in flight after the grace period; they will be "
              "sent again on the next start",
              in_flight_);
          client_.AbortAll();
          AbandonInFlight();
          MaybeFinishShutdown();
        });
  }
  MaybeFinishShutdown();
}

void Dispatcher::AbandonInFlight() {
  // Aborted attempts are not recorded: their deliveries stay pending and due.
  in_flight_ = 0;
  for (auto& [name, lane] : lanes_) lane->in_flight = 0;
}

void Dispatcher::MaybeFinishShutdown() {
  if (!stopping_ || in_flight_ > 0 || !shutdown_done_) return;
  grace_timer_.cancel();
  flush_timer_.cancel();
  if (!Flush()) spdlog::error("webhooks: attempt outcomes not recorded; they will be sent again");
  auto done = std::move(shutdown_done_);
  shutdown_done_ = nullptr;
  done();
}

void Dispatcher::RunOnce(std::function<void(Result<OnceReport>)> done) {
  assert(!started_ && !once_);
  once_ = true;
  once_done_ = std::move(done);
  Status status = Install(configs_);
  if (status.ok()) status = LoadStates();
  for (bool more = status.ok(); more;) {
    Result<MaterializeResult> result =
        queue_.Materialize(Routes(), Now(), options_.materialize_batch);
    if (!result.ok()) status = result.status();
    more = result.ok() && result->events_examined >= options_.materialize_batch;
  }
  if (!status.ok()) {
    boost::asio::post(io_, [done = std::move(once_done_), status] { done(status); });
    once_done_ = nullptr;
    return;
  }
  PumpAll();
  MaybeFinishOnce();
}

void Dispatcher::MaybeFinishOnce() {
  if (!once_ || in_flight_ > 0 || !once_done_) return;
  flush_timer_.cancel();
  Result<OnceReport> report = once_report_;
  if (!Flush()) report = Status::Io("webhooks: attempt outcomes could not be recorded");
  for (const auto& [name, lane] : lanes_) {
    if (lane->disabled && report.ok()) ++report->disabled_webhooks;
  }
  boost::asio::post(io_, [done = std::move(once_done_), report = std::move(report)]() mutable {
    done(std::move(report));
  });
  once_done_ = nullptr;
}

}  // namespace synd

// Dispatcher lanes: load due deliveries, start attempts within each webhook's in-flight limit,
// judge outcomes, write them in group commits.
#include <spdlog/spdlog.h>

#include "daemon/webhook/dispatcher.hpp"
#include "daemon/webhook/dispatcher_lane.hpp"

namespace synd {
namespace {

const char* OutcomeLabel(const AttemptJudgement& j) {
  switch (j.verdict) {
    case AttemptVerdict::kDelivered:
      return "delivered";
    case AttemptVerdict::kGone:
      return "gone";
    case AttemptVerdict::kRetry:
      break;
  }
  return j.final ? "failed" : "retry";
}

}  // namespace

void Dispatcher::PumpAll() {
  for (auto& [name, lane] : lanes_) FillLane(lane);
}

void Dispatcher::FillLane(const LanePtr& lane) {
  if (stopping_ || lane->disabled || lane->removed) return;
  const WebhookConfig& config = lane->target.config;
  const int limit = config.ordered ? 1 : config.max_in_flight;
  while (lane->in_flight < limit) {
    if (lane->ready.empty() && !(lane->may_have_due && Refill(lane))) break;
    DueDelivery delivery = std::move(lane->ready.front());
    lane->ready.pop_front();
    StartAttempt(lane, std::move(delivery));
  }
}

bool Dispatcher::Refill(const LanePtr& lane_ptr) {
  Lane& lane = *lane_ptr;
  // An outcome not yet written leaves its delivery looking due in the store: it is in `held`
  // and skipped. An ordered lane must not skip its head that way, so it writes first.
  if (lane.target.config.ordered && lane.unflushed > 0 && !Flush()) return false;
  const std::string& name = lane.target.config.name;
  const int want = options_.refill_batch + static_cast<int>(lane.held.size());
  const DeliveryTime now = Now();
  Result<std::vector<DueDelivery>> due = queue_.Due(name, now, want, lane.target.config.ordered);
  if (!due.ok()) {
    spdlog::error("webhook {}: reading due deliveries: {}", name, due.status().message());
    lane.may_have_due = false;  // the next poll tries again
    return false;
  }
  for (DueDelivery& delivery : *due) {
    if (lane.held.count(delivery.id) != 0) continue;
    if (once_ && lane.attempted.count(delivery.id) != 0) continue;
    lane.held.insert(delivery.id);
    if (!delivery.unrenderable.empty()) {
      SetAside(lane_ptr, delivery, now);
      continue;
    }
    lane.ready.push_back(std::move(delivery));
  }
  if (static_cast<int>(due->size()) < want) {
    lane.may_have_due = false;
    if (!once_) {
      Result<std::optional<DeliveryTime>> next = queue_.NextDue(name, now);
      if (next.ok() && next->has_value() && (!lane.next_due || **next < *lane.next_due)) {
        lane.next_due = **next;
        ArmTimerAt(**next);
      }
    }
  }
  return !lane.ready.empty();
}

// A delivery whose body cannot be built (a damaged store) can never be sent: it is recorded as
// failed, with the reason, in the next group commit, so that it does not hold back the
// webhook's other deliveries. `deliveries retry` queues it again once the store is repaired.
void Dispatcher::SetAside(const LanePtr& lane, const DueDelivery& delivery, DeliveryTime now) {
  const std::string& name = lane->target.config.name;
  spdlog::error("webhook {}: delivery {} of {} set aside as failed: its body cannot be built: {}",
                name, delivery.id, delivery.event_id, delivery.unrenderable);
  AttemptRecord record;
  record.delivery_id = delivery.id;
  record.state = DeliveryState::kFailed;
  record.attempts = delivery.attempts;
  record.attempted_at = now;
  record.next_attempt = delivery.due_at;
  record.error = "body cannot be built: " + delivery.unrenderable;
  record.due_at = delivery.due_at;
  unflushed_.push_back(std::move(record));
  unflushed_lanes_.push_back(lane);
  ++lane->unflushed;
  ++counts_.failed;
  if (once_) ++once_report_.failed;
  ScheduleFlush();
}

void Dispatcher::StartAttempt(const LanePtr& lane, DueDelivery delivery) {
  ++lane->in_flight;
  ++in_flight_;
  if (once_) {
    lane->attempted.insert(delivery.id);
    ++once_report_.attempted;
  }
  const int64_t timestamp =
      std::chrono::duration_cast<std::chrono::seconds>(Now().time_since_epoch()).count();
  HttpPost post = BuildWebhookPost(lane->target, delivery, timestamp);
  delivery.payload.clear();  // the request holds the body now
  client_.Post(std::move(post),
               [this, lane, delivery = std::move(delivery)](const HttpOutcome& outcome) {
                 OnAttemptDone(lane, delivery, outcome);
               });
}

void Dispatcher::OnAttemptDone(const LanePtr& lane, const DueDelivery& delivery,
                               const HttpOutcome& outcome) {
  --lane->in_flight;
  --in_flight_;
  const DeliveryTime now = Now();
  std::uniform_real_distribution<double> jitter(-1.0, 1.0);
  const AttemptJudgement judgement =
      JudgeAttempt(lane->target, delivery, outcome, now, jitter(random_));
  Report(*lane, delivery, judgement, outcome);
  unflushed_.push_back(judgement.record);
  unflushed_lanes_.push_back(lane);
  ++lane->unflushed;
  if (judgement.verdict == AttemptVerdict::kGone) {
    DisableLane(*lane, judgement.summary, now);
  } else if (judgement.record.state == DeliveryState::kPending) {
    const DeliveryTime next = judgement.record.next_attempt;
    if (!lane->next_due || next < *lane->next_due) lane->next_due = next;
    // An ordered webhook sends nothing newer until this one goes through or fails for good.
    if (lane->target.config.ordered) {
      DropReady(*lane);
      lane->may_have_due = false;
    }
    ArmTimerAt(next);
  }
  if (unflushed_.size() >= options_.flush_batch) {
    (void)Flush();
  } else {
    ScheduleFlush();
  }
  if (stopping_) {
    MaybeFinishShutdown();
    return;
  }
  FillLane(lane);
  MaybeFinishOnce();
}

void Dispatcher::Report(Lane& lane, const DueDelivery& delivery, const AttemptJudgement& j,
                        const HttpOutcome& outcome) {
  const std::string& name = lane.target.config.name;
  const int attempts = j.record.attempts;
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(outcome.elapsed).count();
  if (metrics_ != nullptr) metrics_->AttemptFinished(name, OutcomeLabel(j), outcome.elapsed);
  if (j.verdict == AttemptVerdict::kDelivered) {
    spdlog::info("webhook {}: delivered {} (delivery {}, attempt {}): {} in {} ms", name,
                 delivery.event_id, delivery.id, attempts, j.summary, ms);
    ++counts_.delivered;
    if (once_) ++once_report_.delivered;
  } else if (j.final) {
    spdlog::warn("webhook {}: gave up on {} (delivery {}) after {} attempts: {}; kept as failed",
                 name, delivery.event_id, delivery.id, attempts, j.summary);
    ++counts_.failed;
    if (once_) ++once_report_.failed;
  } else if (j.verdict == AttemptVerdict::kRetry) {
    const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(j.record.next_attempt -
                                                                            j.record.attempted_at);
    spdlog::debug("webhook {}: attempt {} for {} (delivery {}) failed: {}; next in {} ms", name,
                  attempts, delivery.event_id, delivery.id, j.summary, wait.count());
    ++counts_.retrying;
    if (once_) ++once_report_.retrying;
  }
}

void Dispatcher::DisableLane(Lane& lane, const std::string& reason, DeliveryTime now) {
  if (lane.disabled) return;
  const std::string& name = lane.target.config.name;
  lane.disabled = true;
  DropReady(lane);
  // Written at once, not in the group commit: a restart and `deliveries list` must see it.
  Status status = queue_.Disable(name, reason, now);
  if (!status.ok())
    spdlog::error("webhook {}: storing its disabled state: {}", name, status.message());
  spdlog::warn(
      "webhook {}: disabled, the receiver answered {}; `syndicated deliveries enable {}` "
      "or a reload enables it again",
      name, reason, name);
  if (metrics_ != nullptr) metrics_->Disabled(name, true);
}

void Dispatcher::DropReady(Lane& lane) {
  for (const DueDelivery& d : lane.ready) lane.held.erase(d.id);
  lane.ready.clear();
}

bool Dispatcher::Flush() {
  if (unflushed_.empty()) return true;
  Status status = queue_.Record(unflushed_);
  if (!status.ok()) {
    if (!flush_failing_) {
      spdlog::error("webhooks: cannot record attempt outcomes (retrying): {}", status.message());
    }
    flush_failing_ = true;
    ScheduleFlush();
    return false;
  }
  if (flush_failing_) spdlog::info("webhooks: recording attempt outcomes works again");
  flush_failing_ = false;
  for (std::size_t i = 0; i < unflushed_.size(); ++i) {
    Lane& lane = *unflushed_lanes_[i];
    lane.held.erase(unflushed_[i].delivery_id);
    --lane.unflushed;
  }
  unflushed_.clear();
  unflushed_lanes_.clear();
  if (options_.on_recorded) options_.on_recorded();
  return true;
}

void Dispatcher::ScheduleFlush() {
  if (flush_armed_ || unflushed_.empty()) return;
  flush_armed_ = true;
  flush_timer_.expires_after(options_.flush_interval);
  flush_timer_.async_wait([this, alive = std::weak_ptr<int>(token_)](boost::system::error_code ec) {
    if (alive.expired()) return;
    flush_armed_ = false;
    if (ec == boost::asio::error::operation_aborted) return;
    (void)Flush();
  });
}

}  // namespace synd

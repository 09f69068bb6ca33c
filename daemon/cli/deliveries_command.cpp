#include "daemon/cli/deliveries_command.hpp"

#include <algorithm>
#include <iomanip>
#include <ostream>

#include "daemon/cli/commands.hpp"

namespace synd {
namespace {

std::string When(DeliveryTime t) {
  return FormatRfc3339(std::chrono::floor<std::chrono::seconds>(t));
}

std::string Outcome(const DeliveryListing& row) {
  if (row.state == DeliveryState::kDelivered) return "HTTP " + std::to_string(row.http_status);
  if (!row.error.empty()) return row.error;
  return row.attempts == 0 ? "not attempted yet" : "";
}

void PrintWebhooks(const std::vector<WebhookQueueState>& states, const std::string& only,
                   std::ostream& out) {
  out << std::left << std::setw(20) << "WEBHOOK" << std::setw(10) << "STATE" << std::setw(10)
      << "PENDING" << std::setw(10) << "FAILED" << std::setw(11) << "DELIVERED"
      << "NOTE\n";
  for (const WebhookQueueState& s : states) {
    if (!only.empty() && s.name != only) continue;
    out << std::setw(20) << s.name << std::setw(10) << (s.disabled ? "disabled" : "enabled")
        << std::setw(10) << s.pending << std::setw(10) << s.failed << std::setw(11) << s.delivered;
    if (s.disabled) {
      out << s.disabled_reason << " at " << When(s.disabled_at) << "; `syndicated deliveries "
          << "enable " << s.name << "` sends again";
    }
    out << '\n';
  }
}

void PrintDeliveries(const std::vector<DeliveryListing>& rows, std::ostream& out) {
  out << std::left << std::setw(8) << "ID" << std::setw(20) << "WEBHOOK" << std::setw(34) << "EVENT"
      << std::setw(17) << "TYPE" << std::setw(11) << "STATE" << std::setw(9) << "ATTEMPTS"
      << std::setw(22) << "NEXT/LAST ATTEMPT"
      << "RESULT\n";
  for (const DeliveryListing& row : rows) {
    const DeliveryTime when = row.state == DeliveryState::kPending || !row.last_attempt
                                  ? row.next_attempt
                                  : *row.last_attempt;
    out << std::setw(8) << row.id << std::setw(20) << row.webhook << std::setw(34) << row.event_id
        << std::setw(17) << row.event_type << std::setw(11) << DeliveryStateName(row.state)
        << std::setw(9) << row.attempts << std::setw(22) << When(when) << Outcome(row) << '\n';
  }
}

int List(const DeliveriesRequest& request, DeliveryQueue& queue, std::ostream& out,
         std::ostream& err) {
  auto states = queue.WebhookStates(true);
  DeliveryQuery query;
  query.webhook = request.webhook;
  query.failed_only = request.failed_only;
  query.limit = request.limit;
  auto rows = states.ok() ? queue.List(query) : states.status();
  if (!rows.ok()) {
    err << "syndicated deliveries list: " << rows.status().message() << '\n';
    return kExitFailure;
  }
  PrintWebhooks(*states, request.webhook, out);
  out << '\n';
  PrintDeliveries(*rows, out);
  return kExitOk;
}

int Count(const char* what, const Result<int64_t>& changed, std::ostream& out, std::ostream& err,
          const std::string& none) {
  if (!changed.ok()) {
    err << "syndicated deliveries " << what << ": " << changed.status().message() << '\n';
    return kExitFailure;
  }
  if (*changed == 0) {
    err << none << '\n';
    return kExitFailure;
  }
  out << *changed << " deliveries queued again; the daemon sends them within a second\n";
  return kExitOk;
}

int Enable(const std::string& webhook, DeliveryQueue& queue, std::ostream& out, std::ostream& err) {
  auto states = queue.WebhookStates(true);
  auto enabled = states.ok() ? queue.Enable(webhook) : Result<bool>(states.status());
  if (!enabled.ok()) {
    err << "syndicated deliveries enable: " << enabled.status().message() << '\n';
    return kExitFailure;
  }
  const bool known = std::any_of(states->begin(), states->end(),
                                 [&](const WebhookQueueState& s) { return s.name == webhook; });
  if (!known) {
    err << "syndicated deliveries enable: no webhook named " << webhook << " in the store\n";
    return kExitFailure;
  }
  out << "webhook " << webhook
      << (*enabled ? " enabled; the daemon resumes its deliveries within a second\n"
                   : " was not disabled\n");
  return kExitOk;
}

}  // namespace

int RunDeliveries(const DeliveriesRequest& request, DeliveryQueue& queue, DeliveryTime now,
                  std::ostream& out, std::ostream& err) {
  using Action = DeliveriesRequest::Action;
  switch (request.action) {
    case Action::kList:
      return List(request, queue, out, err);
    case Action::kRetry: {
      const Status status = queue.Retry(request.delivery_id, now);
      if (!status.ok()) {
        err << "syndicated deliveries retry: " << status.message() << '\n';
        return kExitFailure;
      }
      out << "delivery " << request.delivery_id
          << " queued again; the daemon sends it within a second\n";
      return kExitOk;
    }
    case Action::kRetryAllFailed:
      return Count("retry", queue.RetryFailed(request.webhook, now), out, err,
                   "syndicated deliveries retry: no failed deliveries");
    case Action::kReplay:
      return Count("replay", queue.Replay(request.webhook, request.since, now), out, err,
                   "syndicated deliveries replay: webhook " + request.webhook +
                       " has no deliveries of events committed since " +
                       FormatRfc3339(request.since));
    case Action::kEnable:
      return Enable(request.webhook, queue, out, err);
  }
  return kExitFailure;
}

}  // namespace synd

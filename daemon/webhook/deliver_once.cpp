#include "daemon/webhook/deliver_once.hpp"

#include <boost/asio/io_context.hpp>

namespace synd {

Status DeclareWebhooks(DeliveryQueue& queue, const std::vector<WebhookConfig>& webhooks) {
  Result<std::vector<WebhookTarget>> targets = MakeWebhookTargets(webhooks);
  if (!targets.ok()) return targets.status();
  std::vector<std::string> names;
  for (const WebhookConfig& w : webhooks) names.push_back(w.name);
  return queue.SetWebhooks(names);
}

Result<OnceReport> DeliverDueOnce(DeliveryQueue& queue, const std::vector<WebhookConfig>& webhooks,
                                  WebhookMetrics* metrics) {
  boost::asio::io_context io;
  Result<OnceReport> report = Status::Error(ErrorCode::kInternal, "webhook deliveries did not run");
  {
    Dispatcher dispatcher(io, queue, webhooks, metrics);
    dispatcher.RunOnce([&](Result<OnceReport> r) { report = std::move(r); });
    io.run();
  }
  return report;
}

}  // namespace synd

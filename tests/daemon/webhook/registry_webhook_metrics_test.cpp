#include "daemon/webhook/registry_webhook_metrics.hpp"

#include <gtest/gtest.h>

#include "tests/daemon/webhook/dispatcher_fixture.hpp"

namespace synd {
namespace {

using std::chrono::milliseconds;
using testing::Reply;
using testing::TestReceiver;

class WebhookMetricsTest : public testing::DispatcherFixture {};

TEST_F(WebhookMetricsTest, DispatcherReportsOutcomesLatencyDepthAndDisabledWebhooks) {
  TestReceiver ok({testing::kTestSecret});
  TestReceiver flaky({testing::kTestSecret});
  flaky.set_responder([](const auto&, int index) { return Reply{index == 0 ? 500 : 410}; });
  metrics::Registry registry;
  RegistryWebhookMetrics sink(registry);
  WebhookConfig flaky_config = Webhook("flaky", flaky.url());
  flaky_config.retry_schedule = {milliseconds(20)};
  DispatcherOptions options;
  options.poll_interval = milliseconds(20);
  Dispatcher dispatcher(io_, *queue_, {Webhook("ok", ok.url()), flaky_config}, &sink, options);
  ASSERT_TRUE(dispatcher.Start().ok());
  Commit();
  dispatcher.Wake();
  ASSERT_TRUE(RunUntil([&] { return ok.count() == 1 && flaky.count() == 2; }));
  RunFor(milliseconds(100));  // a poll or two: queue depth and disabled flags
  const std::string text = registry.Render();
  for (const char* line : {
           R"(syndicated_webhook_deliveries_total{webhook="ok",outcome="delivered"} 1)",
           R"(syndicated_webhook_deliveries_total{webhook="flaky",outcome="retry"} 1)",
           R"(syndicated_webhook_deliveries_total{webhook="flaky",outcome="gone"} 1)",
           R"(syndicated_webhook_attempt_duration_seconds_count{webhook="ok"} 1)",
           R"(syndicated_webhook_queue_depth{webhook="ok"} 0)",
           R"(syndicated_webhook_queue_depth{webhook="flaky"} 1)",
           R"(syndicated_webhook_disabled{webhook="flaky"} 1)",
           R"(syndicated_webhook_disabled{webhook="ok"} 0)",
       }) {
    EXPECT_NE(text.find(line), std::string::npos) << line << "\n" << text;
  }
}

}  // namespace
}  // namespace synd

// Dispatcher behaviour across its lifecycle: SSRF refusals, restart, shutdown, one-shot mode.
#include <gtest/gtest.h>

#include <set>

#include "daemon/webhook/deliver_once.hpp"
#include "daemon/webhook/dispatcher.hpp"
#include "tests/daemon/webhook/dispatcher_fixture.hpp"

namespace synd {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using testing::Reply;
using testing::TestReceiver;

class DispatcherLifecycleTest : public testing::DispatcherFixture {};

TEST_F(DispatcherLifecycleTest, RefusesClosedAddressesAtConnectTimeUnlessAllowed) {
  TestReceiver receiver({testing::kTestSecret});
  const std::string port = std::to_string(receiver.port());
  struct Case {
    std::string url;
    const char* refused_address;
  };
  const std::vector<Case> cases = {
      {"http://127.0.0.1:" + port + "/hook", "127.0.0.1, a loopback"},
      {"http://localhost:" + port + "/hook", "a loopback"},  // resolved, then refused
      {"http://[::1]:" + port + "/hook", "::1, a loopback"},
      {"http://[::ffff:127.0.0.1]:" + port + "/hook", "a loopback"},
      {"http://0.0.0.0:" + port + "/hook", "0.0.0.0, a unspecified"},
      {"http://10.255.255.1:9/hook", "10.255.255.1, a private"},
      {"http://192.168.0.1:9/hook", "192.168.0.1, a private"},
      {"http://169.254.169.254/latest/meta-data", "169.254.169.254, a link-local"},
      {"http://100.64.0.1:9/", "100.64.0.1, a shared (CGNAT)"},
      {"http://[fd00::1]:9/", "fd00::1, a private"},
      {"http://[fe80::1]:9/", "fe80::1, a link-local"},
      {"http://224.0.0.1:9/", "224.0.0.1, a multicast"},
  };
  std::vector<WebhookConfig> webhooks;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    WebhookConfig config = Webhook("w" + std::to_string(i), cases[i].url);
    config.allow_private = false;
    config.retry_schedule = {std::chrono::hours(1)};
    config.timeout = seconds(2);
    webhooks.push_back(config);
  }
  auto dispatcher = MakeDispatcher(webhooks);
  ASSERT_TRUE(dispatcher->Start().ok());
  Commit();
  dispatcher->Wake();
  ASSERT_TRUE(RunUntil([&] {
    auto rows = Listing();
    return rows.size() == cases.size() &&
           std::all_of(rows.begin(), rows.end(), [](const auto& r) { return r.attempts == 1; });
  }));
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const auto rows = Listing("w" + std::to_string(i));
    ASSERT_EQ(rows.size(), 1u) << cases[i].url;
    EXPECT_EQ(rows[0].state, DeliveryState::kPending) << cases[i].url;
    EXPECT_EQ(rows[0].error.rfind("refused to connect to ", 0), 0u)
        << cases[i].url << ": " << rows[0].error;
    EXPECT_NE(rows[0].error.find(cases[i].refused_address), std::string::npos)
        << cases[i].url << ": " << rows[0].error;
  }
  EXPECT_EQ(receiver.count(), 0u);
}

TEST_F(DispatcherLifecycleTest, RejectsInvalidWebhooksAtStartAndKeepsTheOldOnesOnReload) {
  TestReceiver receiver({testing::kTestSecret});
  struct Case {
    WebhookConfig config;
    const char* message;
  };
  std::vector<Case> cases;
  cases.push_back({Webhook("ftp", "ftp://example.org/hook"), "only http and https"});
  cases.push_back({Webhook("file", "file:///etc/passwd"), "only http and https"});
  WebhookConfig bad_secret = Webhook("secret", receiver.url());
  bad_secret.secrets = {"not-a-whsec"};
  cases.push_back({bad_secret, "secret #1"});
  WebhookConfig no_flight = Webhook("flight", receiver.url());
  no_flight.max_in_flight = 0;
  cases.push_back({no_flight, "max_in_flight"});
  for (const Case& c : cases) {
    auto dispatcher = MakeDispatcher({c.config});
    const Status status = dispatcher->Start();
    ASSERT_FALSE(status.ok()) << c.config.name;
    EXPECT_NE(status.message().find(c.message), std::string::npos) << status.message();
    EXPECT_NE(status.message().find("webhook " + c.config.name), std::string::npos)
        << status.message();
  }
  auto dispatcher = MakeDispatcher({Webhook("good", receiver.url())});
  ASSERT_TRUE(dispatcher->Start().ok());
  EXPECT_FALSE(dispatcher->Reconfigure({Webhook("good", "gopher://x/")}).ok());
  Commit();
  dispatcher->Wake();
  ASSERT_TRUE(RunUntil([&] { return receiver.count() == 1; }));
}

TEST_F(DispatcherLifecycleTest, RestartResumesTheStoredScheduleInsteadOfStartingOver) {
  TestReceiver receiver({testing::kTestSecret});
  receiver.set_responder([](const auto&, int index) { return Reply{index == 0 ? 500 : 200}; });
  WebhookConfig config = Webhook("crm", receiver.url());
  config.retry_schedule = {milliseconds(800)};
  auto dispatcher = MakeDispatcher({config});
  ASSERT_TRUE(dispatcher->Start().ok());
  const std::string id = Commit();
  dispatcher->Wake();
  ASSERT_TRUE(RunUntil([&] { return receiver.count() == 1; }));
  bool stopped = false;
  dispatcher->Shutdown(seconds(1), [&] { stopped = true; });
  ASSERT_TRUE(RunUntil([&] { return stopped; }));
  dispatcher.reset();
  CloseStore();
  OpenStore();

  auto restarted = MakeDispatcher({config});
  ASSERT_TRUE(restarted->Start().ok());
  ASSERT_TRUE(RunUntil([&] { return receiver.count() == 2; }));
  const auto requests = receiver.requests();
  EXPECT_EQ(requests[1].id(), id);
  // 800 ms − 20% jitter, minus scheduling slack: not sent again at once on restart.
  EXPECT_GE(requests[1].at - requests[0].at, milliseconds(600));
}

TEST_F(DispatcherLifecycleTest, ShutdownLetsInFlightDeliveriesFinishWithinTheGrace) {
  TestReceiver receiver({testing::kTestSecret});
  receiver.set_responder([](const auto&, int) { return Reply{200, milliseconds(300)}; });
  auto dispatcher = MakeDispatcher({Webhook("crm", receiver.url())});
  ASSERT_TRUE(dispatcher->Start().ok());
  Commit();
  Commit();
  dispatcher->Wake();
  ASSERT_TRUE(RunUntil([&] { return receiver.count() == 2; }));
  bool stopped = false;
  dispatcher->Shutdown(seconds(5), [&] { stopped = true; });
  ASSERT_TRUE(RunUntil([&] { return stopped; }));
  const auto rows = Listing();
  ASSERT_EQ(rows.size(), 2u);
  for (const auto& row : rows) EXPECT_EQ(row.state, DeliveryState::kDelivered) << row.id;
}

TEST_F(DispatcherLifecycleTest, ShutdownAfterTheGraceLeavesUnfinishedDeliveriesDue) {
  TestReceiver receiver({testing::kTestSecret});
  receiver.set_responder([](const auto&, int) { return Reply{200, milliseconds(1500)}; });
  auto dispatcher = MakeDispatcher({Webhook("crm", receiver.url())});
  ASSERT_TRUE(dispatcher->Start().ok());
  Commit();
  dispatcher->Wake();
  ASSERT_TRUE(RunUntil([&] { return receiver.count() == 1; }));
  bool stopped = false;
  const auto started = std::chrono::steady_clock::now();
  dispatcher->Shutdown(milliseconds(50), [&] { stopped = true; });
  ASSERT_TRUE(RunUntil([&] { return stopped; }));
  EXPECT_LT(std::chrono::steady_clock::now() - started, milliseconds(1000));
  const auto rows = Listing();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].state, DeliveryState::kPending);
  EXPECT_EQ(rows[0].attempts, 0);
}

TEST_F(DispatcherLifecycleTest, RunOnceAttemptsEachDueDeliveryOnceAndReturns) {
  TestReceiver good({testing::kTestSecret});
  TestReceiver bad({testing::kTestSecret});
  bad.set_responder([](const auto&, int) { return Reply{500}; });
  const std::vector<WebhookConfig> webhooks = {Webhook("good", good.url()),
                                               Webhook("bad", bad.url())};
  {
    // Declares the webhooks before the commits, as `once` does before it ingests.
    auto declare = MakeDispatcher(webhooks);
    ASSERT_TRUE(declare->Start().ok());
  }
  for (int i = 0; i < 3; ++i) Commit();
  auto dispatcher = MakeDispatcher(webhooks);
  Result<OnceReport> report = Status::Io("not run");
  dispatcher->RunOnce([&](Result<OnceReport> r) { report = std::move(r); });
  io_.restart();
  io_.run();  // returns when the one-shot run is over
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->attempted, 6);
  EXPECT_EQ(report->delivered, 3);
  EXPECT_EQ(report->retrying, 3);
  EXPECT_EQ(good.count(), 3u);
  EXPECT_EQ(bad.count(), 3u);
  for (const auto& row : Listing("bad")) {
    EXPECT_EQ(row.state, DeliveryState::kPending);
    EXPECT_EQ(row.attempts, 1);
  }
}

TEST_F(DispatcherLifecycleTest, OnceDeclaresBeforeIngestAndDeliversWhatThatRunCommitted) {
  TestReceiver receiver({testing::kTestSecret});
  const std::vector<WebhookConfig> webhooks = {Webhook("crm", receiver.url())};
  Commit();  // before the webhook existed: not for it
  ASSERT_TRUE(DeclareWebhooks(*queue_, webhooks).ok());
  const std::string id = Commit();
  Result<OnceReport> report = DeliverDueOnce(*queue_, webhooks);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->attempted, 1);
  EXPECT_EQ(report->delivered, 1);
  ASSERT_EQ(receiver.count(), 1u);
  EXPECT_EQ(receiver.requests()[0].id(), id);
  EXPECT_FALSE(DeclareWebhooks(*queue_, {Webhook("bad", "ftp://x/")}).ok());
}

// A replay issued while one of its deliveries is in flight must not be undone when that
// attempt's 200 comes back: the delivery goes out again, with the same webhook-id.
TEST_F(DispatcherLifecycleTest, ReplayIssuedWhileADeliveryIsInFlightSendsItAgain) {
  TestReceiver receiver({testing::kTestSecret});
  receiver.set_responder([](const auto&, int index) {
    return Reply{200, milliseconds(index == 0 ? 300 : 0)};
  });
  auto dispatcher = MakeDispatcher({Webhook("crm", receiver.url())});
  ASSERT_TRUE(dispatcher->Start().ok());
  const std::string id = Commit();
  dispatcher->Wake();
  ASSERT_TRUE(RunUntil([&] { return receiver.count() == 1; }));
  ASSERT_EQ(dispatcher->in_flight(), 1);  // the receiver sits on its reply for 300 ms
  const DeliveryTime now = std::chrono::floor<milliseconds>(std::chrono::system_clock::now());
  Result<int64_t> replayed = queue_->Replay("crm", TimePoint(seconds(0)), now);
  ASSERT_TRUE(replayed.ok()) << replayed.status().message();
  EXPECT_EQ(*replayed, 1);
  ASSERT_TRUE(RunUntil([&] { return receiver.count() == 2; })) << "the replay was lost";
  for (const auto& request : receiver.requests()) EXPECT_EQ(request.id(), id);
  EXPECT_TRUE(RunUntil([&] {
    const auto rows = Listing("crm");
    return rows.size() == 1 && rows[0].state == DeliveryState::kDelivered;
  }));
  bool done = false;
  dispatcher->Shutdown(milliseconds(10), [&] { done = true; });
  ASSERT_TRUE(RunUntil([&] { return done; }));
}

TEST_F(DispatcherLifecycleTest, WithoutWebhooksPruningKeepsTheOutboxEventsOfTheRetention) {
  for (int i = 0; i < 3; ++i) Commit();
  ASSERT_TRUE(delivery_sql::Exec(db_, "UPDATE events SET time = time - 3600").ok());  // 1 h old
  auto dispatcher = MakeDispatcher({});
  ASSERT_TRUE(dispatcher->Start().ok());
  RunFor(std::chrono::milliseconds(200));  // several polls; the first one prunes
  sqlite3_stmt* count = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db_, "SELECT COUNT(*) FROM events", -1, &count, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(count), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(count, 0), 3);
  sqlite3_finalize(count);
}

}  // namespace
}  // namespace synd

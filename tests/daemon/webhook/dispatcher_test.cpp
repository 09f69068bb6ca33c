#include "daemon/webhook/dispatcher.hpp"

#include <gtest/gtest.h>

#include <set>

#include "tests/daemon/webhook/dispatcher_fixture.hpp"

namespace synd {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using testing::Reply;
using testing::TestReceiver;

class DispatcherTest : public testing::DispatcherFixture {};

TEST_F(DispatcherTest, DeliversSignedStandardWebhookAndMarksItDelivered) {
  TestReceiver receiver({testing::kTestSecret});
  auto dispatcher = MakeDispatcher({Webhook("crm", receiver.url())});
  ASSERT_TRUE(dispatcher->Start().ok());
  const std::string id = Commit();
  dispatcher->Wake();
  ASSERT_TRUE(RunUntil([&] { return receiver.count() == 1; }));
  const auto request = receiver.requests()[0];
  EXPECT_TRUE(request.signature_valid) << request.header("webhook-signature");
  EXPECT_EQ(request.id(), id);
  EXPECT_EQ(request.header("content-type"), "application/json");
  EXPECT_NE(request.header("user-agent").find("syndicated"), std::string::npos);
  EXPECT_EQ(request.target, "/hook");
  const auto now =
      std::chrono::duration_cast<seconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  EXPECT_NEAR(std::stoll(request.header("webhook-timestamp")), now, 5);
  EXPECT_NE(request.body.find("article.created"), std::string::npos);
  ASSERT_TRUE(RunUntil([&] {
    auto rows = Listing();
    return rows.size() == 1 && rows[0].state == DeliveryState::kDelivered;
  }));
  EXPECT_EQ(Listing()[0].attempts, 1);
  EXPECT_EQ(Listing()[0].http_status, 200);
}

TEST_F(DispatcherTest, EverySecretSignsSoARotatedReceiverVerifies) {
  const std::string new_secret = "whsec_bmV3IHNlY3JldCBmb3Igcm90YXRpb24=";
  TestReceiver receiver({new_secret});
  WebhookConfig config = Webhook("crm", receiver.url());
  config.secrets = {testing::kTestSecret, new_secret};
  auto dispatcher = MakeDispatcher({config});
  ASSERT_TRUE(dispatcher->Start().ok());
  Commit();
  dispatcher->Wake();
  ASSERT_TRUE(RunUntil([&] { return receiver.count() == 1; }));
  const auto request = receiver.requests()[0];
  EXPECT_TRUE(request.signature_valid);
  const std::string signatures = request.header("webhook-signature");
  EXPECT_EQ(std::count(signatures.begin(), signatures.end(), ','), 2) << signatures;
}

TEST_F(DispatcherTest, RetriesWithTheSameWebhookIdUntilA2xx) {
  TestReceiver receiver({testing::kTestSecret});
  receiver.set_responder([](const auto&, int index) { return Reply{index < 2 ? 500 : 200}; });
  WebhookConfig config = Webhook("crm", receiver.url());
  config.retry_schedule = {milliseconds(50), milliseconds(50), milliseconds(50)};
  auto dispatcher = MakeDispatcher({config});
  ASSERT_TRUE(dispatcher->Start().ok());
  const std::string id = Commit();
  dispatcher->Wake();
  ASSERT_TRUE(RunUntil([&] {
    auto rows = Listing();
    return rows.size() == 1 && rows[0].state == DeliveryState::kDelivered;
  }));
  const auto requests = receiver.requests();
  ASSERT_EQ(requests.size(), 3u);
  for (const auto& request : requests) {
    EXPECT_EQ(request.id(), id);
    EXPECT_TRUE(request.signature_valid);
  }
  EXPECT_GE(requests[1].at - requests[0].at, milliseconds(40));
  EXPECT_EQ(Listing()[0].attempts, 3);
}

// A damaged store: the first event's revision is missing, so its body cannot be built. It is set
// aside as failed with the reason, unsent, and the webhook's next delivery goes out: one bad
// row must not hold back every later delivery.
class SetAsideTest : public DispatcherTest {
 protected:
  void ExpectSetAsideAndTheRestSent(bool ordered) {
    TestReceiver receiver({testing::kTestSecret});
    WebhookConfig config = Webhook("crm", receiver.url());
    config.ordered = ordered;
    auto dispatcher = MakeDispatcher({config});
    ASSERT_TRUE(dispatcher->Start().ok());
    ASSERT_TRUE(delivery_sql::Exec(db_,
                                   "INSERT INTO events (id, type, story, revision, time, payload,"
                                   " article_at) VALUES ('msg_damaged', 'article.created', 1, 99,"
                                   " 5, '{\"data\":{}}', 9)")
                    .ok());
    const std::string good = Commit();
    dispatcher->Wake();
    ASSERT_TRUE(RunUntil([&] { return receiver.count() == 1; }));
    EXPECT_EQ(receiver.requests()[0].id(), good);
    ASSERT_TRUE(RunUntil([&] {
      const auto rows = Listing();
      return rows.size() == 2 && rows[0].state != DeliveryState::kPending &&
             rows[1].state != DeliveryState::kPending;
    }));
    for (const DeliveryListing& row : Listing()) {
      if (row.event_id == good) {
        EXPECT_EQ(row.state, DeliveryState::kDelivered);
      } else {
        EXPECT_EQ(row.event_id, "msg_damaged");
        EXPECT_EQ(row.state, DeliveryState::kFailed);
        EXPECT_EQ(row.attempts, 0);
        EXPECT_NE(row.error.find("body cannot be built"), std::string::npos) << row.error;
      }
    }
    RunFor(std::chrono::milliseconds(100));
    EXPECT_EQ(receiver.count(), 1u);
  }
};

TEST_F(SetAsideTest, UnorderedWebhook) { ExpectSetAsideAndTheRestSent(false); }
TEST_F(SetAsideTest, OrderedWebhook) { ExpectSetAsideAndTheRestSent(true); }

TEST_F(DispatcherTest, KeepsTheDeliveryAsFailedAfterTheLastAttempt) {
  TestReceiver receiver({testing::kTestSecret});
  receiver.set_responder([](const auto&, int) { return Reply{500}; });
  WebhookConfig config = Webhook("crm", receiver.url());
  config.retry_schedule = {milliseconds(20), milliseconds(20)};
  auto dispatcher = MakeDispatcher({config});
  ASSERT_TRUE(dispatcher->Start().ok());
  Commit();
  dispatcher->Wake();
  ASSERT_TRUE(RunUntil([&] {
    auto rows = Listing();
    return rows.size() == 1 && rows[0].state == DeliveryState::kFailed;
  }));
  EXPECT_EQ(receiver.count(), 3u);
  EXPECT_EQ(Listing()[0].error, "HTTP 500");
  RunFor(milliseconds(200));
  EXPECT_EQ(receiver.count(), 3u);
}

TEST_F(DispatcherTest, GoneDisablesTheWebhookUntilEnabledAgain) {
  TestReceiver receiver({testing::kTestSecret});
  std::atomic<int> status{410};
  receiver.set_responder([&](const auto&, int) { return Reply{status.load()}; });
  WebhookConfig config = Webhook("crm", receiver.url());
  config.max_in_flight = 1;
  auto dispatcher = MakeDispatcher({config});
  ASSERT_TRUE(dispatcher->Start().ok());
  const std::string first = Commit();
  Commit();
  dispatcher->Wake();
  ASSERT_TRUE(RunUntil([&] { return receiver.count() == 1; }));
  RunFor(milliseconds(300));
  EXPECT_EQ(receiver.count(), 1u);
  auto states = queue_->WebhookStates(true);
  ASSERT_TRUE(states.ok());
  ASSERT_EQ(states->size(), 1u);
  EXPECT_TRUE((*states)[0].disabled);
  EXPECT_EQ((*states)[0].pending, 2);

  // What `syndicated deliveries enable crm` does from another process.
  status = 200;
  ASSERT_TRUE(queue_->Enable("crm").ok());
  ASSERT_TRUE(RunUntil([&] { return receiver.count() == 3; }));
  std::set<std::string> ids;
  for (const auto& r : receiver.requests()) ids.insert(r.id());
  EXPECT_EQ(ids.size(), 2u);
  EXPECT_EQ(ids.count(first), 1u);
}

TEST_F(DispatcherTest, ReloadEnablesAWebhookDisabledByGone) {
  TestReceiver receiver({testing::kTestSecret});
  std::atomic<int> status{410};
  receiver.set_responder([&](const auto&, int) { return Reply{status.load()}; });
  auto dispatcher = MakeDispatcher({Webhook("crm", receiver.url())});
  ASSERT_TRUE(dispatcher->Start().ok());
  Commit();
  dispatcher->Wake();
  ASSERT_TRUE(RunUntil([&] { return receiver.count() == 1; }));
  RunFor(milliseconds(100));
  status = 200;
  ASSERT_TRUE(dispatcher->Reconfigure({Webhook("crm", receiver.url())}).ok());
  ASSERT_TRUE(RunUntil([&] {
    auto rows = Listing();
    return rows.size() == 1 && rows[0].state == DeliveryState::kDelivered;
  }));
  EXPECT_EQ(receiver.count(), 2u);
}

TEST_F(DispatcherTest, ReceiverDownForAWhileReceivesEverythingOnceBack) {
  auto receiver = std::make_unique<TestReceiver>(std::vector<std::string>{testing::kTestSecret});
  const uint16_t port = receiver->port();
  const std::string url = receiver->url();
  receiver->Stop();
  WebhookConfig config = Webhook("crm", url);
  config.retry_schedule = std::vector<Duration>(20, milliseconds(100));
  auto dispatcher = MakeDispatcher({config});
  ASSERT_TRUE(dispatcher->Start().ok());
  std::set<std::string> committed;
  for (int i = 0; i < 30; ++i) committed.insert(Commit());
  dispatcher->Wake();
  ASSERT_TRUE(RunUntil([&] {
    auto rows = Listing();
    return rows.size() == 30 &&
           std::all_of(rows.begin(), rows.end(), [](const auto& r) { return r.attempts >= 2; });
  }));
  receiver = std::make_unique<TestReceiver>(std::vector<std::string>{testing::kTestSecret}, port);
  ASSERT_TRUE(receiver->listening());
  ASSERT_TRUE(RunUntil([&] {
    auto rows = Listing();
    return std::all_of(rows.begin(), rows.end(),
                       [](const auto& r) { return r.state == DeliveryState::kDelivered; });
  }));
  std::set<std::string> received;
  for (const auto& r : receiver->requests()) {
    EXPECT_TRUE(r.signature_valid);
    received.insert(r.id());
  }
  EXPECT_EQ(received, committed);
}

TEST_F(DispatcherTest, SlowReceiverDoesNotDelayTheOthers) {
  TestReceiver slow({testing::kTestSecret});
  slow.set_responder([](const auto&, int) { return Reply{200, milliseconds(2000)}; });
  TestReceiver fast({testing::kTestSecret});
  WebhookConfig slow_config = Webhook("slow", slow.url());
  slow_config.max_in_flight = 2;
  auto dispatcher = MakeDispatcher({slow_config, Webhook("fast", fast.url())});
  ASSERT_TRUE(dispatcher->Start().ok());
  for (int i = 0; i < 40; ++i) Commit();
  dispatcher->Wake();
  ASSERT_TRUE(RunUntil([&] { return fast.count() == 40; }));
  // Every fast delivery went out while the slow receiver still sat on its first two.
  for (const auto& row : Listing("slow")) EXPECT_EQ(row.attempts, 0) << row.id;
  EXPECT_LE(slow.count(), 2u);
  // The receiver counts a request before the dispatcher has read its reply.
  EXPECT_TRUE(RunUntil([&] { return dispatcher->in_flight() == 2; }));
  bool done = false;
  dispatcher->Shutdown(milliseconds(10), [&] { done = true; });
  ASSERT_TRUE(RunUntil([&] { return done; }));
}

TEST_F(DispatcherTest, OrderedWebhookDeliversInCommitOrderThroughRetries) {
  TestReceiver receiver({testing::kTestSecret});
  // Every third request fails once, so the order must survive retries.
  receiver.set_responder([](const auto&, int index) { return Reply{index % 3 == 1 ? 503 : 200}; });
  WebhookConfig config = Webhook("o", receiver.url());
  config.ordered = true;
  config.retry_schedule = {milliseconds(10), milliseconds(10)};
  auto dispatcher = MakeDispatcher({config});
  ASSERT_TRUE(dispatcher->Start().ok());
  std::vector<std::string> committed;
  for (int i = 0; i < 25; ++i) committed.push_back(Commit());
  dispatcher->Wake();
  ASSERT_TRUE(RunUntil([&] {
    auto rows = Listing();
    return rows.size() == 25 && std::all_of(rows.begin(), rows.end(), [](const auto& r) {
             return r.state == DeliveryState::kDelivered;
           });
  }));
  std::vector<std::string> distinct;
  for (const auto& r : receiver.requests()) {
    if (distinct.empty() || distinct.back() != r.id()) distinct.push_back(r.id());
  }
  EXPECT_EQ(distinct, committed);
  EXPECT_GT(receiver.count(), committed.size());
}

TEST_F(DispatcherTest, RedirectsAreNotFollowedAndCountAsFailures) {
  TestReceiver elsewhere({testing::kTestSecret});
  TestReceiver receiver({testing::kTestSecret});
  receiver.set_responder([&](const auto&, int) {
    return Reply{302, milliseconds(0), {"Location: " + elsewhere.url()}};
  });
  WebhookConfig config = Webhook("crm", receiver.url());
  config.retry_schedule = {std::chrono::hours(1)};
  auto dispatcher = MakeDispatcher({config});
  ASSERT_TRUE(dispatcher->Start().ok());
  Commit();
  dispatcher->Wake();
  ASSERT_TRUE(RunUntil([&] {
    auto rows = Listing();
    return rows.size() == 1 && rows[0].attempts == 1;
  }));
  EXPECT_EQ(Listing()[0].state, DeliveryState::kPending);
  EXPECT_EQ(Listing()[0].error, "HTTP 302 (redirects are not followed)");
  EXPECT_EQ(elsewhere.count(), 0u);
}

TEST_F(DispatcherTest, RetryAfterOn429HoldsTheNextAttemptUpToTwiceTheScheduledDelay) {
  TestReceiver receiver({testing::kTestSecret});
  receiver.set_responder([](const auto&, int) {
    return Reply{429, milliseconds(0), {"Retry-After: 1"}};
  });
  WebhookConfig config = Webhook("crm", receiver.url());
  config.retry_schedule = {milliseconds(600)};
  auto dispatcher = MakeDispatcher({config});
  ASSERT_TRUE(dispatcher->Start().ok());
  Commit();
  dispatcher->Wake();
  ASSERT_TRUE(RunUntil([&] {
    auto rows = Listing();
    return rows.size() == 1 && rows[0].attempts == 1;
  }));
  const auto row = Listing()[0];
  ASSERT_TRUE(row.last_attempt.has_value());
  // Without Retry-After the delay would be 600 ms ± 20%; with it, min(1 s, 2 × delay) ≥ 960 ms.
  EXPECT_GE(row.next_attempt - *row.last_attempt, milliseconds(960));
  EXPECT_LE(row.next_attempt - *row.last_attempt, milliseconds(1000));
}

TEST_F(DispatcherTest, ReusesConnectionsAcrossDeliveries) {
  TestReceiver receiver({testing::kTestSecret});
  WebhookConfig config = Webhook("crm", receiver.url());
  config.max_in_flight = 1;
  auto dispatcher = MakeDispatcher({config});
  ASSERT_TRUE(dispatcher->Start().ok());
  for (int i = 0; i < 30; ++i) Commit();
  dispatcher->Wake();
  ASSERT_TRUE(RunUntil([&] { return receiver.count() == 30; }));
  EXPECT_EQ(receiver.connections_accepted(), 1);
}

TEST_F(DispatcherTest, AttemptThatOutlivesItsTimeoutFailsAndRetries) {
  TestReceiver receiver({testing::kTestSecret});
  receiver.set_responder([](const auto&, int index) {
    return Reply{200, index == 0 ? milliseconds(5000) : milliseconds(0)};
  });
  WebhookConfig config = Webhook("crm", receiver.url());
  config.timeout = milliseconds(200);
  config.retry_schedule = {milliseconds(50)};
  auto dispatcher = MakeDispatcher({config});
  ASSERT_TRUE(dispatcher->Start().ok());
  Commit();
  dispatcher->Wake();
  ASSERT_TRUE(RunUntil([&] {
    auto rows = Listing();
    return rows.size() == 1 && rows[0].state == DeliveryState::kDelivered;
  }));
  EXPECT_EQ(receiver.count(), 2u);
  const auto requests = receiver.requests();
  EXPECT_EQ(requests[0].id(), requests[1].id());
  EXPECT_EQ(Listing()[0].attempts, 2);
}

TEST_F(DispatcherTest, RefusedConnectionRetriesOnSchedule) {
  auto receiver = std::make_unique<TestReceiver>(std::vector<std::string>{testing::kTestSecret});
  const std::string url = receiver->url();
  receiver->Stop();
  WebhookConfig config = Webhook("crm", url);
  config.retry_schedule = {std::chrono::hours(1)};
  auto dispatcher = MakeDispatcher({config});
  ASSERT_TRUE(dispatcher->Start().ok());
  Commit();
  dispatcher->Wake();
  ASSERT_TRUE(RunUntil([&] {
    auto rows = Listing();
    return rows.size() == 1 && rows[0].attempts == 1;
  }));
  const auto row = Listing()[0];
  EXPECT_EQ(row.state, DeliveryState::kPending);
  EXPECT_NE(row.error.find("Couldn't connect"), std::string::npos) << row.error;
  ASSERT_TRUE(row.last_attempt.has_value());
  EXPECT_GE(row.next_attempt - *row.last_attempt, std::chrono::minutes(48));
}

}  // namespace
}  // namespace synd

// Test support for the dispatcher: a real SQLite file with the store's outbox shape, the real
// SqliteDeliveryQueue, an io_context, and a helper that runs it until a condition holds.
#pragma once

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <functional>
#include <memory>

#include "daemon/webhook/dispatcher.hpp"
#include "feeds/store/sqlite_delivery_queue.hpp"
#include "tests/daemon/webhook/test_receiver.hpp"
#include "tests/support/outbox_db.hpp"
#include "tests/support/temp_dir.hpp"

namespace synd::testing {

inline const char* kTestSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

class DispatcherFixture : public ::testing::Test {
 public:
  // A webhook to a loopback receiver: allow_private, one secret, a short schedule.
  static WebhookConfig Webhook(const std::string& name, const std::string& url) {
    WebhookConfig config;
    config.name = name;
    config.url = url;
    config.secrets = {kTestSecret};
    config.allow_private = true;
    config.timeout = std::chrono::seconds(5);
    config.retry_schedule = {std::chrono::milliseconds(100)};
    return config;
  }

 protected:
  void SetUp() override { OpenStore(); }
  void TearDown() override { CloseStore(); }

  void OpenStore() { testing::OpenOutbox(dir_ / "state.db", db_, queue_); }
  void CloseStore() { testing::CloseOutbox(db_, queue_); }

  // Commits an event to the outbox the way ingest does; returns its webhook-id.
  std::string Commit(const std::string& type = "article.created",
                     const std::vector<std::string>& feeds = {"all"}) {
    const int n = next_event_++;
    const std::string id = "msg_test_" + std::to_string(n);
    std::string feed_list;
    for (const std::string& f : feeds) feed_list += (feed_list.empty() ? "\"" : ",\"") + f + "\"";
    const std::string payload = R"({"type":")" + type +
                                R"(","timestamp":"2025-03-28T14:05:09Z","data":{"id":"story-)" +
                                std::to_string(n) + R"(","feeds":[)" + feed_list + "]}}";
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    const std::string sql =
        "INSERT INTO events (id, type, story, revision, time, payload) VALUES ('" + id + "','" +
        type + "',1,1," + std::to_string(now) + ",'" + payload + "')";
    EXPECT_TRUE(delivery_sql::Exec(db_, sql).ok());
    return id;
  }

  std::unique_ptr<Dispatcher> MakeDispatcher(std::vector<WebhookConfig> webhooks) {
    DispatcherOptions options;
    options.poll_interval = std::chrono::milliseconds(50);
    options.flush_interval = std::chrono::milliseconds(5);
    return std::make_unique<Dispatcher>(io_, *queue_, std::move(webhooks), nullptr, options);
  }

  // Runs the io_context until `done()` holds or `limit` passes; returns done().
  bool RunUntil(const std::function<bool()>& done,
                std::chrono::milliseconds limit = std::chrono::seconds(10)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done()) {
      if (std::chrono::steady_clock::now() >= deadline) return false;
      io_.restart();
      io_.run_for(std::chrono::milliseconds(5));
    }
    return true;
  }

  // Runs the io_context for `period` (to show that something does NOT happen).
  void RunFor(std::chrono::milliseconds period) {
    RunUntil([] { return false; }, period);
  }

  std::vector<DeliveryListing> Listing(const std::string& webhook = "") {
    DeliveryQuery query;
    query.webhook = webhook;
    auto rows = queue_->List(query);
    EXPECT_TRUE(rows.ok()) << rows.status().message();
    return rows.ok() ? *rows : std::vector<DeliveryListing>{};
  }

  TempDir dir_;
  sqlite3* db_ = nullptr;
  std::unique_ptr<SqliteDeliveryQueue> queue_;
  boost::asio::io_context io_;
  int next_event_ = 1;
};

}  // namespace synd::testing

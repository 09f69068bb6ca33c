#include "feeds/store/sqlite_delivery_queue.hpp"

#include <gtest/gtest.h>

#include "feeds/model/article_json.hpp"
#include "feeds/webhook/event_body.hpp"
#include "tests/support/outbox_db.hpp"
#include "tests/support/temp_dir.hpp"

namespace synd {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

const DeliveryTime kNow = DeliveryTime(milliseconds(1'700'000'000'000));

// A database file with the outbox shape the store writes: one row per event.
class DeliveryQueueTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(); }
  void TearDown() override { Close(); }

  void Open() { testing::OpenOutbox(dir_ / "state.db", db_, queue_); }
  void Close() { testing::CloseOutbox(db_, queue_); }

  // Appends an event whose body lists `feeds`; returns its seq.
  int64_t AddEvent(const std::string& type, const std::vector<std::string>& feeds,
                   int64_t time = 1'700'000'000) {
    std::string feed_list;
    for (const std::string& f : feeds) feed_list += (feed_list.empty() ? "\"" : ",\"") + f + "\"";
    const std::string id = "evt_" + std::to_string(next_id_++);
    const std::string payload =
        R"({"type":")" + type + R"(","data":{"feeds":[)" + feed_list + "]}}";
    const std::string sql =
        "INSERT INTO events (id, type, story, revision, time, payload) VALUES ('" + id + "','" +
        type + "',1,1," + std::to_string(time) + ",'" + payload + "')";
    EXPECT_TRUE(delivery_sql::Exec(db_, sql).ok());
    return sqlite3_last_insert_rowid(db_);
  }

  std::vector<DueDelivery> Due(const std::string& webhook, DeliveryTime now, bool ordered = false) {
    auto due = queue_->Due(webhook, now, 100, ordered);
    EXPECT_TRUE(due.ok()) << due.status().message();
    return due.ok() ? *due : std::vector<DueDelivery>{};
  }

  testing::TempDir dir_;
  sqlite3* db_ = nullptr;
  std::unique_ptr<SqliteDeliveryQueue> queue_;
  int next_id_ = 1;
};

TEST_F(DeliveryQueueTest, NewWebhookReceivesOnlyEventsCommittedAfterRegistration) {
  AddEvent("article.created", {"all"});
  ASSERT_TRUE(queue_->SetWebhooks({"crm"}).ok());
  const int64_t later = AddEvent("article.created", {"all"});
  auto result = queue_->Materialize({{"crm", {}, {}}}, kNow, 100);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->events_examined, 1);
  const auto due = Due("crm", kNow);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].event_seq, later);
  EXPECT_EQ(due[0].event_id, "evt_2");
  EXPECT_EQ(due[0].attempts, 0);
  EXPECT_NE(due[0].payload.find("article.created"), std::string::npos);
}

TEST_F(DeliveryQueueTest, KeepsWorkingWhileAnotherConnectionCommits) {
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "state.db").c_str(), &other), SQLITE_OK);
  ASSERT_TRUE(queue_->SetWebhooks({"crm"}).ok());
  for (int round = 0; round < 3; ++round) {
    // Another process (ingest, or the deliveries CLI) commits between our transactions.
    ASSERT_TRUE(delivery_sql::Exec(other,
                                   "INSERT INTO events (id, type, story, revision, time, payload) "
                                   "VALUES ('x" +
                                       std::to_string(round) +
                                       "', 'article.created', 1, 1, 0, '{}')")
                    .ok());
    auto result = queue_->Materialize({{"crm", {}, {}}}, kNow, 100);
    ASSERT_TRUE(result.ok()) << round << ": " << result.status().message();
    EXPECT_EQ(result->events_examined, 1) << round;
    auto due = queue_->Due("crm", kNow, 10, false);
    ASSERT_TRUE(due.ok()) << round;
    ASSERT_TRUE(queue_
                    ->Record({{due->back().id, DeliveryState::kDelivered, 1, kNow, kNow, 200, "",
                               due->back().due_at}})
                    .ok())
        << round;
  }
  sqlite3_close(other);
}

TEST_F(DeliveryQueueTest, JoinsATransactionAlreadyOpenOnASharedConnection) {
  ASSERT_TRUE(queue_->SetWebhooks({"crm"}).ok());
  ASSERT_TRUE(delivery_sql::Exec(db_, "BEGIN").ok());
  AddEvent("article.created", {});
  ASSERT_TRUE(queue_->Materialize({{"crm", {}, {}}}, kNow, 100).ok());
  EXPECT_EQ(Due("crm", kNow).size(), 1u);
  ASSERT_TRUE(delivery_sql::Exec(db_, "ROLLBACK").ok());
  // The outer transaction decides: rolled back, the event and its delivery are both gone.
  EXPECT_TRUE(Due("crm", kNow).empty());
  AddEvent("article.created", {});
  auto result = queue_->Materialize({{"crm", {}, {}}}, kNow, 100);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->events_examined, 1);
}

TEST_F(DeliveryQueueTest, MaterializesEachEventOnceAndAppliesFilters) {
  const std::vector<WebhookRoute> routes = {{"all", {}, {}},
                                            {"china-created", {"article.created"}, {"china"}}};
  ASSERT_TRUE(queue_->SetWebhooks({"all", "china-created"}).ok());
  AddEvent("article.created", {"all", "china"});
  AddEvent("article.updated", {"all", "china"});
  AddEvent("article.created", {"all"});
  auto first = queue_->Materialize(routes, kNow, 2);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->events_examined, 2);
  auto second = queue_->Materialize(routes, kNow, 100);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->events_examined, 1);
  auto third = queue_->Materialize(routes, kNow, 100);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->events_examined, 0);
  EXPECT_EQ(Due("all", kNow).size(), 3u);
  const auto china = Due("china-created", kNow);
  ASSERT_EQ(china.size(), 1u);
  EXPECT_EQ(china[0].event_type, "article.created");
}

TEST_F(DeliveryQueueTest, RecordedScheduleSurvivesReopening) {
  ASSERT_TRUE(queue_->SetWebhooks({"crm"}).ok());
  AddEvent("article.created", {});
  AddEvent("article.created", {});
  ASSERT_TRUE(queue_->Materialize({{"crm", {}, {}}}, kNow, 100).ok());
  auto due = Due("crm", kNow);
  ASSERT_EQ(due.size(), 2u);
  const DeliveryTime retry_at = kNow + seconds(300);
  ASSERT_TRUE(
      queue_
          ->Record({{due[0].id, DeliveryState::kDelivered, 1, kNow, kNow, 200, "", due[0].due_at},
                    {due[1].id, DeliveryState::kPending, 1, kNow, retry_at, 500, "HTTP 500",
                     due[1].due_at}})
          .ok());
  Close();
  Open();
  EXPECT_TRUE(Due("crm", kNow + seconds(299)).empty());
  auto next = queue_->NextDue("crm", kNow);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(*next, retry_at);
  next = queue_->NextDue("crm", retry_at);
  ASSERT_TRUE(next.ok());
  EXPECT_FALSE(next->has_value());
  const auto resumed = Due("crm", retry_at);
  ASSERT_EQ(resumed.size(), 1u);
  EXPECT_EQ(resumed[0].id, due[1].id);
  EXPECT_EQ(resumed[0].attempts, 1);
  EXPECT_EQ(resumed[0].event_id, due[1].event_id);
}

TEST_F(DeliveryQueueTest, OrderedDueStopsAtTheFirstDeliveryNotYetDue) {
  ASSERT_TRUE(queue_->SetWebhooks({"o"}).ok());
  for (int i = 0; i < 3; ++i) AddEvent("article.created", {});
  ASSERT_TRUE(queue_->Materialize({{"o", {}, {}}}, kNow, 100).ok());
  auto due = Due("o", kNow, true);
  ASSERT_EQ(due.size(), 3u);
  EXPECT_LT(due[0].event_seq, due[1].event_seq);
  ASSERT_TRUE(queue_
                  ->Record({{due[0].id, DeliveryState::kPending, 1, kNow, kNow + seconds(5), 500,
                             "", due[0].due_at}})
                  .ok());
  EXPECT_TRUE(Due("o", kNow, true).empty());
  EXPECT_EQ(Due("o", kNow, false).size(), 2u);
  EXPECT_EQ(Due("o", kNow + seconds(5), true).size(), 3u);
}

TEST_F(DeliveryQueueTest, DisableEnableAndStatesAreStored) {
  ASSERT_TRUE(queue_->SetWebhooks({"a", "b"}).ok());
  AddEvent("article.created", {});
  ASSERT_TRUE(queue_->Materialize({{"a", {}, {}}, {"b", {}, {}}}, kNow, 100).ok());
  ASSERT_TRUE(queue_->Disable("a", "HTTP 410 Gone", kNow).ok());
  Close();
  Open();
  auto states = queue_->WebhookStates(true);
  ASSERT_TRUE(states.ok());
  ASSERT_EQ(states->size(), 2u);
  EXPECT_TRUE((*states)[0].disabled);
  EXPECT_EQ((*states)[0].disabled_reason, "HTTP 410 Gone");
  EXPECT_EQ((*states)[0].pending, 1);
  EXPECT_FALSE((*states)[1].disabled);
  auto enabled = queue_->Enable("a");
  ASSERT_TRUE(enabled.ok());
  EXPECT_TRUE(*enabled);
  enabled = queue_->Enable("a");
  ASSERT_TRUE(enabled.ok());
  EXPECT_FALSE(*enabled);
}

TEST_F(DeliveryQueueTest, RemovedWebhookStartsAfreshWhenAddedAgain) {
  ASSERT_TRUE(queue_->SetWebhooks({"a", "b"}).ok());
  ASSERT_TRUE(queue_->Disable("b", "HTTP 410 Gone", kNow).ok());
  ASSERT_TRUE(queue_->SetWebhooks({"a"}).ok());
  AddEvent("article.created", {});
  ASSERT_TRUE(queue_->SetWebhooks({"a", "b"}).ok());
  const int64_t after_readd = AddEvent("article.created", {});
  ASSERT_TRUE(queue_->Materialize({{"a", {}, {}}, {"b", {}, {}}}, kNow, 100).ok());
  EXPECT_EQ(Due("a", kNow).size(), 2u);
  const auto b = Due("b", kNow);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].event_seq, after_readd);
  auto states = queue_->WebhookStates(true);
  ASSERT_TRUE(states.ok());
  ASSERT_EQ(states->size(), 2u);
  EXPECT_FALSE((*states)[1].disabled);
}

TEST_F(DeliveryQueueTest, RetryAndReplayMakeDeliveriesDueWithAFreshSchedule) {
  ASSERT_TRUE(queue_->SetWebhooks({"crm"}).ok());
  AddEvent("article.created", {}, 1000);
  AddEvent("article.created", {}, 2000);
  ASSERT_TRUE(queue_->Materialize({{"crm", {}, {}}}, kNow, 100).ok());
  auto due = Due("crm", kNow);
  ASSERT_EQ(due.size(), 2u);
  ASSERT_TRUE(
      queue_
          ->Record(
              {{due[0].id, DeliveryState::kFailed, 8, kNow, kNow, 500, "HTTP 500", due[0].due_at},
               {due[1].id, DeliveryState::kDelivered, 1, kNow, kNow, 200, "", due[1].due_at}})
          .ok());
  DeliveryQuery failed;
  failed.failed_only = true;
  auto listed = queue_->List(failed);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].attempts, 8);
  EXPECT_EQ((*listed)[0].error, "HTTP 500");
  EXPECT_EQ((*listed)[0].event_time, TimePoint(seconds(1000)));

  const DeliveryTime later = kNow + seconds(60);
  auto retried = queue_->RetryFailed("", later);
  ASSERT_TRUE(retried.ok());
  EXPECT_EQ(*retried, 1);
  ASSERT_EQ(Due("crm", later).size(), 1u);
  EXPECT_EQ(Due("crm", later)[0].attempts, 0);
  EXPECT_EQ(queue_->Retry(999, later).code(), ErrorCode::kNotFound);

  auto replayed = queue_->Replay("crm", TimePoint(seconds(1500)), later);
  ASSERT_TRUE(replayed.ok());
  EXPECT_EQ(*replayed, 1);
  const auto again = Due("crm", later);
  ASSERT_EQ(again.size(), 2u);
  EXPECT_EQ(again[1].event_id, due[1].event_id);
}

// A replay or retry issued while an attempt is in flight must not be undone when that attempt's
// outcome arrives: the delivery is sent again, as the operator asked.
TEST_F(DeliveryQueueTest, OutcomeOfAnAttemptInFlightDuringAReplayIsNotWritten) {
  ASSERT_TRUE(queue_->SetWebhooks({"crm"}).ok());
  AddEvent("article.created", {}, 1000);
  AddEvent("article.created", {}, 1000);
  ASSERT_TRUE(queue_->Materialize({{"crm", {}, {}}}, kNow, 100).ok());
  const auto in_flight = Due("crm", kNow);
  ASSERT_EQ(in_flight.size(), 2u);
  // The operator replays (and retries the second) while both attempts are in flight, in the
  // same millisecond the rows were read: the requeued time must still differ.
  ASSERT_TRUE(queue_->Replay("crm", TimePoint(seconds(0)), kNow).ok());
  ASSERT_TRUE(queue_->Retry(in_flight[1].id, kNow).ok());
  ASSERT_TRUE(queue_
                  ->Record({{in_flight[0].id, DeliveryState::kDelivered, 1, kNow, kNow, 200, "",
                             in_flight[0].due_at},
                            {in_flight[1].id, DeliveryState::kPending, 1, kNow, kNow + seconds(5),
                             500, "HTTP 500", in_flight[1].due_at}})
                  .ok());
  const auto again = Due("crm", kNow);
  ASSERT_EQ(again.size(), 2u);
  for (const DueDelivery& d : again) {
    EXPECT_EQ(d.attempts, 0) << d.id;
  }
  // An outcome for the row as it now is gets written.
  ASSERT_TRUE(queue_
                  ->Record({{again[0].id, DeliveryState::kDelivered, 1, kNow, kNow, 200, "",
                             again[0].due_at}})
                  .ok());
  EXPECT_EQ(Due("crm", kNow).size(), 1u);
}

TEST_F(DeliveryQueueTest, PruneKeepsUndeliveredAndRecentRowsAndTheirEvents) {
  ASSERT_TRUE(queue_->SetWebhooks({"crm"}).ok());
  AddEvent("article.created", {}, 1000);
  AddEvent("article.created", {}, 1000);
  AddEvent("article.created", {}, 1000);
  ASSERT_TRUE(queue_->Materialize({{"crm", {}, {}}}, kNow, 100).ok());
  auto due = Due("crm", kNow);
  ASSERT_EQ(due.size(), 3u);
  ASSERT_TRUE(
      queue_
          ->Record({{due[0].id, DeliveryState::kDelivered, 1, kNow, kNow, 200, "", due[0].due_at},
                    {due[1].id, DeliveryState::kDelivered, 1, kNow + seconds(10), kNow, 200, "",
                     due[1].due_at},
                    {due[2].id, DeliveryState::kFailed, 8, kNow, kNow, 500, "", due[2].due_at}})
          .ok());
  auto pruned = queue_->Prune({{"crm", kNow + seconds(5)}}, TimePoint(seconds(2000)));
  ASSERT_TRUE(pruned.ok()) << pruned.status().message();
  EXPECT_EQ(*pruned, 1);
  auto listed = queue_->List({});
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->size(), 2u);
  Result<delivery_sql::Statement> count =
      delivery_sql::Statement::Prepare(db_, "SELECT COUNT(*) FROM events");
  ASSERT_TRUE(count.ok());
  ASSERT_TRUE(count->Step().ok());
  EXPECT_EQ(count->Int(0), 2);
}

}  // namespace
}  // namespace synd

namespace synd {
namespace {

// Events since store schema version 5 hold an envelope; every webhook gets the body with the
// article of the revision the event reports, routed by the feeds the envelope carries.
TEST_F(DeliveryQueueTest, DeliversAnEnvelopeWithItsRevisionsArticleToEveryWebhook) {
  const std::string envelope = R"({"type":"article.created","data":{"id":"x","feeds":["all"]}})";
  const std::size_t at = envelope.find(",\"feeds\"");
  Article article;
  article.title = "Stored title";
  std::string article_json = SerializeArticle(article);
  std::string quoted;  // SQL string literal
  for (char c : article_json) quoted += c == '\'' ? std::string("''") : std::string(1, c);
  ASSERT_TRUE(queue_->SetWebhooks({"crm", "feed"}).ok());
  ASSERT_TRUE(delivery_sql::Exec(db_,
                                 "INSERT INTO stories VALUES (1, 'tag:x', 'a', 0, 0, 0, 1);"
                                 " INSERT INTO revisions VALUES (1, 1, 1, 'fp', '" +
                                     quoted +
                                     "', x'', 'h', 0); INSERT INTO events (id, type, story,"
                                     " revision, time, payload, article_at) VALUES ('msg_a_1',"
                                     " 'article.created', 1, 1, 5, '" +
                                     envelope + "', " + std::to_string(at) + ")")
                  .ok());
  auto result = queue_->Materialize({{"crm", {}, {}}, {"feed", {}, {"all"}}}, kNow, 100);
  ASSERT_TRUE(result.ok()) << result.status().message();
  const std::string body =
      envelope.substr(0, at) + "," + EventArticleFields(article) + envelope.substr(at);
  for (const char* webhook : {"crm", "feed", "crm"}) {
    const auto due = Due(webhook, kNow);
    ASSERT_EQ(due.size(), 1u) << webhook;
    EXPECT_EQ(due[0].payload, body) << webhook;
  }
}

// A damaged store: the revision an event takes its article from is missing. That delivery comes
// back marked, naming the event, and the deliveries after it come back as usual.
TEST_F(DeliveryQueueTest, MarksTheDeliveryWhoseRevisionIsMissingAndReturnsTheRest) {
  ASSERT_TRUE(queue_->SetWebhooks({"crm"}).ok());
  ASSERT_TRUE(delivery_sql::Exec(db_,
                                 "INSERT INTO events (id, type, story, revision, time, payload,"
                                 " article_at) VALUES ('msg_a_1', 'article.created', 9, 1, 5,"
                                 " '{\"data\":{}}', 9)")
                  .ok());
  ASSERT_TRUE(delivery_sql::Exec(db_,
                                 "INSERT INTO events (id, type, story, revision, time, payload)"
                                 " VALUES ('msg_b_1', 'article.created', 9, 1, 6, '{\"data\":{}}')")
                  .ok());
  ASSERT_TRUE(queue_->Materialize({{"crm", {}, {}}}, kNow, 100).ok());
  for (bool ordered : {false, true}) {
    auto due = queue_->Due("crm", kNow, 100, ordered);
    ASSERT_TRUE(due.ok()) << due.status().message();
    ASSERT_EQ(due->size(), 2u);
    EXPECT_EQ((*due)[0].event_id, "msg_a_1");
    EXPECT_TRUE((*due)[0].payload.empty());
    EXPECT_NE((*due)[0].unrenderable.find("event 1"), std::string::npos) << (*due)[0].unrenderable;
    EXPECT_EQ((*due)[1].event_id, "msg_b_1");
    EXPECT_EQ((*due)[1].payload, "{\"data\":{}}");
    EXPECT_TRUE((*due)[1].unrenderable.empty());
  }
}

}  // namespace
}  // namespace synd

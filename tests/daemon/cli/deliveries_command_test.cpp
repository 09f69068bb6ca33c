#include "daemon/cli/deliveries_command.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "tests/daemon/webhook/dispatcher_fixture.hpp"

namespace synd {
namespace {

using std::chrono::seconds;
using Action = DeliveriesRequest::Action;

class DeliveriesCommandTest : public testing::DispatcherFixture {
 protected:
  void SetUp() override {
    DispatcherFixture::SetUp();
    ASSERT_TRUE(queue_->SetWebhooks({"crm", "search"}).ok());
    for (int i = 0; i < 3; ++i) ids_.push_back(Commit());
    ASSERT_TRUE(queue_->Materialize({{"crm", {}, {}}, {"search", {}, {}}}, now_, 100).ok());
    auto due = queue_->Due("crm", now_, 10, false);
    ASSERT_TRUE(due.ok());
    ASSERT_EQ(due->size(), 3u);
    crm_ = *due;
    ASSERT_TRUE(queue_
                    ->Record({{crm_[0].id, DeliveryState::kDelivered, 1, now_, now_, 200, "",
                               crm_[0].due_at},
                              {crm_[1].id, DeliveryState::kFailed, 8, now_, now_, 500, "HTTP 500",
                               crm_[1].due_at},
                              {crm_[2].id, DeliveryState::kPending, 2, now_, now_ + seconds(300), 0,
                               "Connection refused", crm_[2].due_at}})
                    .ok());
  }

  int Run(const DeliveriesRequest& request) {
    out_.str("");
    err_.str("");
    return RunDeliveries(request, *queue_, now_ + seconds(1), out_, err_);
  }

  DeliveryTime now_ =
      std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
  std::vector<std::string> ids_;
  std::vector<DueDelivery> crm_;
  std::ostringstream out_, err_;
};

TEST_F(DeliveriesCommandTest, ListShowsWebhookStatesAndEachDeliveryWithItsResult) {
  ASSERT_TRUE(queue_->Disable("search", "HTTP 410 Gone", now_).ok());
  ASSERT_EQ(Run({Action::kList}), 0) << err_.str();
  const std::string out = out_.str();
  for (const char* expected : {"crm", "enabled", "search", "disabled", "HTTP 410 Gone",
                               "syndicated deliveries enable search", "HTTP 500",
                               "Connection refused", "not attempted yet", "delivered", "failed"}) {
    EXPECT_NE(out.find(expected), std::string::npos) << expected << "\n" << out;
  }
  for (const std::string& id : ids_) EXPECT_NE(out.find(id), std::string::npos) << id;
}

TEST_F(DeliveriesCommandTest, ListFiltersByWebhookAndFailed) {
  DeliveriesRequest request{Action::kList};
  request.webhook = "crm";
  request.failed_only = true;
  ASSERT_EQ(Run(request), 0) << err_.str();
  const std::string out = out_.str();
  EXPECT_NE(out.find(ids_[1]), std::string::npos) << out;
  EXPECT_EQ(out.find(ids_[0]), std::string::npos) << out;
  EXPECT_EQ(out.find("search"), std::string::npos) << out;
}

TEST_F(DeliveriesCommandTest, RetryQueuesOneDeliveryOrEveryFailedOne) {
  DeliveriesRequest one{Action::kRetry};
  one.delivery_id = crm_[1].id;
  ASSERT_EQ(Run(one), 0) << err_.str();
  auto due = queue_->Due("crm", now_ + seconds(1), 10, false);
  ASSERT_TRUE(due.ok());
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ((*due)[0].event_id, ids_[1]);
  EXPECT_EQ((*due)[0].attempts, 0);

  one.delivery_id = 987654;
  EXPECT_EQ(Run(one), 1);
  EXPECT_NE(err_.str().find("no delivery with id 987654"), std::string::npos) << err_.str();
  EXPECT_EQ(Run({Action::kRetryAllFailed}), 1);  // nothing failed any more
  EXPECT_NE(err_.str().find("no failed deliveries"), std::string::npos) << err_.str();
}

TEST_F(DeliveriesCommandTest, ReplaySendsEveryEventSinceAgainWithItsOriginalId) {
  DeliveriesRequest replay{Action::kReplay};
  replay.webhook = "crm";
  replay.since = std::chrono::floor<seconds>(now_) - seconds(60);
  ASSERT_EQ(Run(replay), 0) << err_.str();
  EXPECT_NE(out_.str().find("3 deliveries"), std::string::npos) << out_.str();
  auto due = queue_->Due("crm", now_ + seconds(1), 10, false);
  ASSERT_TRUE(due.ok());
  ASSERT_EQ(due->size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ((*due)[i].event_id, ids_[i]);

  replay.since = std::chrono::floor<seconds>(now_) + seconds(3600);
  EXPECT_EQ(Run(replay), 1);
}

TEST_F(DeliveriesCommandTest, EnableReportsWhatItDid) {
  ASSERT_TRUE(queue_->Disable("crm", "HTTP 410 Gone", now_).ok());
  DeliveriesRequest enable{Action::kEnable};
  enable.webhook = "crm";
  ASSERT_EQ(Run(enable), 0) << err_.str();
  EXPECT_NE(out_.str().find("webhook crm enabled"), std::string::npos) << out_.str();
  ASSERT_EQ(Run(enable), 0) << err_.str();
  EXPECT_NE(out_.str().find("was not disabled"), std::string::npos) << out_.str();
  enable.webhook = "nosuch";
  EXPECT_EQ(Run(enable), 1);
  EXPECT_NE(err_.str().find("no webhook named nosuch"), std::string::npos) << err_.str();
}

}  // namespace
}  // namespace synd

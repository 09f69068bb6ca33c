// End-to-end tests of webhooks (issue [5/6]): the real `syndicated run` and `once` binaries, a
// real HTTP receiver on 127.0.0.1 (port 0) that checks every signature with OpenSSL's HMAC, and
// the `deliveries` commands against the same store. Retry schedules are milliseconds long.
#include <signal.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <cstdlib>
#include <iterator>
#include <set>
#include <sstream>
#include <vector>

#include "feeds/store/sqlite_store.hpp"
#include "tests/daemon/webhook/test_receiver.hpp"
#include "tests/e2e/daemon_fixture.hpp"

namespace synd::testing {
namespace {

namespace fs = std::filesystem;
using std::chrono::seconds;

constexpr const char* kSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

std::string WebhookConfigFor(const std::string& url, const std::string& schedule = "[50ms, 50ms]") {
  return std::string("webhooks:\n") +
         "  - name: hook\n"
         "    url: " +
         url +
         "\n"
         "    secret: " +
         kSecret +
         "\n"
         "    allow_private: true\n"
         "    timeout: 5s\n"
         "    retry_schedule: " +
         schedule +
         "\n"
         "shutdown_grace: 5s\n";
}

boost::json::object Body(const ReceivedRequest& r) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(r.body, ec);
  EXPECT_FALSE(ec) << r.body;
  return v.is_object() ? v.as_object() : boost::json::object();
}

std::string Type(const ReceivedRequest& r) {
  const boost::json::object body = Body(r);
  const auto* type = body.if_contains("type");
  return type && type->is_string() ? std::string(type->as_string()) : "";
}

const boost::json::object& Data(const boost::json::object& body) {
  static const boost::json::object kEmpty;
  const auto* data = body.if_contains("data");
  return data && data->is_object() ? data->as_object() : kEmpty;
}

std::vector<ReceivedRequest> OfType(const TestReceiver& receiver, const std::string& type) {
  std::vector<ReceivedRequest> out;
  for (const ReceivedRequest& r : receiver.requests()) {
    if (Type(r) == type) out.push_back(r);
  }
  return out;
}

// The whitespace-separated fields of each line of `deliveries list` output. (Fields, not
// std::regex: g++ 12 warns inside <regex> under the sanitizers, and warnings are errors.)
std::vector<std::vector<std::string>> Rows(const std::string& listing) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream lines(listing);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream fields(line);
    rows.emplace_back(std::istream_iterator<std::string>(fields),
                      std::istream_iterator<std::string>());
  }
  return rows;
}

// Whether some line of `listing` has `columns` as consecutive fields.
bool HasColumns(const std::string& listing, const std::vector<std::string>& columns) {
  for (const std::vector<std::string>& row : Rows(listing)) {
    if (std::search(row.begin(), row.end(), columns.begin(), columns.end()) != row.end()) {
      return true;
    }
  }
  return false;
}

// Whether `listing` shows a delivery still pending after at least one attempt (its STATE
// column is followed by ATTEMPTS).
bool ListsAnAttemptedPendingDelivery(const std::string& listing) {
  for (const std::vector<std::string>& row : Rows(listing)) {
    const auto state = std::find(row.begin(), row.end(), "pending");
    if (state != row.end() && state + 1 != row.end() && std::atoi((state + 1)->c_str()) > 0) {
      return true;
    }
  }
  return false;
}

class WebhookE2eTest : public DaemonTest {
 protected:
  CommandResult Deliveries(std::vector<std::string> args) {
    args.insert(args.begin(), {SYND_BINARY, "deliveries"});
    args.insert(args.end(), {"-c", "syndicated.yaml"});
    return RunCommand(args, root());
  }
  // The webhook-ids the store holds, in commit order.
  std::vector<std::string> StoredEventIds() {
    auto store = SqliteStore::Open(root() / "var/state" / SqliteStore::kFileName);
    EXPECT_TRUE(store.ok()) << store.status().message();
    if (!store.ok()) return {};
    auto events = (*store)->EventsAfter(0, 1000);
    EXPECT_TRUE(events.ok());
    std::vector<std::string> ids;
    for (const Event& e : events.ok() ? *events : std::vector<Event>{}) ids.push_back(e.id);
    return ids;
  }

  // Deliveries the store records as delivered (the dispatcher writes outcomes after the
  // receiver has answered, so a receipt can come before its record).
  int64_t DeliveredCount() {
    auto store = SqliteStore::Open(root() / "var/state" / SqliteStore::kFileName);
    if (!store.ok()) return -1;
    Result<int64_t> n = (*store)->db().QueryInt("SELECT count(*) FROM deliveries WHERE state = 1");
    return n.ok() ? *n : -1;
  }

  TestReceiver receiver_{{kSecret}};
};

TEST_F(WebhookE2eTest, RunSignsOneArticleCreatedPerStoryOfTheSampleDumpAndReplaysThemWithTheirIds) {
  ASSERT_TRUE(receiver_.listening());
  StartDaemon(DaemonConfig(WebhookConfigFor(receiver_.url())));
  fs::copy_file(DataFile("reference_dump.txt"), root() / "dump.txt");
  fs::rename(root() / "dump.txt", inbox() / "dump.txt");
  ASSERT_TRUE(WaitFor([&] { return receiver_.count() >= 6; })) << daemon_.Log();

  std::set<std::string> ids, story_ids;
  for (const ReceivedRequest& r : receiver_.requests()) {
    EXPECT_TRUE(r.signature_valid) << r.header("webhook-signature");
    EXPECT_EQ(r.header("content-type"), "application/json");
    EXPECT_FALSE(r.header("webhook-timestamp").empty());
    const boost::json::object body = Body(r);
    EXPECT_EQ(Type(r), "article.created") << r.body;
    const boost::json::object& data = Data(body);
    ASSERT_TRUE(data.contains("id")) << r.body;
    EXPECT_EQ(std::string(data.at("id").as_string()).rfind("tag:e2e.example.org,", 0), 0u);
    EXPECT_EQ(data.at("revision").as_int64(), 1) << r.body;
    EXPECT_TRUE(data.contains("source") && data.contains("summary")) << r.body;
    EXPECT_EQ(r.body.find("dump.txt"), std::string::npos) << "no file paths: " << r.body;
    ids.insert(r.id());
    story_ids.insert(std::string(data.at("id").as_string()));
  }
  EXPECT_EQ(receiver_.count(), 6u);
  EXPECT_EQ(ids.size(), 6u);
  EXPECT_EQ(story_ids.size(), 6u);
  const std::vector<std::string> stored = StoredEventIds();
  EXPECT_EQ(std::set<std::string>(stored.begin(), stored.end()), ids);

  // Replay is for what was delivered: wait until the outcomes are recorded.
  ASSERT_TRUE(WaitFor([&] { return DeliveredCount() == 6; })) << daemon_.Log();
  const CommandResult replay =
      Deliveries({"replay", "--webhook", "hook", "--since", "2000-01-01T00:00:00Z"});
  EXPECT_EQ(replay.exit_code, 0) << replay.output;
  ASSERT_TRUE(WaitFor([&] { return receiver_.count() >= 12; })) << daemon_.Log();
  std::set<std::string> replayed;
  for (const ReceivedRequest& r : receiver_.requests()) {
    EXPECT_TRUE(r.signature_valid);
    replayed.insert(r.id());
  }
  EXPECT_EQ(replayed, ids) << "a replay sends each event with its original webhook-id";
}

TEST_F(WebhookE2eTest, ARevisionSendsArticleUpdatedForTheSameStoryUnderItsOwnStableId) {
  // The first attempt at each event fails: both go out twice, each time with the same id.
  auto seen = std::make_shared<std::set<std::string>>();
  auto mu = std::make_shared<std::mutex>();
  receiver_.set_responder([seen, mu](const ReceivedRequest& r, int) {
    std::lock_guard lock(*mu);
    return Reply{seen->insert(r.id()).second ? 500 : 200};
  });
  StartDaemon(DaemonConfig(WebhookConfigFor(receiver_.url())));
  DropFile(root(), "one.txt", DistinctArticle(1));
  ASSERT_TRUE(WaitFor([&] { return OfType(receiver_, "article.created").size() >= 2; }))
      << daemon_.Log();
  DropFile(root(), "one-revised.txt", RetitledArticle(1));
  ASSERT_TRUE(WaitFor([&] { return OfType(receiver_, "article.updated").size() >= 2; }))
      << daemon_.Log();

  const auto created = OfType(receiver_, "article.created");
  const auto updated = OfType(receiver_, "article.updated");
  ASSERT_EQ(created.size(), 2u);
  ASSERT_EQ(updated.size(), 2u);
  EXPECT_EQ(created[0].id(), created[1].id());
  EXPECT_EQ(updated[0].id(), updated[1].id());
  EXPECT_NE(created[0].id(), updated[0].id()) << "each event has its own webhook-id";
  const boost::json::object before = Body(created[1]), after = Body(updated[1]);
  EXPECT_EQ(Data(before).at("id"), Data(after).at("id")) << "the same story id";
  EXPECT_EQ(Data(after).at("revision").as_int64(), 2);
  EXPECT_NE(updated[1].body.find("Story 1 (updated)"), std::string::npos) << updated[1].body;
  EXPECT_TRUE(updated[0].signature_valid && updated[1].signature_valid);
}

TEST_F(WebhookE2eTest, TwoServerErrorsThenSuccessDeliverTheSameIdThreeTimes) {
  receiver_.set_responder(
      [](const ReceivedRequest&, int index) { return Reply{index < 2 ? 500 : 200}; });
  StartDaemon(DaemonConfig(WebhookConfigFor(receiver_.url(), "[50ms, 50ms, 50ms]")));
  DropFile(root(), "one.txt", DistinctArticle(1));
  ASSERT_TRUE(WaitFor([&] { return receiver_.count() >= 3; })) << daemon_.Log();
  const auto requests = receiver_.requests();
  EXPECT_EQ(requests[0].id(), requests[1].id());
  EXPECT_EQ(requests[1].id(), requests[2].id());
  EXPECT_TRUE(WaitFor([&] {
    const CommandResult list = Deliveries({"list"});
    return list.output.find("delivered  3") != std::string::npos;
  })) << Deliveries({"list"}).output;
  EXPECT_EQ(receiver_.count(), 3u);
  EXPECT_TRUE(daemon_.WaitForNotification("deliveries: 1 delivered")) << [&] {
    std::string all;
    for (const std::string& n : daemon_.notifications()) all += n + "\n";
    return all;
  }();
}

TEST_F(WebhookE2eTest, GoneDisablesTheWebhookUntilEnabledAgain) {
  std::atomic<int> status{410};
  receiver_.set_responder([&](const ReceivedRequest&, int) { return Reply{status.load()}; });
  StartDaemon(DaemonConfig(WebhookConfigFor(receiver_.url())));
  DropFile(root(), "one.txt", DistinctArticle(1));
  // Deliveries are unordered (up to max_in_flight at once) by default, so the second event is
  // dropped only once the 410 has disabled the webhook: dropped as soon as the first request
  // arrived, it could be ingested and sent before the daemon had read the 410 (a slow daemon,
  // under the sanitizers, did once).
  ASSERT_TRUE(WaitFor([&] {
    return daemon_.Log().find("webhook hook: disabled") != std::string::npos;
  })) << daemon_.Log();
  DropFile(root(), "two.txt", DistinctArticle(2));
  // Both events are queued and the webhook is disabled: nothing more is sent.
  ASSERT_TRUE(WaitFor([&] {
    const std::string out = Deliveries({"list", "--webhook", "hook"}).output;
    return HasColumns(out, {"hook", "disabled", "2"});
  })) << Deliveries({"list"}).output;
  EXPECT_EQ(receiver_.count(), 1u);

  status = 200;
  const CommandResult enable = Deliveries({"enable", "hook"});
  EXPECT_EQ(enable.exit_code, 0) << enable.output;
  ASSERT_TRUE(WaitFor([&] { return receiver_.count() >= 3; })) << daemon_.Log();
  EXPECT_TRUE(WaitFor([&] {
    return Deliveries({"list"}).output.find("hook                enabled   0 ") !=
           std::string::npos;
  })) << Deliveries({"list"}).output;
}

TEST_F(WebhookE2eTest, AReloadEnablesAWebhookDisabledByGone) {
  std::atomic<int> status{410};
  receiver_.set_responder([&](const ReceivedRequest&, int) { return Reply{status.load()}; });
  StartDaemon(DaemonConfig(WebhookConfigFor(receiver_.url())));
  DropFile(root(), "one.txt", DistinctArticle(1));
  ASSERT_TRUE(WaitFor([&] {
    return daemon_.Log().find("webhook hook: disabled") != std::string::npos;
  })) << daemon_.Log();
  status = 200;
  daemon_.Signal(SIGHUP);
  ASSERT_TRUE(WaitFor([&] { return receiver_.count() >= 2; })) << daemon_.Log();
  EXPECT_EQ(receiver_.requests()[0].id(), receiver_.requests()[1].id());
}

TEST_F(WebhookE2eTest, ARestartResumesAPendingDeliveryWithItsId) {
  // A receiver that is down: its port, closed.
  const uint16_t port = receiver_.port();
  receiver_.Stop();
  StartDaemon(DaemonConfig(WebhookConfigFor("http://127.0.0.1:" + std::to_string(port) + "/hook",
                                            "[500ms, 500ms, 500ms]")));
  DropFile(root(), "one.txt", DistinctArticle(1));
  // One attempt failed and the next is scheduled in the store.
  ASSERT_TRUE(WaitFor([&] { return ListsAnAttemptedPendingDelivery(Deliveries({"list"}).output); }))
      << Deliveries({"list"}).output;
  daemon_.Signal(SIGTERM);
  ASSERT_EQ(daemon_.WaitExit(), 0) << daemon_.Log();

  TestReceiver back({kSecret}, port);
  ASSERT_TRUE(back.listening());
  ChildProcess again(root(), "daemon2.log");
  ASSERT_TRUE(again.Start({"run", "-c", "syndicated.yaml"}));
  ASSERT_TRUE(WaitFor([&] { return back.count() >= 1; })) << again.Log();
  EXPECT_TRUE(back.requests()[0].signature_valid);
  EXPECT_EQ(StoredEventIds(), std::vector<std::string>{back.requests()[0].id()});
}

TEST_F(WebhookE2eTest, StopLetsADeliveryInFlightFinishAndExitsZero) {
  receiver_.set_responder([](const ReceivedRequest&, int) {
    return Reply{200, std::chrono::milliseconds(800)};
  });
  StartDaemon(DaemonConfig(WebhookConfigFor(receiver_.url())));
  DropFile(root(), "one.txt", DistinctArticle(1));
  ASSERT_TRUE(WaitFor([&] { return receiver_.count() >= 1; })) << daemon_.Log();
  daemon_.Signal(SIGTERM);
  ASSERT_EQ(daemon_.WaitExit(), 0) << daemon_.Log();
  EXPECT_NE(Deliveries({"list"}).output.find("delivered  1"), std::string::npos)
      << Deliveries({"list"}).output;
}

TEST_F(WebhookE2eTest, OnceMakesOneAttemptPerDueDeliveryAndLeavesFailuresQueued) {
  std::atomic<int> status{500};
  receiver_.set_responder([&](const ReceivedRequest&, int) { return Reply{status.load()}; });
  WriteFile(root() / "syndicated.yaml", DaemonConfig(WebhookConfigFor(receiver_.url(), "[1ms]")));
  fs::create_directories(inbox());
  fs::copy_file(DataFile("reference_dump.txt"), inbox().parent_path() / "dump.txt");
  fs::rename(inbox().parent_path() / "dump.txt", inbox() / "dump.txt");
  const CommandResult first = RunCommand({SYND_BINARY, "once", "-c", "syndicated.yaml"}, root());
  EXPECT_EQ(first.exit_code, 0) << first.output;
  EXPECT_NE(first.output.find("6 attempted, 0 delivered"), std::string::npos) << first.output;
  EXPECT_EQ(receiver_.count(), 6u);

  status = 200;
  const CommandResult second = RunCommand({SYND_BINARY, "once", "-c", "syndicated.yaml"}, root());
  EXPECT_EQ(second.exit_code, 0) << second.output;
  EXPECT_NE(second.output.find("6 attempted, 6 delivered"), std::string::npos) << second.output;
  ASSERT_EQ(receiver_.count(), 12u);
  std::set<std::string> first_ids, second_ids;
  const auto requests = receiver_.requests();
  for (int i = 0; i < 12; ++i) (i < 6 ? first_ids : second_ids).insert(requests[i].id());
  EXPECT_EQ(first_ids, second_ids);
  EXPECT_EQ(first_ids.size(), 6u);
}

TEST_F(WebhookE2eTest, DeliveriesCommandsReportUsageAndMissingThingsWithTheirExitCodes) {
  WriteFile(root() / "syndicated.yaml", DaemonConfig(WebhookConfigFor(receiver_.url())));
  const CommandResult no_store = Deliveries({"list"});
  EXPECT_EQ(no_store.exit_code, 1) << no_store.output;
  EXPECT_NE(no_store.output.find("no store at"), std::string::npos) << no_store.output;

  ASSERT_EQ(RunCommand({SYND_BINARY, "once", "-c", "syndicated.yaml"}, root()).exit_code, 0);
  const struct {
    std::vector<std::string> args;
    int exit_code;
    std::string says;
  } cases[] = {
      {{"retry"}, 2, "delivery ID or --all-failed"},
      {{"retry", "7", "--all-failed"}, 2, "excludes"},
      {{"retry", "99999"}, 1, "no delivery with id 99999"},
      {{"retry", "--all-failed"}, 1, "no failed deliveries"},
      {{"replay", "--webhook", "hook", "--since", "yesterday"}, 2, "--since"},
      {{"replay", "--since", "2025-01-01T00:00:00Z"}, 2, "--webhook"},
      {{"enable", "nope"}, 1, "no webhook named nope"},
      {{"enable", "hook"}, 0, "was not disabled"},
      {{"list", "--failed"}, 0, "WEBHOOK"},
      {{"frobnicate"}, 2, ""},
  };
  for (const auto& c : cases) {
    const CommandResult r = Deliveries(c.args);
    EXPECT_EQ(r.exit_code, c.exit_code) << c.args[0] << " " << r.output;
    EXPECT_NE(r.output.find(c.says), std::string::npos) << c.args[0] << ": " << r.output;
  }
}

}  // namespace
}  // namespace synd::testing

// At-least-once across crashes: a child process runs the dispatcher over the store file and is
// killed with SIGKILL at random moments while 1,000 events are pending; a last run finishes the
// job. Every event must reach the receiver at least once, always with its original webhook-id and
// a valid signature. The child is this test binary again, running the hidden child test below.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <random>
#include <set>

#include "tests/daemon/webhook/dispatcher_fixture.hpp"

namespace synd {
namespace {

using std::chrono::milliseconds;
using testing::Reply;
using testing::TestReceiver;

constexpr const char* kChildStore = "SYND_CRASH_CHILD_STORE";
constexpr const char* kChildUrl = "SYND_CRASH_CHILD_URL";

WebhookConfig CrashWebhook(const std::string& url) {
  WebhookConfig config = testing::DispatcherFixture::Webhook("crm", url);
  config.retry_schedule = std::vector<Duration>(50, milliseconds(20));
  config.max_in_flight = 4;
  return config;
}

// The child: delivers until killed (or until nothing is pending, then exits 0).
TEST(DispatcherCrashChild, RunsUntilKilled) {
  const char* store = std::getenv(kChildStore);
  const char* url = std::getenv(kChildUrl);
  if (store == nullptr || url == nullptr) GTEST_SKIP() << "only run as the crash test's child";
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(store, &db), SQLITE_OK);
  ASSERT_TRUE(delivery_sql::Exec(db, "PRAGMA busy_timeout=5000; PRAGMA synchronous=FULL").ok());
  auto queue = SqliteDeliveryQueue::Open(db);
  ASSERT_TRUE(queue.ok());
  boost::asio::io_context io;
  DispatcherOptions options;
  options.poll_interval = milliseconds(20);
  Dispatcher dispatcher(io, **queue, {CrashWebhook(url)}, nullptr, options);
  ASSERT_TRUE(dispatcher.Start().ok());
  io.run();
}

class DispatcherCrashTest : public testing::DispatcherFixture {
 protected:
  pid_t SpawnChild(const std::string& url) {
    const std::string store = "--gtest_filter=DispatcherCrashChild.RunsUntilKilled";
    std::vector<std::string> env_strings = {
        std::string(kChildStore) + "=" + (dir_ / "state.db").string(),
        std::string(kChildUrl) + "=" + url};
    std::vector<char*> envp;
    for (std::string& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);
    char self[] = "/proc/self/exe";
    std::vector<char*> argv = {self, const_cast<char*>(store.c_str()), nullptr};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    EXPECT_EQ(posix_spawn(&pid, self, &actions, nullptr, argv.data(), envp.data()), 0);
    posix_spawn_file_actions_destroy(&actions);
    return pid;
  }
};

TEST_F(DispatcherCrashTest, SigkillAtRandomMomentsLosesNoEventAndKeepsEveryId) {
  TestReceiver receiver({testing::kTestSecret});
  // Slow enough that each child is killed with work in flight; some 500s force retries.
  receiver.set_responder([](const auto&, int index) {
    return Reply{index % 7 == 3 ? 500 : 200, milliseconds(index % 5 == 0 ? 2 : 0)};
  });
  const WebhookConfig config = CrashWebhook(receiver.url());
  ASSERT_TRUE(queue_->SetWebhooks({config.name}).ok());
  std::set<std::string> committed;
  for (int i = 0; i < 1000; ++i) committed.insert(Commit());

  std::mt19937 random(20251128);
  for (int round = 0; round < 8; ++round) {
    const std::size_t before = receiver.count();
    const pid_t child = SpawnChild(receiver.url());
    ASSERT_GT(child, 0);
    // Kill only once the child is sending, at a random moment after that.
    ASSERT_TRUE(RunUntil([&] { return receiver.count() > before; }, std::chrono::seconds(20)));
    RunFor(milliseconds(std::uniform_int_distribution<int>(5, 120)(random)));
    ::kill(child, SIGKILL);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status)) << "round " << round;
    auto states = queue_->WebhookStates(true);
    ASSERT_TRUE(states.ok());
    if (round == 0) {
      // How far the child got in 5–120 ms depends on the machine's load; what matters is that
      // it died with deliveries still to make.
      EXPECT_GT((*states)[0].pending, 0) << "killed with events pending";
    }
  }

  auto dispatcher = MakeDispatcher({config});
  ASSERT_TRUE(dispatcher->Start().ok());
  ASSERT_TRUE(RunUntil(
      [&] {
        auto states = queue_->WebhookStates(true);
        return states.ok() && states->size() == 1 && (*states)[0].pending == 0;
      },
      std::chrono::seconds(60)));
  std::set<std::string> received;
  for (const auto& r : receiver.requests()) {
    EXPECT_TRUE(r.signature_valid) << r.id();
    EXPECT_EQ(committed.count(r.id()), 1u) << "unknown webhook-id " << r.id();
    received.insert(r.id());
  }
  EXPECT_EQ(received, committed);
  auto states = queue_->WebhookStates(true);
  ASSERT_TRUE(states.ok());
  EXPECT_EQ((*states)[0].delivered, 1000);
}

}  // namespace
}  // namespace synd

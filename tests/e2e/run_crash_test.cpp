// The daemon's exactly-once promise under crashes (issue [4/6]): `syndicated run` is killed with
// SIGKILL at random moments during a burst of 200 files, several times, then started again and
// left to finish. Every story must exist exactly once — the same stories as a run that was never
// killed — and every file must end in done/ or failed/, once, under its own name.
#include <signal.h>

#include <random>
#include <thread>

#include "tests/e2e/daemon_fixture.hpp"
#include "tests/e2e/store_snapshot.hpp"

namespace synd::testing {
namespace {

namespace fs = std::filesystem;
using std::chrono::seconds;

std::set<std::string> Names(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename());
  return names;
}

// Copies the corpus into root/var/inbox keeping modification times (the reference time).
void FillInbox(const fs::path& root, const fs::path& corpus) {
  fs::create_directories(root / "var");
  fs::copy(corpus, root / "var/inbox", fs::copy_options::recursive);
  for (const auto& e : fs::directory_iterator(corpus)) {
    fs::last_write_time(root / "var/inbox" / e.path().filename(), fs::last_write_time(e.path()));
  }
  WriteFile(root / "syndicated.yaml", DaemonConfig());
}

StoreSnapshot Snapshot(const fs::path& root) {
  return TakeSnapshot(root / "var/state/syndicated.db");
}

TEST(RunCrash, SigkillDuringABurstNeitherLosesNorDoublesAStoryOrAFile) {
  TempDir dir;
  const fs::path corpus = dir / "corpus";
  const std::string gen = std::string("/usr/bin/python3 ") + SYND_SOURCE_DIR +
                          "/bench/gen_corpus.py " + corpus.string() +
                          " --articles 640 --per-file 3 --seed 11";
  ASSERT_EQ(std::system(gen.c_str()), 0) << gen;
  ASSERT_GE(Names(corpus / "inbox").size(), 200u);

  // The run that is never killed.
  FillInbox(dir / "clean", corpus / "inbox");
  {
    ChildProcess clean(dir / "clean");
    ASSERT_TRUE(clean.Start({"run", "-c", "syndicated.yaml"}));
    ASSERT_TRUE(WaitFor([&] { return CountInputs(dir / "clean/var/inbox") == 0; }, seconds(120)))
        << clean.Log();
    clean.Signal(SIGTERM);
    ASSERT_EQ(clean.WaitExit(), 0) << clean.Log();
  }
  const StoreSnapshot expected = Snapshot(dir / "clean");
  ASSERT_GT(expected.stories.size(), 150u);

  const fs::path root = dir / "crashed";
  FillInbox(root, corpus / "inbox");
  std::mt19937 rng(4242);
  int kills = 0;
  for (int round = 0; round < 8; ++round) {
    ChildProcess daemon(root, "daemon-" + std::to_string(round) + ".log");
    ASSERT_TRUE(daemon.Start({"run", "-c", "syndicated.yaml"}));
    const std::size_t target = CountInputs(root / "var/done") + 1 + rng() % 25;
    WaitFor([&] { return CountInputs(root / "var/done") >= target || !daemon.running(); },
            seconds(30));
    std::this_thread::sleep_for(std::chrono::microseconds(rng() % 4000));
    if (daemon.running()) ++kills;
    daemon.Kill();
  }
  EXPECT_GE(kills, 5);
  ChildProcess last(root, "daemon-last.log");
  ASSERT_TRUE(last.Start({"run", "-c", "syndicated.yaml"}));
  // The killed rounds may have ingested every file: then the inbox is empty at once, and a
  // SIGTERM before the daemon is up would find no handler yet.
  ASSERT_TRUE(last.WaitForNotification("READY=1")) << last.Log();
  ASSERT_TRUE(WaitFor([&] { return CountInputs(root / "var/inbox") == 0; }, seconds(120)))
      << last.Log();
  last.Signal(SIGTERM);
  ASSERT_EQ(last.WaitExit(), 0) << last.Log();

  EXPECT_EQ(CountInputs(root / "var/failed"), 0u);
  EXPECT_EQ(Names(root / "var/done"), Names(corpus / "inbox")) << "each file moved once";
  const StoreSnapshot got = Snapshot(root);
  EXPECT_EQ(got.files, expected.files);
  EXPECT_EQ(Missing(expected.stories, got.stories), "") << "stories lost or changed";
  EXPECT_EQ(Missing(got.stories, expected.stories), "") << "stories doubled or changed";
  EXPECT_EQ(got.events.size(), expected.events.size());
  const std::string feed = ReadFile(root / "var/feeds/all.rss");
  const std::string clean_feed = ReadFile(dir / "clean/var/feeds/all.rss");
  EXPECT_EQ(feed, clean_feed) << "the same feed as the run without crashes";
}

}  // namespace
}  // namespace synd::testing

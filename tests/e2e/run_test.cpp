// End-to-end tests of `syndicated run` (issue [4/6]): the real binary in a temp folder, real
// inotify, loopback HTTP on a port the OS assigns, and a NOTIFY_SOCKET of the test's own.
#include <signal.h>
#include <unistd.h>

#include <fstream>

#include "feeds/store/sqlite_store.hpp"
#include "tests/e2e/daemon_fixture.hpp"

namespace synd::testing {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using std::chrono::seconds;

int64_t StoriesIn(const fs::path& root) {
  auto store = SqliteStore::Open(root / "var/state" / SqliteStore::kFileName);
  EXPECT_TRUE(store.ok()) << store.status().message();
  if (!store.ok()) return -1;
  Result<int64_t> n = (*store)->CountStories();
  return n.ok() ? *n : -1;
}

TEST_F(DaemonTest, ADumpRenamedInOrWrittenInPlaceIsInTheFeedWithinASecond) {
  StartDaemon();
  DropFile(root(), "renamed.txt", DistinctArticle(1));
  EXPECT_TRUE(
      WaitFor([&] { return Feed("all.rss").find("Story 1 ") != std::string::npos; }, seconds(1)))
      << daemon_.Log();
  {
    std::ofstream out(inbox() / "in-place.txt");
    out << DistinctArticle(2);
  }
  EXPECT_TRUE(
      WaitFor([&] { return Feed("all.json").find("Story 2 ") != std::string::npos; }, seconds(1)))
      << daemon_.Log();
  // Feeds are rendered as soon as the commit is durable; the inputs move to done/ right after.
  EXPECT_TRUE(WaitFor([&] { return CountInputs(root() / "var/done") == 2; }));
  EXPECT_TRUE(fs::exists(root() / "var/done/renamed.txt"));
  EXPECT_TRUE(fs::exists(root() / "var/done/in-place.txt"));
  EXPECT_NE(daemon_.Log().find("file=renamed.txt format=text articles=1 new=1"), std::string::npos)
      << daemon_.Log();
  const HttpReply feed = HttpGet(daemon_.HttpPort(), "/feeds/all.json");
  EXPECT_EQ(feed.status, 200);
  EXPECT_NE(feed.body.find("Story 2 "), std::string::npos);
}

TEST_F(DaemonTest, FiveHundredFilesDroppedAtOnceAreEachIngestedOnce) {
  StartDaemon();
  fs::create_directories(root() / "staging");
  for (int i = 0; i < 500; ++i) {
    WriteFile(root() / "staging" / ("f" + std::to_string(i) + ".txt"), DistinctArticle(i));
  }
  for (int i = 0; i < 500; ++i) {
    const std::string name = "f" + std::to_string(i) + ".txt";
    fs::rename(root() / "staging" / name, inbox() / name);
  }
  ASSERT_TRUE(WaitFor([&] { return CountInputs(root() / "var/done") == 500; }, seconds(60)))
      << CountInputs(root() / "var/done") << " done\n"
      << daemon_.Log();
  EXPECT_EQ(CountInputs(inbox()), 0u);
  EXPECT_EQ(CountInputs(root() / "var/failed"), 0u);
  EXPECT_EQ(StoriesIn(root()), 500);
  auto new_story_lines = [&] {
    const std::string log = daemon_.Log();
    std::size_t lines = 0;
    for (std::size_t at = 0; (at = log.find(" new=1 ", at)) != std::string::npos; ++at) ++lines;
    return lines;
  };
  // Each file is logged right after its move: one line per file, each a new story.
  EXPECT_TRUE(WaitFor([&] { return new_story_lines() >= 500; }));
  EXPECT_EQ(new_story_lines(), 500u);
}

TEST_F(DaemonTest, SighupKeepsTheOldConfigWhenTheNewOneIsBrokenAndAppliesAGoodOne) {
  StartDaemon();
  DropFile(root(), "a.txt", DistinctArticle(7));
  ASSERT_TRUE(WaitFor([&] { return !Feed("all.rss").empty(); }));
  WriteFile(root() / "syndicated.yaml", DaemonConfig("feeds:\n  - name: Bad Name\n"));
  daemon_.Signal(SIGHUP);
  ASSERT_TRUE(WaitFor([&] {
    return daemon_.Log().find("still running on the old") != std::string::npos;
  })) << daemon_.Log();
  EXPECT_TRUE(daemon_.running());
  EXPECT_NE(daemon_.Log().find("syndicated.yaml:"), std::string::npos) << "FILE:LINE:COL";

  WriteFile(root() / "syndicated.yaml", DaemonConfig("feeds:\n  - name: all\n  - name: stories\n"
                                                     "    include: { keywords: [story] }\n"));
  daemon_.Signal(SIGHUP);
  ASSERT_TRUE(WaitFor([&] { return Feed("stories.rss").find("Story 7 ") != std::string::npos; }))
      << daemon_.Log();
  EXPECT_TRUE(daemon_.running());
  EXPECT_TRUE(daemon_.WaitForNotification("RELOADING=1"));
  EXPECT_EQ(HttpGet(daemon_.HttpPort(), "/feeds/stories.atom").status, 200);
}

TEST_F(DaemonTest, SigtermExitsZeroAndTellsSystemdReadyThenStopping) {
  StartDaemon();
  EXPECT_EQ(HttpGet(daemon_.HttpPort(), "/readyz").status, 200);
  daemon_.Signal(SIGTERM);
  const std::optional<int> code = daemon_.WaitExit(seconds(10));
  ASSERT_TRUE(code.has_value()) << "did not exit within the grace period\n" << daemon_.Log();
  EXPECT_EQ(*code, 0) << daemon_.Log();
  bool ready = false, stopping = false;
  for (const std::string& n : daemon_.notifications()) {
    ready = ready || n.find("READY=1") != std::string::npos;
    stopping = stopping || n.find("STOPPING=1") != std::string::npos;
  }
  EXPECT_TRUE(ready);
  EXPECT_TRUE(stopping);
}

TEST_F(DaemonTest, ABadConfigExits78BeforeReady) {
  WriteFile(root() / "syndicated.yaml", DaemonConfig("unknown_key: 1\n"));
  ASSERT_TRUE(daemon_.Start({"run", "-c", "syndicated.yaml"}));
  const std::optional<int> code = daemon_.WaitExit(seconds(10));
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 78);
  EXPECT_NE(daemon_.Log().find("syndicated.yaml:7:1: "), std::string::npos) << daemon_.Log();
  for (const std::string& n : daemon_.notifications()) {
    EXPECT_EQ(n.find("READY=1"), std::string::npos);
  }
}

TEST_F(DaemonTest, ASecondDaemonOrOnceOnTheSameStateIsRefusedAndTheFirstKeepsRunning) {
  StartDaemon();
  // `timeout` ends a second daemon that wrongly started, so the test fails instead of hanging.
  const CommandResult second =
      RunCommand({"/usr/bin/timeout", "20", SYND_BINARY, "run", "-c", "syndicated.yaml"}, root());
  EXPECT_EQ(second.exit_code, 1) << second.output;
  EXPECT_NE(second.output.find("another syndicated (pid "), std::string::npos) << second.output;
  const CommandResult once =
      RunCommand({"/usr/bin/timeout", "20", SYND_BINARY, "once", "-c", "syndicated.yaml"}, root());
  EXPECT_EQ(once.exit_code, 1);
  EXPECT_NE(once.output.find("is using the state folder"), std::string::npos) << once.output;
  DropFile(root(), "after.txt", DistinctArticle(31));
  EXPECT_TRUE(WaitFor([&] { return Feed("all.rss").find("Story 31 ") != std::string::npos; }))
      << daemon_.Log();
}

TEST_F(DaemonTest, BadInputsLandInFailedWithAReasonAndGoodOnesAroundThemAreIngested) {
  StartDaemon();
  WriteFile(root() / "outside-target.txt", DistinctArticle(900));
  const std::string target_before = ReadFile(root() / "outside-target.txt");
  std::string big;
  while (big.size() < 50u * 1024 * 1024) big += "A line of text that goes on and on. ";
  const std::string windows1252 = "Caf\xe9 prices\n\nThe caf\xe9 raised its prices again.\n";
  struct Drop {
    std::string name;
    std::string bytes;
  };
  const std::vector<Drop> drops = {
      {"good-1.txt", DistinctArticle(1)},
      {"binary.bin", std::string("\x7f"
                                 "ELF\0\0\1",
                                 7)},
      {"good-2.txt", DistinctArticle(2)},
      {"empty.txt", ""},
      {"good-3.txt", DistinctArticle(3)},
      {"truncated.txt", "Only a title\n"},
      {"good-4.txt", DistinctArticle(4)},
      {"cp1252.txt", windows1252},
      {"big.txt", "Big\n\n" + big},
      {"good-5.txt", DistinctArticle(5)},
  };
  for (const Drop& d : drops) DropFile(root(), d.name, d.bytes);
  ASSERT_EQ(::symlink((root() / "outside-target.txt").c_str(), (inbox() / "link.txt").c_str()), 0);
  DropFile(root(), "good-6.txt", DistinctArticle(6));
  ASSERT_TRUE(WaitFor([&] { return CountInputs(inbox()) == 0; }, seconds(60))) << daemon_.Log();
  EXPECT_TRUE(daemon_.running());
  for (const char* failed : {"binary.bin", "empty.txt", "truncated.txt", "link.txt"}) {
    const fs::path error = root() / "var/failed" / (std::string(failed) + ".error");
    ASSERT_TRUE(fs::exists(error)) << failed << "\n" << daemon_.Log();
    EXPECT_FALSE(ReadFile(error).empty()) << failed;
  }
  EXPECT_TRUE(fs::is_symlink(root() / "var/failed/link.txt"));
  EXPECT_EQ(ReadFile(root() / "outside-target.txt"), target_before) << "target untouched";
  EXPECT_TRUE(fs::exists(root() / "var/done/cp1252.txt")) << "recoverable text is processed";
  // One 50 MB article would make every feed holding it 50 MB for every reader.
  ASSERT_TRUE(fs::exists(root() / "var/failed/big.txt.error"));
  EXPECT_NE(ReadFile(root() / "var/failed/big.txt.error").find("MiB of text"), std::string::npos);
  for (int i = 1; i <= 6; ++i) {
    EXPECT_TRUE(fs::exists(root() / ("var/done/good-" + std::to_string(i) + ".txt"))) << i;
  }
  // The feeds may follow the moves by up to 200 ms while files keep arriving.
  EXPECT_TRUE(WaitFor([&] { return Feed("all.rss").find("Café prices") != std::string::npos; }))
      << Feed("all.rss");
}

}  // namespace
}  // namespace synd::testing

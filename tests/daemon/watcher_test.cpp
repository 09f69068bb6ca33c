#include "daemon/watcher.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>

#include "tests/support/run_until.hpp"
#include "tests/support/temp_dir.hpp"

namespace synd {
namespace {

using testing::RunUntil;
using testing::TempDir;
using testing::WriteFile;

struct Seen {
  std::vector<std::string> names;
  std::vector<std::string> errors;
  bool Has(const std::string& name) const {
    return std::find(names.begin(), names.end(), name) != names.end();
  }
};

class InboxWatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    inbox_ = dir_ / "inbox";
    std::filesystem::create_directories(inbox_);
  }
  std::unique_ptr<InboxWatcher> Make(
      std::chrono::milliseconds settle = InboxWatcher::kDefaultSettle) {
    return std::make_unique<InboxWatcher>(
        io_, inbox_, [this](const std::string& n) { seen_.names.push_back(n); },
        [this](const Status& s) { seen_.errors.push_back(s.message()); }, settle);
  }
  TempDir dir_;
  std::filesystem::path inbox_;
  boost::asio::io_context io_;
  Seen seen_;
};

TEST(InboxNames, IgnoresDotfilesAndUnfinishedUploads) {
  EXPECT_TRUE(IsIgnoredInboxName(".hidden"));
  EXPECT_TRUE(IsIgnoredInboxName("upload.tmp"));
  EXPECT_TRUE(IsIgnoredInboxName("upload.part"));
  EXPECT_TRUE(IsIgnoredInboxName(""));
  EXPECT_FALSE(IsIgnoredInboxName("dump.txt"));
  EXPECT_FALSE(IsIgnoredInboxName("tmp"));
  EXPECT_FALSE(IsIgnoredInboxName("a.tmp.txt"));
}

TEST_F(InboxWatcherTest, CatchUpScanReportsFilesAlreadyThereInNameOrder) {
  WriteFile(inbox_ / "b.txt", "b");
  WriteFile(inbox_ / "a.txt", "a");
  WriteFile(inbox_ / ".hidden", "h");
  auto watcher = Make();
  ASSERT_TRUE(watcher->Start().ok());
  ASSERT_TRUE(RunUntil(io_, [&] { return seen_.names.size() >= 2; }));
  EXPECT_EQ(seen_.names, (std::vector<std::string>{"a.txt", "b.txt"}));
}

// A producer writing in place when the daemon starts (or rescans) has no close event yet: the
// scan must not hand over the half it has written, or the rest lands in done/ never ingested.
TEST_F(InboxWatcherTest, ScanLeavesAFileStillBeingWrittenUntilItsClose) {
  std::ofstream out(inbox_ / "slow.txt");
  out << "first half";
  out.flush();
  auto watcher = Make();
  ASSERT_TRUE(watcher->Start().ok());
  RunUntil(
      io_, [] { return false; }, std::chrono::milliseconds(200));
  EXPECT_FALSE(seen_.Has("slow.txt")) << "reported while its writer still had it open";
  out << " and second half";
  out.close();
  ASSERT_TRUE(RunUntil(io_, [&] { return seen_.Has("slow.txt"); }));
}

// A file closed just before the watch began sends no event. One that no process has open for
// writing is reported by the scan at once, however recent; one modified long ago too.
TEST_F(InboxWatcherTest, ScanReportsALatelyWrittenFileNoOneHasOpenWithoutWaiting) {
  WriteFile(inbox_ / "recent.txt", "r");
  WriteFile(inbox_ / "old.txt", "o");
  const timespec long_ago[2] = {{0, UTIME_OMIT}, {1000000000, 0}};
  ASSERT_EQ(::utimensat(AT_FDCWD, (inbox_ / "old.txt").c_str(), long_ago, 0), 0);
  auto watcher = Make(std::chrono::seconds(30));
  ASSERT_TRUE(watcher->Start().ok());
  EXPECT_TRUE(RunUntil(
      io_, [&] { return seen_.Has("old.txt") && seen_.Has("recent.txt"); },
      std::chrono::seconds(5)));
}

TEST_F(InboxWatcherTest, ReportsAFileWrittenInPlaceOnlyWhenClosed) {
  auto watcher = Make();
  ASSERT_TRUE(watcher->Start().ok());
  RunUntil(
      io_, [] { return false; }, std::chrono::milliseconds(50));  // drain the scan
  {
    std::ofstream out(inbox_ / "dump.txt");
    out << "partial";
    out.flush();
    RunUntil(
        io_, [] { return false; }, std::chrono::milliseconds(100));
    EXPECT_FALSE(seen_.Has("dump.txt")) << "reported before close";
  }
  ASSERT_TRUE(RunUntil(io_, [&] { return seen_.Has("dump.txt"); }));
}

TEST_F(InboxWatcherTest, ReportsAFileRenamedInButNotItsTemporaryName) {
  auto watcher = Make();
  ASSERT_TRUE(watcher->Start().ok());
  WriteFile(inbox_ / "dump.txt.part", "data");
  std::filesystem::rename(inbox_ / "dump.txt.part", inbox_ / "dump.txt");
  WriteFile(dir_ / "outside.txt", "data");
  std::filesystem::rename(dir_ / "outside.txt", inbox_ / "moved.txt");
  ASSERT_TRUE(RunUntil(io_, [&] { return seen_.Has("dump.txt") && seen_.Has("moved.txt"); }));
  EXPECT_FALSE(seen_.Has("dump.txt.part"));
}

// No close event ever follows these, and the pipeline fails each but a folder with its reason.
TEST_F(InboxWatcherTest, ReportsSymlinksSubfoldersAndFifosAtCreation) {
  auto watcher = Make();
  ASSERT_TRUE(watcher->Start().ok());
  io_.poll();  // the catch-up scan, of the empty inbox: only events report what follows
  WriteFile(dir_ / "target.txt", "secret");
  ASSERT_EQ(::symlink((dir_ / "target.txt").c_str(), (inbox_ / "link.txt").c_str()), 0);
  std::filesystem::create_directory(inbox_ / "sub");
  ASSERT_EQ(::mkfifo((inbox_ / "pipe").c_str(), 0644), 0);
  ASSERT_TRUE(
      RunUntil(io_, [&] { return seen_.Has("link.txt") && seen_.Has("sub") && seen_.Has("pipe"); }))
      << "link.txt " << seen_.Has("link.txt") << ", sub " << seen_.Has("sub") << ", pipe "
      << seen_.Has("pipe");
}

// A hard link into the inbox names a file that is already complete, and no IN_CLOSE_WRITE or
// IN_MOVED_TO follows it: it is reported at its creation, whether its other name stays (`ln`)
// or is removed at once (Maildir-style delivery: write elsewhere, link in, unlink).
TEST_F(InboxWatcherTest, ReportsAFileHardLinkedIn) {
  auto watcher = Make();
  ASSERT_TRUE(watcher->Start().ok());
  io_.poll();  // the catch-up scan, of the empty inbox: only events report what follows
  WriteFile(dir_ / "kept.txt", "k");
  ASSERT_EQ(::link((dir_ / "kept.txt").c_str(), (inbox_ / "kept.txt").c_str()), 0);
  ASSERT_TRUE(RunUntil(io_, [&] { return seen_.Has("kept.txt"); })) << "link with two names";
  WriteFile(dir_ / "staged.txt", "s");
  // Written a moment before it is linked in (a test cannot rely on the clock ticking between).
  const timespec earlier[2] = {{0, UTIME_OMIT}, {1, 0}};
  ASSERT_EQ(::utimensat(AT_FDCWD, (dir_ / "staged.txt").c_str(), earlier, 0), 0);
  ASSERT_EQ(::link((dir_ / "staged.txt").c_str(), (inbox_ / "staged.txt").c_str()), 0);
  ASSERT_EQ(::unlink((dir_ / "staged.txt").c_str()), 0);
  ASSERT_TRUE(RunUntil(io_, [&] { return seen_.Has("staged.txt"); })) << "link, then unlink";
}

TEST_F(InboxWatcherTest, ReportsAnErrorWhenTheInboxDisappears) {
  auto watcher = Make();
  ASSERT_TRUE(watcher->Start().ok());
  RunUntil(
      io_, [] { return false; }, std::chrono::milliseconds(50));  // drain the scan
  std::filesystem::remove_all(inbox_);
  ASSERT_TRUE(RunUntil(io_, [&] { return !seen_.errors.empty(); }));
  EXPECT_NE(seen_.errors.front().find("removed"), std::string::npos) << seen_.errors.front();
  EXPECT_FALSE(watcher->watching());
}

TEST_F(InboxWatcherTest, StartFailsWithTheInboxNamedWhenItIsMissing) {
  std::filesystem::remove_all(inbox_);
  auto watcher = Make();
  const Status s = watcher->Start();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find(inbox_.string()), std::string::npos) << s.message();
}

}  // namespace
}  // namespace synd

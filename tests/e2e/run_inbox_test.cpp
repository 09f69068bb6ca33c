// End-to-end tests of how `syndicated run` treats producers that reuse a name in the inbox: the
// real binary, real inotify and real renames, as a producer does them.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

#include "tests/e2e/daemon_fixture.hpp"

namespace synd::testing {
namespace {

namespace fs = std::filesystem;
using std::chrono::seconds;

// Sees the daemon finish reading a file: its read-only close, reported by an inotify watch of
// the test's own on the inbox.
class ReadWatch {
 public:
  explicit ReadWatch(const fs::path& inbox) : fd_(::inotify_init1(IN_CLOEXEC | IN_NONBLOCK)) {
    EXPECT_GE(fd_, 0);
    EXPECT_GE(::inotify_add_watch(fd_, inbox.c_str(), IN_CLOSE_NOWRITE), 0);
  }
  ~ReadWatch() { ::close(fd_); }

  // True once a reader closed `name` (within the deadline).
  bool WaitForRead(const std::string& name) {
    const auto deadline = std::chrono::steady_clock::now() + seconds(10);
    alignas(inotify_event) char buffer[4096];
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) continue;
      const ssize_t n = ::read(fd_, buffer, sizeof buffer);
      for (ssize_t at = 0; n > 0 && at < n;) {
        inotify_event event;
        std::memcpy(&event, buffer + at, sizeof event);
        const char* event_name = buffer + at + sizeof event;
        at += static_cast<ssize_t>(sizeof event + event.len);
        if (event.len > 0 && name == event_name) return true;
      }
    }
    return false;
  }

 private:
  int fd_;
};

// Each file of `dir` with the start of its text, for failure messages.
std::string Listing(const fs::path& dir) {
  std::string listing;
  for (const auto& e : fs::directory_iterator(dir)) {
    listing += e.path().filename().string() + " = " + ReadFile(e.path()).substr(0, 12) + "; ";
  }
  return listing;
}

// A producer renames a second version over a name the daemon has just read: the second version
// is what the inbox holds, so it must be ingested, not moved to done/ unread.
TEST_F(DaemonTest, AFileRenamedOverANameJustReadIsIngestedToo) {
  StartDaemon(DaemonConfig("feeds:\n  - name: all\n    limit: 1000\n"));
  constexpr int kNames = 10;
  ReadWatch reads(inbox());
  for (int i = 0; i < kNames; ++i) {
    const std::string name = "news" + std::to_string(i) + ".txt";
    DropFile(root(), name, DistinctArticle(i));
    ASSERT_TRUE(reads.WaitForRead(name)) << name << "\n" << daemon_.Log();
    DropFile(root(), name, DistinctArticle(1000 + i));
  }
  // Only the second versions are checked: a read-only close the test sees may also be the
  // daemon's look at whether a writer still has the file open, before its read.
  auto missing = [&] {
    const std::string feed = Feed("all.json");
    std::string titles;
    for (int i = 0; i < kNames; ++i) {
      const std::string title = "Story " + std::to_string(1000 + i) + " ";
      if (feed.find(title) == std::string::npos) titles += title + "; ";
    }
    return titles;
  };
  EXPECT_TRUE(WaitFor([&] { return missing().empty() && CountInputs(inbox()) == 0; }, seconds(20)))
      << "not in the feed: " << missing() << "\n"
      << CountInputs(inbox()) << " files still in the inbox\n"
      << "done/: " << Listing(root() / "var/done") << "\n"
      << daemon_.Log();
}

// An article of about 3 MB: long enough to prepare that a reload can land between its read and
// its commit.
std::string LongArticle() {
  std::string text = DistinctArticle(1);
  for (int i = 2; text.size() < (std::size_t{3} << 20); ++i) {
    text += DistinctArticle(i).substr(DistinctArticle(i).find("\n\n") + 2);
  }
  return text;
}

// A reload that moves the inbox while a file of the old one is being ingested: the file is
// committed, so it must still leave the old inbox for done/, not stay there ingested but unmoved.
TEST_F(DaemonTest, AFileInHandWhenAReloadMovesTheInboxStillMovesToDone) {
  StartDaemon();
  const std::string article = LongArticle();
  WriteFile(root() / "syndicated.yaml", DaemonConfig("paths:\n  inbox: var/inbox2\n"));
  ReadWatch reads(inbox());
  DropFile(root(), "long.txt", article);
  ASSERT_TRUE(reads.WaitForRead("long.txt")) << daemon_.Log();
  daemon_.Signal(SIGHUP);
  ASSERT_TRUE(WaitFor([&] { return fs::exists(root() / "var/done/long.txt"); })) << daemon_.Log();
  EXPECT_EQ(CountInputs(inbox()), 0u) << daemon_.Log();
  const std::string log = daemon_.Log();
  EXPECT_LT(log.find("reloaded"), log.find("file=long.txt"))
      << "the reload came after the commit, so this run shows nothing\n"
      << log;
  // The new inbox is the one watched now.
  WriteFile(root() / "staging-next.txt", DistinctArticle(5000));
  fs::rename(root() / "staging-next.txt", root() / "var/inbox2/next.txt");
  EXPECT_TRUE(WaitFor([&] { return fs::exists(root() / "var/done/next.txt"); })) << daemon_.Log();
}

// A producer sets a file's mtime after closing it, as `cp -p`, `tar` and `touch -d` do. When that
// lands after the daemon's read, the name holds a changed file that no event will announce: it
// must still be looked at again and leave the inbox, not wait there for the next restart.
TEST_F(DaemonTest, AFileWhoseMtimeIsSetAfterItsReadStillLeavesTheInbox) {
  StartDaemon();
  const std::string article = LongArticle();  // long to prepare: the mtime lands before the move
  ReadWatch reads(inbox());
  DropFile(root(), "copied.txt", article);
  ASSERT_TRUE(reads.WaitForRead("copied.txt")) << daemon_.Log();
  const timespec times[2] = {{0, UTIME_OMIT}, {1577836800, 0}};  // mtime 2020-01-01
  ASSERT_EQ(::utimensat(AT_FDCWD, (inbox() / "copied.txt").c_str(), times, 0), 0);
  EXPECT_TRUE(WaitFor([&] { return fs::exists(root() / "var/done/copied.txt"); }, seconds(10)))
      << CountInputs(inbox()) << " files still in the inbox\n"
      << daemon_.Log();
  EXPECT_EQ(CountInputs(inbox()), 0u) << daemon_.Log();
}

// A producer chooses file names, and a name may hold a newline: the daemon's log keeps each
// record on one line, so a name cannot split a record or pass for another one.
TEST_F(DaemonTest, AFileNameWithANewlineStaysOnItsLogLine) {
  StartDaemon();
  DropFile(root(), "first\nerror: forged.txt", DistinctArticle(3));
  ASSERT_TRUE(WaitFor([&] { return CountInputs(root() / "var/done") == 1; })) << daemon_.Log();
  ASSERT_TRUE(WaitFor([&] {
    return daemon_.Log().find("file=first\\x0aerror: forged.txt format=text") != std::string::npos;
  })) << daemon_.Log();
  EXPECT_EQ(daemon_.Log().find("\nerror: forged"), std::string::npos) << daemon_.Log();
}

}  // namespace
}  // namespace synd::testing

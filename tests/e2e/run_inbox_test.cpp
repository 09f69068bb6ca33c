// End-to-end tests of how `syndicated run` treats producers that reuse a name in the inbox: the
// real binary, real inotify and real renames, as a producer does them.
#include <poll.h>
#include <sys/inotify.h>
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
  auto missing = [&] {
    const std::string feed = Feed("all.json");
    std::string titles;
    for (int i = 0; i < kNames; ++i) {
      for (int index : {i, 1000 + i}) {
        const std::string title = "Story " + std::to_string(index) + " ";
        if (feed.find(title) == std::string::npos) titles += title + "; ";
      }
    }
    return titles;
  };
  EXPECT_TRUE(WaitFor([&] { return missing().empty() && CountInputs(inbox()) == 0; }, seconds(20)))
      << "not in the feed: " << missing() << "\n"
      << CountInputs(inbox()) << " files still in the inbox\n"
      << daemon_.Log();
  // Each name's second version replaced its first: done/ holds the second ones.
  EXPECT_EQ(CountInputs(root() / "var/done"), static_cast<std::size_t>(kNames));
  EXPECT_NE(ReadFile(root() / "var/done/news0.txt").find("Story 1000 "), std::string::npos);
}

}  // namespace
}  // namespace synd::testing

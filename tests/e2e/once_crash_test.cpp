// The exactly-once promise of DESIGN.md §1 under crashes: `syndicated once` is killed with
// SIGKILL at random moments mid-ingest, many times, then run to completion. Every story must
// exist exactly once (the same stories, revisions and events as a run without crashes), and
// every input file must be moved exactly once, none left in the inbox.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/inotify.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iterator>
#include <random>
#include <set>
#include <thread>

#include "feeds/store/sqlite_store.hpp"
#include "tests/e2e/store_snapshot.hpp"
#include "tests/support/temp_dir.hpp"

namespace synd {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

constexpr const char* kConfig = R"(site:
  title: Crash test
  base_url: http://127.0.0.1:8080/
  id_authority: crash.example.org
paths:
  inbox: inbox
  done: done
  failed: failed
  output: feeds
  state: state
feeds:
  - name: all
    title: All
)";

std::size_t CountFiles(const fs::path& dir) {
  std::error_code ec;
  std::size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir, ec)) n += e.is_regular_file() ? 1 : 0;
  return n;
}

// Counts the files moved into a folder as they arrive (inotify), at a cost that does not grow
// with the folder: listing done/ on every poll grew slow enough under the sanitizers that `once`
// moved dozens of files between two looks, and the crash rounds ran out of inbox.
class ArrivalCounter {
 public:
  explicit ArrivalCounter(const fs::path& dir) : fd_(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) {
    if (fd_ >= 0) ::inotify_add_watch(fd_, dir.c_str(), IN_MOVED_TO | IN_CLOSE_WRITE);
  }
  ~ArrivalCounter() {
    if (fd_ >= 0) ::close(fd_);
  }
  ArrivalCounter(const ArrivalCounter&) = delete;
  ArrivalCounter& operator=(const ArrivalCounter&) = delete;
  bool ok() const { return fd_ >= 0; }

  // Files that arrived since the last call.
  std::size_t Take() {
    alignas(inotify_event) char buffer[16384];
    std::size_t n = 0;
    for (;;) {
      const ssize_t got = ::read(fd_, buffer, sizeof buffer);
      if (got <= 0) return n;
      for (ssize_t i = 0; i < got;) {
        const auto* e = reinterpret_cast<const inotify_event*>(buffer + i);
        n += (e->mask & (IN_MOVED_TO | IN_CLOSE_WRITE)) != 0 ? 1 : 0;
        i += static_cast<ssize_t>(sizeof(inotify_event) + e->len);
      }
    }
  }

 private:
  int fd_;
};

// Starts `syndicated once` in `root` (output to once.log) and returns its pid.
pid_t StartOnce(const fs::path& root, const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args = {SYND_BINARY, "once", "-c", (root / "syndicated.yaml").string()};
  args.insert(args.end(), extra.begin(), extra.end());
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int fd = ::open((root / "once.log").c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    ::dup2(fd, 1);
    ::dup2(fd, 2);
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return pid;
}

int Wait(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void MakeRoot(const fs::path& root, const fs::path& corpus_inbox) {
  fs::create_directories(root);
  fs::copy(corpus_inbox, root / "inbox",
           fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  // fs::copy does not keep modification times; the reference time must be the corpus's.
  for (const auto& e : fs::directory_iterator(corpus_inbox)) {
    fs::last_write_time(root / "inbox" / e.path().filename(), fs::last_write_time(e.path()));
  }
  std::ofstream(root / "syndicated.yaml") << kConfig;
}

testing::StoreSnapshot Take(const fs::path& root) {
  return testing::TakeSnapshot(root / "state" / SqliteStore::kFileName);
}

TEST(OnceCrash, SigkillAtRandomMomentsNeitherLosesNorDoublesAnything) {
  TempDir dir;
  const fs::path corpus = dir / "corpus";
  const std::string gen = std::string("/usr/bin/python3 ") + SYND_SOURCE_DIR +
                          "/bench/gen_corpus.py " + corpus.string() +
                          " --articles 900 --per-file 3 --seed 7";
  ASSERT_EQ(std::system(gen.c_str()), 0) << gen;
  const std::size_t inputs = CountFiles(corpus / "inbox");
  ASSERT_GT(inputs, 200u);

  MakeRoot(dir / "clean", corpus / "inbox");
  ASSERT_EQ(Wait(StartOnce(dir / "clean")), 0) << testing::ReadFile(dir / "clean" / "once.log");
  const testing::StoreSnapshot expected = Take(dir / "clean");
  ASSERT_GT(expected.stories.size(), 400u);

  const fs::path root = dir / "crashed";
  MakeRoot(root, corpus / "inbox");
  std::mt19937 rng(20250422);
  int killed_mid_run = 0;
  fs::create_directories(root / "done");
  ArrivalCounter arrivals(root / "done");
  ASSERT_TRUE(arrivals.ok());
  for (int round = 0; round < 30; ++round) {
    arrivals.Take();
    const pid_t pid = StartOnce(root, {"--commit-every", std::to_string(1 + rng() % 4)});
    // Kill once a random number of further files is moved (or at once), plus a random delay of
    // up to 3 ms so that kills land inside commits, moves and parsing alike.
    const std::size_t wait_for = rng() % 12;
    std::size_t moved = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while ((moved += arrivals.Take()) < wait_for && std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (::waitpid(pid, &status, WNOHANG) == pid) break;
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    std::this_thread::sleep_for(std::chrono::microseconds(rng() % 3000));
    if (::kill(pid, SIGKILL) == 0) ++killed_mid_run;
    Wait(pid);
  }
  EXPECT_GT(killed_mid_run, 20);
  ASSERT_EQ(Wait(StartOnce(root)), 0) << testing::ReadFile(root / "once.log");

  EXPECT_EQ(CountFiles(root / "inbox"), 0u);
  EXPECT_EQ(CountFiles(root / "failed"), 0u);
  std::set<std::string> done;
  for (const auto& e : fs::directory_iterator(root / "done")) done.insert(e.path().filename());
  std::set<std::string> originals;
  for (const auto& e : fs::directory_iterator(corpus / "inbox")) {
    originals.insert(e.path().filename());
  }
  EXPECT_EQ(done, originals) << "each file moved exactly once, under its own name";
  const testing::StoreSnapshot got = Take(root);
  EXPECT_EQ(got.files, static_cast<std::int64_t>(inputs));
  EXPECT_EQ(got.stories.size(), expected.stories.size());
  EXPECT_EQ(got.events.size(), expected.events.size());
  EXPECT_EQ(testing::Missing(expected.stories, got.stories), "") << "stories lost or changed";
  EXPECT_EQ(testing::Missing(got.stories, expected.stories), "") << "stories doubled or changed";
  EXPECT_EQ(testing::Missing(expected.events, got.events), "") << "events lost";
  EXPECT_EQ(testing::Missing(got.events, expected.events), "") << "events doubled";
}

}  // namespace
}  // namespace synd

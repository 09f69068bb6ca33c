// bench/latency's probe (issue [4/6]): starts `syndicated run` in a fresh folder, renames dumps
// into its inbox at a fixed rate and measures, for each, the time from the rename to the moment
// the feed file holding the story is in place (inotify on the output folder, then a read to
// check the story is there). Then a burst: N files renamed in at once, timed until all are in
// done/. Prints one JSON object. Not a test: numbers only.
#include <fcntl.h>
#include <signal.h>
#include <sys/inotify.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

std::string Article(int index, const std::string& tag) {
  std::mt19937 rng(static_cast<unsigned>(index) * 2654435761u + 7u);
  static const char* kSyllables[] = {"ka", "lo", "mi", "ne", "su", "ta", "ri", "po",
                                     "ve", "zu", "do", "fa", "gi", "hu", "je", "wo"};
  auto word = [&] {
    std::string w;
    for (int i = 0; i < 3; ++i) w += kSyllables[rng() % 16];
    return w;
  };
  std::string text = tag + " " + std::to_string(index) + " " + word() + " " + word() + "\n\n";
  for (int p = 0; p < 6; ++p) {
    for (int w = 0; w < 40; ++w) text += word() + (w == 39 ? ".\n" : " ");
  }
  return text;
}

void Write(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// Reads `path` into a buffer kept between calls (a fresh buffer per read costs page faults
// that would count as latency) and looks for `needle`.
bool Contains(const fs::path& path, const std::string& needle) {
  static std::string bytes;
  bytes.clear();
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  char chunk[65536];
  for (;;) {
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n <= 0) break;
    bytes.append(chunk, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return bytes.find(needle) != std::string::npos;
}

std::size_t Count(const fs::path& dir) {
  std::size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir)) n += e.is_regular_file() ? 1 : 0;
  return n;
}

pid_t StartDaemon(const std::string& binary, const fs::path& dir) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::chdir(dir.c_str());
    std::FILE* log = std::freopen("daemon.log", "w", stderr);
    (void)log;
    ::execl(binary.c_str(), binary.c_str(), "run", "-c", "syndicated.yaml", nullptr);
    ::_exit(127);
  }
  return pid;
}

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const std::size_t i = std::min(v.size() - 1, static_cast<std::size_t>(p * v.size()));
  return v[i];
}

// Waits for `feed` to be replaced with bytes holding `needle`; returns the time it happened.
// Reads the feed only when an event names it: the daemon's temporaries come and go in the same
// folder, and reading the whole feed for each of them would delay noticing the one that counts.
Clock::time_point WaitForFeed(int inotify, const fs::path& feed, const std::string& needle) {
  alignas(inotify_event) char buf[8192];
  const std::string name = feed.filename().string();
  if (Contains(feed, needle)) return Clock::now();
  for (;;) {
    const ssize_t n = ::read(inotify, buf, sizeof buf);  // blocks until something is renamed in
    // A failed read or a lost event (queue overflow) falls back to looking at the feed.
    bool named = n < 0;
    for (ssize_t offset = 0; offset + static_cast<ssize_t>(sizeof(inotify_event)) <= n;) {
      const auto* event = reinterpret_cast<const inotify_event*>(buf + offset);
      if ((event->mask & IN_Q_OVERFLOW) || (event->len > 0 && name == event->name)) named = true;
      offset += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
    }
    if (named && Contains(feed, needle)) return Clock::now();
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: latency_probe SYNDICATED DIR FILES [RATE] [BURST]\n");
    return 2;
  }
  const std::string binary = fs::absolute(argv[1]);
  const fs::path dir = argv[2];
  const int files = std::atoi(argv[3]);
  const double rate = argc > 4 ? std::atof(argv[4]) : 20.0;
  const int burst = argc > 5 ? std::atoi(argv[5]) : 0;
  fs::create_directories(dir / "staging");
  Write(dir / "syndicated.yaml",
        "site:\n  base_url: http://127.0.0.1:8080/\n  id_authority: bench.example.org\n"
        "http:\n  listen: \"\"\n");
  const pid_t pid = StartDaemon(binary, dir);
  const fs::path feed = dir / "var/feeds/all.rss";
  while (!fs::exists(feed)) std::this_thread::sleep_for(std::chrono::milliseconds(5));

  const int inotify = ::inotify_init1(IN_CLOEXEC);
  if (inotify < 0 || ::inotify_add_watch(inotify, (dir / "var/feeds").c_str(), IN_MOVED_TO) < 0) {
    std::perror("latency_probe: watching var/feeds");
    ::kill(pid, SIGTERM);
    return 1;
  }
  std::vector<double> ms;
  const auto period = std::chrono::duration<double>(1.0 / rate);
  auto next = Clock::now();
  for (int i = 0; i < files; ++i) {
    const std::string name = "probe-" + std::to_string(i) + ".txt";
    Write(dir / "staging" / name, Article(i, "Latency probe"));
    std::this_thread::sleep_until(next);
    const auto start = Clock::now();
    fs::rename(dir / "staging" / name, dir / "var/inbox" / name);
    const auto seen = WaitForFeed(inotify, feed, "Latency probe " + std::to_string(i) + " ");
    ms.push_back(std::chrono::duration<double, std::milli>(seen - start).count());
    next = start + std::chrono::duration_cast<Clock::duration>(period);
  }

  double burst_seconds = 0;
  if (burst > 0) {
    fs::create_directories(dir / "burst");
    for (int i = 0; i < burst; ++i) {
      Write(dir / "burst" / ("burst-" + std::to_string(i) + ".txt"), Article(100000 + i, "Burst"));
    }
    const std::size_t done_before = Count(dir / "var/done");
    const auto start = Clock::now();
    for (int i = 0; i < burst; ++i) {
      const std::string name = "burst-" + std::to_string(i) + ".txt";
      fs::rename(dir / "burst" / name, dir / "var/inbox" / name);
    }
    while (Count(dir / "var/done") < done_before + static_cast<std::size_t>(burst)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    burst_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  }
  ::kill(pid, SIGTERM);
  int status = 0;
  ::waitpid(pid, &status, 0);
  std::printf(
      "{\"files\": %d, \"rate\": %.1f, \"p50_ms\": %.2f, \"p90_ms\": %.2f, \"p99_ms\": %.2f, "
      "\"max_ms\": %.2f, \"burst_files\": %d, \"burst_seconds\": %.3f, \"exit\": %d}\n",
      files, rate, Percentile(ms, 0.50), Percentile(ms, 0.90), Percentile(ms, 0.99),
      Percentile(ms, 1.0), burst, burst_seconds, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  return 0;
}

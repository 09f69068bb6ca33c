// bench/fanout harness: commits N events to the real SQLite outbox in transactions of B events,
// as ingest does, and lets the real Dispatcher deliver them to W webhooks on the loopback
// receiver (bench/fanout/receiver.cpp, started here). Reports deliveries per second and the
// commit-to-receipt latency (CLOCK_MONOTONIC at commit here, at arrival in the receiver).
//   fanout --receiver PATH --state DIR --events N --webhooks W [--batch B] [--warmup N]
//          [--log-level info]
#include <signal.h>
#include <spawn.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "bench/fanout/bench_outbox.hpp"
#include "bench/fanout/timing_queue.hpp"
#include "daemon/webhook/dispatcher.hpp"

namespace {

using Clock = std::chrono::steady_clock;

struct Args {
  std::string receiver;
  std::filesystem::path state;
  int events = 10000;
  int webhooks = 10;
  int batch = 100;
  std::string log_level = "warn";
  int warmup = 0;  // events delivered first, not measured
};

Args Parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--receiver") a.receiver = v;
    if (k == "--state") a.state = v;
    if (k == "--events") a.events = std::stoi(v);
    if (k == "--webhooks") a.webhooks = std::stoi(v);
    if (k == "--batch") a.batch = std::stoi(v);
    if (k == "--log-level") a.log_level = v;
    if (k == "--warmup") a.warmup = std::stoi(v);
  }
  return a;
}

// Counts delivered attempts; stops the io_context's work when all are in.
class Counter final : public synd::WebhookMetrics {
 public:
  void Expect(int64_t delivered) { expected_ = delivered; }
  void AttemptFinished(std::string_view, std::string_view outcome,
                       std::chrono::microseconds) override {
    if (outcome == "delivered")
      ++delivered_;
    else
      ++other_;
  }
  void QueueDepth(std::string_view, int64_t) override {}
  void Disabled(std::string_view, bool) override {}
  bool done() const { return delivered_ >= expected_; }
  int64_t other() const { return other_; }

 private:
  int64_t expected_ = 0;
  int64_t delivered_ = 0;
  int64_t other_ = 0;
};

struct Receiver {
  pid_t pid = 0;
  int port = 0;
};

Receiver StartReceiver(const std::string& binary, const std::string& log) {
  int out[2];
  if (::pipe(out) != 0) std::exit(1);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  std::vector<char*> argv = {const_cast<char*>(binary.c_str()), const_cast<char*>("--log"),
                             const_cast<char*>(log.c_str()), nullptr};
  Receiver r;
  if (posix_spawn(&r.pid, binary.c_str(), &actions, nullptr, argv.data(), environ) != 0) {
    std::perror("spawning the receiver");
    std::exit(1);
  }
  ::close(out[1]);
  char line[32] = {};
  const ssize_t n = ::read(out[0], line, sizeof line - 1);
  ::close(out[0]);
  r.port = n > 0 ? std::atoi(line) : 0;
  return r;
}

double Percentile(std::vector<double>& values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const std::size_t i = std::min(values.size() - 1, static_cast<std::size_t>(p * values.size()));
  return values[i];
}

std::vector<synd::WebhookConfig> Webhooks(int count, int port) {
  std::vector<synd::WebhookConfig> webhooks;
  for (int i = 0; i < count; ++i) {
    synd::WebhookConfig w;
    w.name = "hook" + std::to_string(i);
    w.url = "http://127.0.0.1:" + std::to_string(port) + "/hook/" + std::to_string(i);
    w.secrets = {"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"};
    w.allow_private = true;
    webhooks.push_back(w);
  }
  return webhooks;
}

using CommitTimes = std::unordered_map<std::string, Clock::time_point>;

// Commits events [first, first + count) in batches on the io_context thread, through the
// connection the dispatcher uses, as `syndicated run` does (one thread owns the store); each commit
// wakes the dispatcher. Runs the io_context until `counter` has seen them all delivered.
// Returns the commit times.
CommitTimes Deliver(const Args& args, int first, int count, synd::bench::BenchOutbox& outbox,
                    boost::asio::io_context& io, synd::Dispatcher& dispatcher, Counter& counter) {
  CommitTimes committed;
  int next = first;
  std::function<void()> commit_batch = [&] {
    const int n = std::min(args.batch, first + count - next);
    std::vector<std::string> ids = outbox.Commit(next, n);
    const Clock::time_point at = Clock::now();
    for (std::string& id : ids) committed.emplace(std::move(id), at);
    next += n;
    dispatcher.Wake();
    // Yield between commits, as the pipeline does between batches of files.
    if (next < first + count) boost::asio::post(io, commit_batch);
  };
  if (count > 0) boost::asio::post(io, commit_batch);
  while (!counter.done() || next < first + count) io.run_one();
  return committed;
}

// Commit-to-arrival latencies of the measured events, from the receiver's log.
std::vector<double> Latencies(const std::string& log, const CommitTimes& committed) {
  std::ifstream in(log);
  std::string id, path;
  long long mono_ns = 0;
  std::vector<double> latency_ms;
  while (in >> id >> path >> mono_ns) {
    auto it = committed.find(id);
    if (it == committed.end()) continue;
    const auto commit_ns =
        std::chrono::duration_cast<std::chrono::nanoseconds>(it->second.time_since_epoch()).count();
    latency_ms.push_back(static_cast<double>(mono_ns - commit_ns) / 1e6);
  }
  return latency_ms;
}

double CpuSeconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
  const Args args = Parse(argc, argv);
  spdlog::set_level(spdlog::level::from_str(args.log_level));
  rlimit files{};
  ::getrlimit(RLIMIT_NOFILE, &files);
  files.rlim_cur = files.rlim_max;
  ::setrlimit(RLIMIT_NOFILE, &files);
  std::filesystem::remove_all(args.state);
  std::filesystem::create_directories(args.state);
  const std::string log = (args.state / "arrivals.txt").string();
  const Receiver receiver = StartReceiver(args.receiver, log);
  auto outbox = synd::bench::BenchOutbox::Open(args.state);
  boost::asio::io_context io;
  Counter counter;
  synd::bench::TimingQueue timing(outbox->queue());
  synd::Dispatcher dispatcher(io, timing, Webhooks(args.webhooks, receiver.port), &counter);
  if (synd::Status s = dispatcher.Start(); !s.ok()) {
    std::fprintf(stderr, "fanout: %s\n", s.message().c_str());
    return 1;
  }
  // Warm-up events open the connections a running daemon would already hold.
  counter.Expect(int64_t{args.warmup} * args.webhooks);
  Deliver(args, 0, args.warmup, *outbox, io, dispatcher, counter);
  counter.Expect(int64_t{args.warmup + args.events} * args.webhooks);
  const double cpu_before = CpuSeconds();
  const Clock::time_point started = Clock::now();
  const CommitTimes committed =
      Deliver(args, args.warmup, args.events, *outbox, io, dispatcher, counter);
  const double wall = std::chrono::duration<double>(Clock::now() - started).count();
  const double cpu_s = CpuSeconds() - cpu_before;
  bool stopped = false;
  dispatcher.Shutdown(std::chrono::seconds(1), [&] { stopped = true; });
  while (!stopped) io.run_one();
  ::kill(receiver.pid, SIGTERM);
  ::waitpid(receiver.pid, nullptr, 0);

  std::vector<double> latency_ms = Latencies(log, committed);
  const double deliveries = static_cast<double>(args.events) * args.webhooks;
  std::printf(
      "events=%d webhooks=%d warmup=%d deliveries=%.0f received=%zu non_2xx=%lld seconds=%.3f "
      "deliveries_per_s=%.0f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f cpu_us_per_delivery=%.1f\n",
      args.events, args.webhooks, args.warmup, deliveries, latency_ms.size(),
      static_cast<long long>(counter.other()), wall, deliveries / wall,
      Percentile(latency_ms, 0.50), Percentile(latency_ms, 0.99), Percentile(latency_ms, 1.0),
      cpu_s * 1e6 / deliveries);
  return latency_ms.size() >= deliveries ? 0 : 1;
}

// Test support for end-to-end tests: runs the real `syndicated` binary (or any program) as a
// child process with its output in a log file, a NOTIFY_SOCKET of the test's own, signals, and
// polling with a deadline instead of sleeps.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace synd::testing {

// Polls `done` every millisecond until it holds; false when `deadline` passed first.
bool WaitFor(const std::function<bool()>& done,
             std::chrono::milliseconds deadline = std::chrono::seconds(10));

struct CommandResult {
  int exit_code = -1;  // 128 + signal when killed
  std::string output;  // stdout and stderr together
};

// Runs `args` (args[0] is the program path) in `cwd` and waits for it.
CommandResult RunCommand(const std::vector<std::string>& args, const std::filesystem::path& cwd);

// The syndicated daemon (or another long-running command) as a child process.
class ChildProcess {
 public:
  // `dir` is the child's working directory; its output goes to dir/<log_name>, and it gets
  // NOTIFY_SOCKET=dir/notify.sock (bound by this object) unless `notify` is false.
  explicit ChildProcess(std::filesystem::path dir, std::string log_name = "daemon.log");
  ~ChildProcess();  // SIGKILLs the child if it still runs
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Starts SYND_BINARY with `args` (e.g. {"run", "-c", "syndicated.yaml"}).
  bool Start(const std::vector<std::string>& args, const std::vector<std::string>& env = {});
  pid_t pid() const { return pid_; }
  bool running();

  // sd_notify messages received so far (one datagram each) and a wait for one containing `text`.
  // A thread reads the socket all along, as systemd does, so the child never blocks on it.
  std::vector<std::string> notifications();
  bool WaitForNotification(const std::string& text,
                           std::chrono::milliseconds deadline = std::chrono::seconds(15));

  void Signal(int signal);
  // The exit status once it exits (128 + signal when killed), or nullopt at the deadline.
  std::optional<int> WaitExit(std::chrono::milliseconds deadline = std::chrono::seconds(15));
  void Kill();  // SIGKILL and reap

  std::string Log() const;
  // The HTTP port from the daemon's "http on port N" ready line, or 0.
  int HttpPort() const;

 private:
  void ReadNotifications();

  std::filesystem::path dir_;
  std::string log_name_;
  int notify_fd_ = -1;
  pid_t pid_ = -1;
  std::optional<int> exit_code_;
  std::mutex mu_;
  std::vector<std::string> notifications_;
  std::thread reader_;
  bool stop_reader_ = false;
};

// A minimal HTTP/1.1 GET over loopback; returns the status code and body ("" on failure).
struct HttpReply {
  int status = 0;
  std::string headers;
  std::string body;
};
HttpReply HttpGet(int port, const std::string& target);

}  // namespace synd::testing

#include "tests/support/process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <charconv>
#include <cstring>
#include <string_view>
#include <thread>

#include "tests/support/temp_dir.hpp"

namespace synd::testing {
namespace {

int StatusCode(int status) {
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

pid_t Spawn(const std::vector<std::string>& args, const std::filesystem::path& cwd,
            const std::filesystem::path& log, const std::vector<std::string>& env) {
  const pid_t pid = ::fork();
  if (pid != 0) return pid;
  const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  ::dup2(fd, 1);
  ::dup2(fd, 2);
  if (::chdir(cwd.c_str()) != 0) ::_exit(126);
  for (const std::string& kv : env) ::putenv(const_cast<char*>(kv.c_str()));
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  ::execv(argv[0], argv.data());
  ::_exit(127);
}

}  // namespace

bool WaitFor(const std::function<bool()>& done, std::chrono::milliseconds deadline) {
  const auto stop_at = std::chrono::steady_clock::now() + deadline;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= stop_at) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

CommandResult RunCommand(const std::vector<std::string>& args, const std::filesystem::path& cwd) {
  TempDir scratch;
  const std::filesystem::path log = scratch / "out.log";
  const pid_t pid = Spawn(args, cwd, log, {});
  int status = 0;
  ::waitpid(pid, &status, 0);
  return CommandResult{StatusCode(status), ReadFile(log)};
}

ChildProcess::ChildProcess(std::filesystem::path dir, std::string log_name)
    : dir_(std::move(dir)), log_name_(std::move(log_name)) {
  notify_fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  const std::string path = (dir_ / "notify.sock").string();
  EXPECT_LT(path.size(), sizeof addr.sun_path) << path;
  std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
  ::unlink(path.c_str());
  EXPECT_EQ(::bind(notify_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0)
      << std::strerror(errno);
  reader_ = std::thread([this] { ReadNotifications(); });
}

ChildProcess::~ChildProcess() {
  Kill();
  {
    std::lock_guard lock(mu_);
    stop_reader_ = true;
  }
  reader_.join();
  if (notify_fd_ >= 0) ::close(notify_fd_);
}

bool ChildProcess::Start(const std::vector<std::string>& args,
                         const std::vector<std::string>& env) {
  std::vector<std::string> argv = {SYND_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<std::string> environment = {"NOTIFY_SOCKET=" + (dir_ / "notify.sock").string()};
  environment.insert(environment.end(), env.begin(), env.end());
  exit_code_.reset();
  pid_ = Spawn(argv, dir_, dir_ / log_name_, environment);
  return pid_ > 0;
}

bool ChildProcess::running() {
  if (pid_ <= 0 || exit_code_) return false;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) == pid_) {
    exit_code_ = StatusCode(status);
    return false;
  }
  return true;
}

void ChildProcess::ReadNotifications() {
  char buf[4096];
  for (;;) {
    pollfd pfd{notify_fd_, POLLIN, 0};
    (void)::poll(&pfd, 1, 5);
    std::lock_guard lock(mu_);
    if (stop_reader_) return;
    for (ssize_t n; (n = ::recv(notify_fd_, buf, sizeof buf, 0)) > 0;) {
      notifications_.emplace_back(buf, static_cast<std::size_t>(n));
    }
  }
}

std::vector<std::string> ChildProcess::notifications() {
  std::lock_guard lock(mu_);
  return notifications_;
}

bool ChildProcess::WaitForNotification(const std::string& text,
                                       std::chrono::milliseconds deadline) {
  return WaitFor(
      [&] {
        for (const std::string& n : notifications()) {
          if (n.find(text) != std::string::npos) return true;
        }
        return false;
      },
      deadline);
}

void ChildProcess::Signal(int signal) {
  if (running()) ::kill(pid_, signal);
}

std::optional<int> ChildProcess::WaitExit(std::chrono::milliseconds deadline) {
  WaitFor([&] { return !running(); }, deadline);
  return exit_code_;
}

void ChildProcess::Kill() {
  if (!running()) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  exit_code_ = StatusCode(status);
}

std::string ChildProcess::Log() const {
  std::error_code ec;
  if (!std::filesystem::exists(dir_ / log_name_, ec)) return "";
  return ReadFile(dir_ / log_name_);
}

// Plain string search, not std::regex: g++ 12 warns inside <regex> under the sanitizers, and
// warnings are errors.
int ChildProcess::HttpPort() const {
  constexpr std::string_view kReady = "http on port ";
  const std::string log = Log();
  const std::size_t at = log.find(kReady);
  if (at == std::string::npos) return 0;
  int port = 0;
  const char* digits = log.data() + at + kReady.size();
  const auto [end, error] = std::from_chars(digits, log.data() + log.size(), port);
  return error == std::errc() && end != digits ? port : 0;
}

HttpReply HttpGet(int port, const std::string& target) {
  HttpReply reply;
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return reply;
  }
  const std::string request =
      "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  (void)::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  std::string raw;
  char buf[65536];
  for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) raw.append(buf, n);
  ::close(fd);
  const std::size_t split = raw.find("\r\n\r\n");
  if (raw.size() < 12 || split == std::string::npos) return reply;
  reply.status = std::atoi(raw.c_str() + 9);
  reply.headers = raw.substr(0, split);
  reply.body = raw.substr(split + 4);
  return reply;
}

}  // namespace synd::testing

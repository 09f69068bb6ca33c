// bench/fanout receiver: a minimal HTTP/1.1 server on 127.0.0.1 that answers every request with
// 200 at once, over keep-alive connections, on one epoll thread. With --log FILE it notes each
// request's webhook-id, path and CLOCK_MONOTONIC arrival time, and writes them to FILE on SIGTERM
// or SIGINT. Prints its port on stdout. Built to be faster than the dispatcher it measures; its
// own limit is measured with wrk in the same run (bench/fanout/run).
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace {

constexpr std::string_view kResponse = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";

struct Arrival {
  std::string id;
  std::string path;
  int64_t mono_ns;
};

int64_t MonoNs() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
}

// Case-insensitive search for "\r\n<name>:" in the header block; returns the trimmed value.
std::string_view Header(std::string_view head, std::string_view name) {
  for (std::size_t pos = head.find("\r\n"); pos != std::string_view::npos;
       pos = head.find("\r\n", pos + 2)) {
    const std::string_view line = head.substr(pos + 2, head.find("\r\n", pos + 2) - pos - 2);
    if (line.size() <= name.size() || line[name.size()] != ':') continue;
    if (strncasecmp(line.data(), name.data(), name.size()) != 0) continue;
    std::string_view value = line.substr(name.size() + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    return value;
  }
  return {};
}

struct Connection {
  std::string in;
  std::string out;
};

class Server {
 public:
  Server(int listener, bool log) : listener_(listener), log_(log) {}

  // Handles complete requests in c.in; returns false when the request stream is malformed.
  bool Consume(Connection& c) {
    for (;;) {
      const std::size_t head_end = c.in.find("\r\n\r\n");
      if (head_end == std::string::npos) return true;
      const std::string_view head(c.in.data(), head_end);
      const std::string_view length_text = Header(head, "content-length");
      const std::size_t length =
          length_text.empty() ? 0 : std::strtoul(std::string(length_text).c_str(), nullptr, 10);
      if (c.in.size() < head_end + 4 + length) return true;
      if (log_) {
        const std::size_t sp1 = head.find(' ');
        const std::size_t sp2 = head.find(' ', sp1 + 1);
        if (sp1 == std::string_view::npos || sp2 == std::string_view::npos) return false;
        arrivals_.push_back({std::string(Header(head, "webhook-id")),
                             std::string(head.substr(sp1 + 1, sp2 - sp1 - 1)), MonoNs()});
      }
      c.out.append(kResponse);
      c.in.erase(0, head_end + 4 + length);
    }
  }

  const std::vector<Arrival>& arrivals() const { return arrivals_; }
  int listener() const { return listener_; }

 private:
  int listener_;
  bool log_;
  std::vector<Arrival> arrivals_;
};

int Listen(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  const int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, 4096) != 0) {
    std::perror("receiver: bind/listen");
    std::exit(1);
  }
  return fd;
}

void WriteLog(const std::vector<Arrival>& arrivals, const char* file) {
  FILE* out = std::fopen(file, "w");
  if (out == nullptr) {
    std::perror(file);
    return;
  }
  for (const Arrival& a : arrivals) {
    std::fprintf(out, "%s %s %lld\n", a.id.c_str(), a.path.c_str(),
                 static_cast<long long>(a.mono_ns));
  }
  std::fclose(out);
}

void Accept(int epoll, int listener, std::unordered_map<int, Connection>& connections) {
  for (;;) {
    const int fd = ::accept4(listener, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) return;
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = fd;
    ::epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &ev);
    connections[fd];
  }
}

// Reads what is there, answers complete requests; false when the connection should close.
bool Serve(Server& server, int fd, Connection& c) {
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n == 0) return false;
    if (n < 0) {
      if (errno != EAGAIN) return false;
      break;
    }
    c.in.append(buffer, static_cast<std::size_t>(n));
  }
  if (!server.Consume(c)) return false;
  while (!c.out.empty()) {
    const ssize_t n = ::send(fd, c.out.data(), c.out.size(), MSG_NOSIGNAL);
    if (n <= 0) return n < 0 && errno == EAGAIN;  // the peer reads slowly: a benchmark bug
    c.out.erase(0, static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  int port = 0;
  const char* log_file = nullptr;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--port") == 0) port = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--log") == 0) log_file = argv[i + 1];
  }
  rlimit files{};
  ::getrlimit(RLIMIT_NOFILE, &files);
  files.rlim_cur = files.rlim_max;
  ::setrlimit(RLIMIT_NOFILE, &files);

  const int listener = Listen(port);
  sockaddr_in bound{};
  socklen_t len = sizeof bound;
  ::getsockname(listener, reinterpret_cast<sockaddr*>(&bound), &len);
  std::printf("%d\n", ntohs(bound.sin_port));
  std::fflush(stdout);

  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGTERM);
  sigaddset(&mask, SIGINT);
  ::sigprocmask(SIG_BLOCK, &mask, nullptr);
  const int signals = ::signalfd(-1, &mask, SFD_CLOEXEC);

  const int epoll = ::epoll_create1(EPOLL_CLOEXEC);
  for (int fd : {listener, signals}) {
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = fd;
    ::epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &ev);
  }
  Server server(listener, log_file != nullptr);
  std::unordered_map<int, Connection> connections;
  std::vector<epoll_event> events(1024);
  for (bool running = true; running;) {
    const int n = ::epoll_wait(epoll, events.data(), static_cast<int>(events.size()), -1);
    for (int i = 0; i < n; ++i) {
      const int fd = events[i].data.fd;
      if (fd == signals) {
        running = false;
      } else if (fd == listener) {
        Accept(epoll, listener, connections);
      } else if (!Serve(server, fd, connections[fd])) {
        ::close(fd);
        connections.erase(fd);
      }
    }
  }
  if (log_file != nullptr) WriteLog(server.arrivals(), log_file);
  return 0;
}

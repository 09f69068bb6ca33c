#include "daemon/webhook/http_client.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <array>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <cstring>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "daemon/webhook/curl_socket_loop.hpp"
#include "feeds/webhook/address_policy.hpp"

namespace synd {
namespace {

constexpr std::chrono::milliseconds kMaxConnectTimeout{10000};
constexpr std::size_t kIdleHandles = 256;
constexpr std::chrono::milliseconds kMaxWait{1000};

// io_context-thread state shared with posted completions: a completion whose epoch is older
// than the current one belongs to an aborted transfer and is dropped.
// It also counts the transfers whose handler is still to run, and holds the io_context's work
// guard while there are any, so io_context::run() does not return under a transfer in flight.
struct Liveness {
  explicit Liveness(boost::asio::io_context& io) : io(io) {}
  void Track() {
    if (outstanding++ == 0) guard.emplace(io.get_executor());
  }
  void Untrack() {
    if (--outstanding == 0) guard.reset();
  }
  boost::asio::io_context& io;
  bool alive = true;
  uint64_t epoch = 0;
  std::size_t outstanding = 0;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> guard;
};

struct Transfer {
  HttpPost request;
  HttpClient::Handler handler;
  uint64_t epoch = 0;
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  std::string refused;  // set when the open-socket callback refuses the address
  std::array<char, CURL_ERROR_SIZE> error{};
};

struct Completion {
  HttpClient::Handler handler;
  HttpOutcome outcome;
  uint64_t epoch;
};

std::string AddressText(const curl_sockaddr& address) {
  std::array<char, INET6_ADDRSTRLEN> text{};
  if (address.family == AF_INET) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(&address.addr);
    ::inet_ntop(AF_INET, &in->sin_addr, text.data(), text.size());
  } else if (address.family == AF_INET6) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&address.addr);
    ::inet_ntop(AF_INET6, &in6->sin6_addr, text.data(), text.size());
  }
  return text.data();
}

// Returns "" when the address may be connected to, else the reason it may not.
std::string CheckAddress(const curl_sockaddr& address) {
  AddressRange range = AddressRange::kReserved;
  if (address.family == AF_INET) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(&address.addr);
    std::array<uint8_t, 4> bytes{};
    std::memcpy(bytes.data(), &in->sin_addr, bytes.size());
    range = ClassifyIpv4(bytes);
  } else if (address.family == AF_INET6) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&address.addr);
    std::array<uint8_t, 16> bytes{};
    std::memcpy(bytes.data(), &in6->sin6_addr, bytes.size());
    range = ClassifyIpv6(bytes);
  }
  if (range == AddressRange::kPublic) return "";
  return "refused to connect to " + AddressText(address) + ", a " + AddressRangeName(range) +
         " address (set allow_private to permit it)";
}

curl_socket_t OpenSocket(void* clientp, curlsocktype /*purpose*/, curl_sockaddr* address) {
  auto* transfer = static_cast<Transfer*>(clientp);
  if (!transfer->request.allow_private) {
    std::string refused = CheckAddress(*address);
    if (!refused.empty()) {
      transfer->refused = std::move(refused);
      return CURL_SOCKET_BAD;
    }
  }
  return ::socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
}

size_t DiscardBody(char* /*data*/, size_t size, size_t count, void* /*user*/) {
  return size * count;
}

void InitCurlOnce() {
  static const CURLcode rc = curl_global_init(CURL_GLOBAL_DEFAULT);
  (void)rc;
}

}  // namespace

// Owns the multi handle and the curl thread. Fields under `mu_` are the hand-off between threads;
// everything else after construction belongs to the curl thread, except `live_` (io thread).
class HttpClient::Engine {
 public:
  Engine(boost::asio::io_context& io, std::string user_agent)
      : io_(io), user_agent_(std::move(user_agent)), live_(std::make_shared<Liveness>(io)) {
    InitCurlOnce();
    multi_ = curl_multi_init();
    curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, 1024L);
    // Transfers that may reach private addresses keep their own connection cache, so a
    // connection they opened can never be reused by a webhook that must not reach it.
    private_share_ = curl_share_init();
    curl_share_setopt(private_share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT);
    loop_ = std::make_unique<CurlSocketLoop>(multi_);
    thread_ = std::thread([this] { Run(); });
  }

  ~Engine() {
    live_->alive = false;
    live_->guard.reset();
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    loop_->Wake();
    thread_.join();
    // Both caches close their connections through the loop's close callback: loop last.
    curl_multi_cleanup(multi_);
    curl_share_cleanup(private_share_);
    loop_.reset();
  }

  void Post(HttpPost request, Handler handler) {
    auto transfer = std::make_unique<Transfer>();
    transfer->request = std::move(request);
    transfer->handler = std::move(handler);
    transfer->epoch = live_->epoch;
    live_->Track();
    bool was_empty = false;
    {
      std::lock_guard lock(mu_);
      was_empty = incoming_.empty();
      incoming_.push_back(std::move(transfer));
    }
    // The curl thread takes the whole list at once, so one wake-up per batch is enough.
    if (was_empty) loop_->Wake();
  }

  void AbortAll() {
    ++live_->epoch;
    live_->outstanding = 0;
    live_->guard.reset();
    {
      std::lock_guard lock(mu_);
      abort_before_ = live_->epoch;
    }
    loop_->Wake();
  }

 private:
  void Run();
  bool TakeIncoming(std::vector<std::unique_ptr<Transfer>>& out, uint64_t& abort_before);
  void Start(std::unique_ptr<Transfer> transfer);
  void Configure(Transfer& t);
  void RemoveOlderThan(uint64_t epoch);
  void CollectDone();
  HttpOutcome Finish(Transfer& t, CURLcode code);
  void Release(Transfer& t);

  boost::asio::io_context& io_;
  const std::string user_agent_;
  std::shared_ptr<Liveness> live_;
  CURLM* multi_ = nullptr;
  CURLSH* private_share_ = nullptr;
  std::unique_ptr<CurlSocketLoop> loop_;
  std::thread thread_;

  std::mutex mu_;
  std::vector<std::unique_ptr<Transfer>> incoming_;
  uint64_t abort_before_ = 0;
  bool stop_ = false;

  // Curl thread only.
  std::unordered_map<Transfer*, std::unique_ptr<Transfer>> active_;
  std::vector<CURL*> idle_;
  uint64_t aborted_before_ = 0;
};

void HttpClient::Engine::Run() {
  std::vector<std::unique_ptr<Transfer>> arrived;
  for (;;) {
    uint64_t abort_before = 0;
    if (!TakeIncoming(arrived, abort_before)) break;
    if (abort_before > aborted_before_) {
      aborted_before_ = abort_before;
      RemoveOlderThan(abort_before);
    }
    for (auto& transfer : arrived) {
      if (transfer->epoch >= aborted_before_) Start(std::move(transfer));
    }
    arrived.clear();
    CollectDone();
    loop_->RunOnce(kMaxWait);
    CollectDone();
  }
  RemoveOlderThan(UINT64_MAX);
  for (CURL* easy : idle_) curl_easy_cleanup(easy);
  idle_.clear();
}

bool HttpClient::Engine::TakeIncoming(std::vector<std::unique_ptr<Transfer>>& out,
                                      uint64_t& abort_before) {
  std::lock_guard lock(mu_);
  if (stop_) return false;
  out.swap(incoming_);
  abort_before = abort_before_;
  return true;
}

void HttpClient::Engine::Start(std::unique_ptr<Transfer> transfer) {
  if (idle_.empty()) {
    transfer->easy = curl_easy_init();
  } else {
    transfer->easy = idle_.back();
    idle_.pop_back();
    curl_easy_reset(transfer->easy);
  }
  Configure(*transfer);
  curl_multi_add_handle(multi_, transfer->easy);
  Transfer* key = transfer.get();
  active_.emplace(key, std::move(transfer));
}

void HttpClient::Engine::Configure(Transfer& t) {
  CURL* e = t.easy;
  const HttpPost& r = t.request;
  t.headers = curl_slist_append(t.headers, "Content-Type: application/json");
  t.headers = curl_slist_append(t.headers, "Expect:");  // no 100-continue round trip
  for (const std::string& h : r.headers) t.headers = curl_slist_append(t.headers, h.c_str());
  curl_easy_setopt(e, CURLOPT_PRIVATE, &t);
  curl_easy_setopt(e, CURLOPT_URL, r.url.c_str());
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, t.headers);
  curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size()));
  curl_easy_setopt(e, CURLOPT_POSTFIELDS, r.body.data());
  curl_easy_setopt(e, CURLOPT_USERAGENT, user_agent_.c_str());
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(r.timeout.count()));
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(std::min(r.timeout, kMaxConnectTimeout).count()));
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_PROXY, "");  // a proxy would connect on our behalf, unchecked
  curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, &OpenSocket);
  curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, &t);
  curl_easy_setopt(e, CURLOPT_CLOSESOCKETFUNCTION, &CurlSocketLoop::CloseSocket);
  curl_easy_setopt(e, CURLOPT_CLOSESOCKETDATA, loop_.get());
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &DiscardBody);
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t.error.data());
  curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
  // curl_easy_reset keeps a handle's share, so it is set (or cleared) every time.
  curl_easy_setopt(e, CURLOPT_SHARE, r.allow_private ? private_share_ : nullptr);
}

void HttpClient::Engine::RemoveOlderThan(uint64_t epoch) {
  std::vector<Handler> dropped;
  for (auto it = active_.begin(); it != active_.end();) {
    Transfer& transfer = *it->second;
    if (transfer.epoch < epoch) {
      curl_multi_remove_handle(multi_, transfer.easy);
      Release(transfer);
      dropped.push_back(std::move(transfer.handler));
      it = active_.erase(it);
    } else {
      ++it;
    }
  }
  // Handlers may own io-thread state; they are destroyed there, never here. At shutdown the io
  // thread is blocked joining this one, so nothing runs concurrently and destroying here is safe.
  if (!dropped.empty() && epoch != UINT64_MAX) {
    boost::asio::post(io_, [dropped = std::move(dropped)] {});
  }
}

void HttpClient::Engine::CollectDone() {
  std::vector<Completion> done;
  int queued = 0;
  while (CURLMsg* msg = curl_multi_info_read(multi_, &queued)) {
    if (msg->msg != CURLMSG_DONE) continue;
    Transfer* raw = nullptr;
    curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &raw);
    const CURLcode code = msg->data.result;
    curl_multi_remove_handle(multi_, msg->easy_handle);
    done.push_back(Completion{std::move(raw->handler), Finish(*raw, code), raw->epoch});
    Release(*raw);
    active_.erase(raw);
  }
  if (done.empty()) return;
  boost::asio::post(io_, [live = live_, done = std::move(done)]() mutable {
    for (Completion& c : done) {
      if (!live->alive || c.epoch != live->epoch) continue;
      live->Untrack();
      c.handler(std::move(c.outcome));
    }
  });
}

HttpOutcome HttpClient::Engine::Finish(Transfer& t, CURLcode code) {
  HttpOutcome outcome;
  curl_off_t total_us = 0;
  curl_easy_getinfo(t.easy, CURLINFO_TOTAL_TIME_T, &total_us);
  outcome.elapsed = std::chrono::microseconds(total_us);
  if (code == CURLE_OK) {
    long status = 0;
    curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &status);
    outcome.status = static_cast<int>(status);
    curl_header* header = nullptr;
    if (curl_easy_header(t.easy, "Retry-After", 0, CURLH_HEADER, -1, &header) == CURLHE_OK) {
      outcome.retry_after = header->value;
    }
    return outcome;
  }
  if (!t.refused.empty()) {
    outcome.error = t.refused;
  } else {
    outcome.error = curl_easy_strerror(code);
    if (t.error[0] != '\0') outcome.error += std::string(": ") + t.error.data();
  }
  return outcome;
}

void HttpClient::Engine::Release(Transfer& t) {
  curl_slist_free_all(t.headers);
  t.headers = nullptr;
  if (idle_.size() < kIdleHandles) {
    idle_.push_back(t.easy);
  } else {
    curl_easy_cleanup(t.easy);
  }
  t.easy = nullptr;
}

HttpClient::HttpClient(boost::asio::io_context& io, std::string user_agent)
    : engine_(std::make_unique<Engine>(io, std::move(user_agent))) {}

HttpClient::~HttpClient() = default;

void HttpClient::Post(HttpPost request, Handler handler) {
  engine_->Post(std::move(request), std::move(handler));
}

void HttpClient::AbortAll() { engine_->AbortAll(); }

}  // namespace synd

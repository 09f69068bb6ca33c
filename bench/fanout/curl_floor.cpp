// bench/fanout curl floor: libcurl's own throughput for the webhook request (bench/fanout/post.lua)
// with N keep-alive easy handles on one multi handle, re-added on completion as a dispatcher does,
// and nothing else (no signing, no store), so libcurl's per-transfer cost can be told from ours.
//   fanout_curl_floor --url URL [--connections N] [--seconds S | --requests N]
#include <curl/curl.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void Fail(const std::string& what, const char* why) {
  std::fprintf(stderr, "fanout_curl_floor: %s: %s\n", what.c_str(), why);
  std::exit(1);
}
void Check(CURLcode c, const char* what) {
  if (c != CURLE_OK) Fail(what, curl_easy_strerror(c));
}
void Check(CURLMcode c, const char* what) {
  if (c != CURLM_OK) Fail(what, curl_multi_strerror(c));
}

size_t Discard(char*, size_t size, size_t n, void*) { return size * n; }

long CpuMicros() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1000000L + u.ru_utime.tv_usec +
         u.ru_stime.tv_usec;
}

struct Args {
  std::string url;
  long connections = 80;
  double seconds = 10;
  long requests = 0;  // 0: run for `seconds` instead
};

Args Parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; i += 2) {
    const std::string flag = argv[i];
    if (i + 1 == argc) Fail(flag, "needs a value");
    const char* value = argv[i + 1];
    if (flag == "--url")
      a.url = value;
    else if (flag == "--connections")
      a.connections = std::atol(value);
    else if (flag == "--seconds")
      a.seconds = std::atof(value);
    else if (flag == "--requests")
      a.requests = std::atol(value);
    else
      Fail(flag, "unknown option");
  }
  if (a.url.empty() || a.connections < 1 || a.seconds <= 0 || a.requests < 0)
    Fail("usage", "--url URL [--connections N] [--seconds S | --requests N]");
  return a;
}

// The daemon's options (daemon/webhook/http_client.cpp) that bear on per-request cost.
CURL* MakeEasy(const std::string& url, const std::string& body, curl_slist* headers) {
  CURL* e = curl_easy_init();
  if (e == nullptr) Fail("curl_easy_init", "failed");
  Check(curl_easy_setopt(e, CURLOPT_URL, url.c_str()), "URL");
  Check(curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers), "HTTPHEADER");
  Check(curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.size())), "SIZE");
  Check(curl_easy_setopt(e, CURLOPT_POSTFIELDS, body.data()), "POSTFIELDS");
  Check(curl_easy_setopt(e, CURLOPT_USERAGENT, "syndicated"), "USERAGENT");
  Check(curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L), "NOSIGNAL");
  Check(curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, 15000L), "TIMEOUT_MS");
  Check(curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, 10000L), "CONNECTTIMEOUT_MS");
  Check(curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L), "FOLLOWLOCATION");
  Check(curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https"), "PROTOCOLS_STR");
  Check(curl_easy_setopt(e, CURLOPT_PROXY, ""), "PROXY");
  Check(curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &Discard), "WRITEFUNCTION");
  Check(curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L), "TCP_KEEPALIVE");
  return e;
}

}  // namespace

int main(int argc, char** argv) {
  const Args args = Parse(argc, argv);
  Check(curl_global_init(CURL_GLOBAL_DEFAULT), "curl_global_init");
  const std::string body = R"({"type":"article.created","timestamp":"2025-03-28T14:05:09Z",)"
                           R"("data":{"content_text":")" +
                           std::string(1900, 'x') + R"("}})";
  curl_slist* headers = nullptr;
  // "Expect:" as the daemon sends it: without it a >1 KB POST waits for a 100-continue.
  for (const char* h : {"Content-Type: application/json", "Expect:",
                        "webhook-id: msg_wrk_baseline_0000000000", "webhook-timestamp: 1743170709",
                        "webhook-signature: v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="})
    if ((headers = curl_slist_append(headers, h)) == nullptr) Fail("curl_slist_append", "failed");
  CURLM* multi = curl_multi_init();
  if (multi == nullptr) Fail("curl_multi_init", "failed");
  std::vector<CURL*> easies;
  long started = 0, done = 0, non_2xx = 0;
  const auto more = [&] { return args.requests == 0 || started < args.requests; };
  for (; started < args.connections && more(); ++started) {
    easies.push_back(MakeEasy(args.url, body, headers));
    Check(curl_multi_add_handle(multi, easies.back()), "curl_multi_add_handle");
  }
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::duration<double>(args.seconds);
  const long cpu_start = CpuMicros();
  // curl_multi_perform + curl_multi_poll: one poll over all sockets per round, which measured
  // faster here than curl_multi_socket_action driven by epoll (see the commit message).
  while (args.requests != 0 ? done < args.requests : Clock::now() < deadline) {
    int running = 0, queued = 0;
    Check(curl_multi_poll(multi, nullptr, 0, 1000, nullptr), "curl_multi_poll");
    Check(curl_multi_perform(multi, &running), "curl_multi_perform");
    while (CURLMsg* msg = curl_multi_info_read(multi, &queued)) {
      if (msg->msg != CURLMSG_DONE) continue;
      Check(msg->data.result, "transfer");
      long status = 0;
      Check(curl_easy_getinfo(msg->easy_handle, CURLINFO_RESPONSE_CODE, &status), "RESPONSE_CODE");
      non_2xx += status < 200 || status > 299;
      ++done;
      Check(curl_multi_remove_handle(multi, msg->easy_handle), "curl_multi_remove_handle");
      if (!more()) continue;
      Check(curl_multi_add_handle(multi, msg->easy_handle), "curl_multi_add_handle");
      ++started;
    }
  }
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  const double cpu = static_cast<double>(CpuMicros() - cpu_start);
  if (done == 0) Fail("run", "no request completed");
  std::printf("requests=%ld seconds=%.2f requests_per_s=%.0f non_2xx=%ld cpu_us_per_request=%.1f\n",
              done, elapsed, static_cast<double>(done) / elapsed, non_2xx,
              cpu / static_cast<double>(done));
  for (CURL* e : easies) {
    Check(curl_multi_remove_handle(multi, e), "curl_multi_remove_handle");
    curl_easy_cleanup(e);
  }
  Check(curl_multi_cleanup(multi), "curl_multi_cleanup");
  curl_slist_free_all(headers);
  curl_global_cleanup();
  return 0;
}

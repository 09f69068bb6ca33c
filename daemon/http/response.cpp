#include "daemon/http/response.hpp"

#include <array>
#include <cassert>
#include <charconv>
#include <chrono>

#include "feeds/model/time.hpp"

namespace synd::http {

std::string_view StatusLine(int code) {
  switch (code) {
    case 200:
      return "HTTP/1.1 200 OK\r\n";
    case 304:
      return "HTTP/1.1 304 Not Modified\r\n";
    case 400:
      return "HTTP/1.1 400 Bad Request\r\n";
    case 404:
      return "HTTP/1.1 404 Not Found\r\n";
    case 405:
      return "HTTP/1.1 405 Method Not Allowed\r\n";
    case 431:
      return "HTTP/1.1 431 Request Header Fields Too Large\r\n";
    case 500:
      return "HTTP/1.1 500 Internal Server Error\r\n";
    case 503:
      return "HTTP/1.1 503 Service Unavailable\r\n";
    default:
      assert(false && "StatusLine: a code the server does not send");
      return "HTTP/1.1 500 Internal Server Error\r\n";
  }
}

void AppendDateLine(std::string& out) {
  thread_local std::chrono::sys_seconds cached_second{};
  thread_local std::string line;
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  if (line.empty() || now != cached_second) {
    cached_second = now;
    line = "Date: " + FormatHttpDate(now) + "\r\n";
  }
  out += line;
}

void AppendContentLength(std::string& out, std::size_t length) {
  std::array<char, 24> digits;
  const auto [end, ec] = std::to_chars(digits.data(), digits.data() + digits.size(), length);
  assert(ec == std::errc());
  out += "Content-Length: ";
  out.append(digits.data(), end);
  out += "\r\n";
}

}  // namespace synd::http

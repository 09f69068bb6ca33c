// Response side of the HTTP server (daemon shell): the header text of every response, appended to
// a connection-owned buffer so that serving a cached file allocates nothing. Pure apart from
// reading the wall clock for the Date line; no I/O.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace synd::http {

// "HTTP/1.1 <code> <reason>\r\n" for the codes the server sends (200, 304, 400, 404, 405, 431,
// 500, 503). REQUIRES: one of those.
std::string_view StatusLine(int code);

// "Date: <IMF-fixdate>\r\n" for the current second; formatted once per second per thread.
void AppendDateLine(std::string& out);

void AppendContentLength(std::string& out, std::size_t length);

// What the server sends when it refuses a connection over its bound, without reading a request.
inline constexpr std::string_view kOverloadedResponse =
    "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
    "Content-Length: 20\r\nRetry-After: 1\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n"
    "too many connections";

}  // namespace synd::http

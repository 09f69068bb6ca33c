// The HTTP listen address (config `http.listen`, DESIGN.md §5): "host:port" or "[v6]:port",
// parsed and resolved to one endpoint (daemon shell, at server start; never per request).
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "feeds/model/status.hpp"

namespace boost::asio {
class io_context;
}

namespace synd::http {

struct ListenAddress {
  std::string host;  // without brackets
  std::uint16_t port = 0;
  bool operator==(const ListenAddress&) const = default;
};

// "127.0.0.1:8080", "[::1]:0", "localhost:80". Errors (kConfig) quote the text: missing or
// non-numeric port, port over 65535, empty host, an IPv6 address without brackets.
Result<ListenAddress> ParseListenAddress(std::string_view text);

// Parses `text`; an IP literal is used as is, a name is resolved (blocking, once) to its first
// address. Errors: kConfig from parsing, kIo when the name does not resolve.
Result<boost::asio::ip::tcp::endpoint> ResolveListenAddress(boost::asio::io_context& io,
                                                            std::string_view text);

}  // namespace synd::http

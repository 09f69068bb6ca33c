#include "daemon/http/listen_address.hpp"

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <charconv>

namespace synd::http {
namespace {

Status Malformed(std::string_view text, std::string_view problem) {
  return Status::Error(ErrorCode::kConfig,
                       "http.listen \"" + std::string(text) + "\": " + std::string(problem));
}

}  // namespace

Result<ListenAddress> ParseListenAddress(std::string_view text) {
  ListenAddress out;
  std::string_view port;
  if (text.starts_with('[')) {
    const auto close = text.find(']');
    if (close == std::string_view::npos) return Malformed(text, "missing ']'");
    out.host = text.substr(1, close - 1);
    if (close + 1 >= text.size() || text[close + 1] != ':') {
      return Malformed(text, "expected ':port' after ']'");
    }
    port = text.substr(close + 2);
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos) return Malformed(text, "expected host:port");
    out.host = text.substr(0, colon);
    if (out.host.find(':') != std::string::npos) {
      return Malformed(text, "an IPv6 address needs brackets: [addr]:port");
    }
    port = text.substr(colon + 1);
  }
  if (out.host.empty()) return Malformed(text, "empty host");
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (port.empty() || ec != std::errc() || end != port.data() + port.size() || value > 65535) {
    return Malformed(text, "port must be a number from 0 to 65535");
  }
  out.port = static_cast<std::uint16_t>(value);
  return out;
}

Result<boost::asio::ip::tcp::endpoint> ResolveListenAddress(boost::asio::io_context& io,
                                                            std::string_view text) {
  auto parsed = ParseListenAddress(text);
  if (!parsed.ok()) return parsed.status();
  boost::system::error_code ec;
  const auto address = boost::asio::ip::make_address(parsed->host, ec);
  if (!ec) return boost::asio::ip::tcp::endpoint(address, parsed->port);
  boost::asio::ip::tcp::resolver resolver(io);
  const auto results = resolver.resolve(parsed->host, std::to_string(parsed->port),
                                        boost::asio::ip::tcp::resolver::numeric_service, ec);
  if (ec || results.empty()) {
    return Status::Io("http.listen \"" + std::string(text) + "\": cannot resolve " + parsed->host +
                      ": " + (ec ? ec.message() : std::string("no address")));
  }
  return results.begin()->endpoint();
}

}  // namespace synd::http

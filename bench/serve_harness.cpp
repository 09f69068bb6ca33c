// Benchmark harness for bench/serve: runs the daemon's HTTP server alone over a folder, so its
// serving speed can be measured (and compared with nginx) without ingest or rendering.
// Usage: serve_harness --dir DIR [--listen 127.0.0.1:0] [--threads N (default: one per CPU)]
//        [--base-url URL] [--sendfile-threshold BYTES]
// Prints "listening on PORT" once bound; stops on SIGINT/SIGTERM. Files are served as the daemon
// serves them: output/<name>.rss at /feeds/<name>.rss, and so on.
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

#include "daemon/http/server.hpp"
#include "daemon/metrics/registry.hpp"

int main(int argc, char** argv) {
  synd::http::ServerOptions options;
  options.listen = "127.0.0.1:0";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view flag = argv[i];
    const char* value = argv[i + 1];
    if (flag == "--dir") {
      options.output_dir = value;
    } else if (flag == "--listen") {
      options.listen = value;
    } else if (flag == "--threads") {
      options.threads = static_cast<unsigned>(std::atoi(value));
    } else if (flag == "--sendfile-threshold") {
      options.sendfile_threshold = static_cast<std::size_t>(std::atoll(value));
    } else if (flag == "--base-url") {
      options.base_url = value;
    } else {
      std::cerr << "serve_harness: unknown flag " << flag << "\n";
      return 2;
    }
  }
  if (options.output_dir.empty()) {
    std::cerr << "usage: serve_harness --dir DIR [--listen HOST:PORT] [--threads N]\n";
    return 2;
  }
  boost::asio::io_context io;
  synd::metrics::Registry registry;
  synd::http::Server server(io, options, registry, [] { return true; });
  if (const synd::Status s = server.Start(); !s.ok()) {
    std::cerr << "serve_harness: " << s.message() << "\n";
    return 1;
  }
  std::cout << "listening on " << server.port() << std::endl;
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code&, int) { server.Stop(); });
  io.run();
  return 0;
}

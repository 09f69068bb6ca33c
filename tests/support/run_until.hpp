// Test support for asynchronous code: run an io_context until a condition holds or a deadline
// passes (Kea's watchdog style; never sleep in tests).
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <functional>

namespace synd::testing {

// Runs handlers on `io` until `done()` is true; false when `deadline` passed first.
inline bool RunUntil(boost::asio::io_context& io, const std::function<bool()>& done,
                     std::chrono::milliseconds deadline = std::chrono::seconds(10)) {
  const auto stop_at = std::chrono::steady_clock::now() + deadline;
  if (io.stopped()) io.restart();
  while (!done()) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= stop_at) return false;
    io.run_one_for(std::min<std::chrono::steady_clock::duration>(stop_at - now,
                                                                 std::chrono::milliseconds(50)));
    if (io.stopped()) io.restart();
  }
  return true;
}

}  // namespace synd::testing

// systemd notification protocol (sd_notify) for the daemon shell: READY, STATUS, RELOADING,
// STOPPING and the watchdog keep-alive. Every call is a no-op when NOTIFY_SOCKET is unset, so
// the daemon runs the same outside systemd. Only the io_context thread calls it.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <string>

namespace synd {

class SystemdNotifier {
 public:
  explicit SystemdNotifier(boost::asio::io_context& io);

  void Ready();
  void Status(const std::string& text);
  // RELOADING=1 with MONOTONIC_USEC, as Type=notify-reload expects; follow with Ready().
  void Reloading();
  void Stopping();

  // Starts WATCHDOG=1 keep-alives at half of WATCHDOG_USEC when systemd set it.
  void StartWatchdog();
  void StopWatchdog();

  // The keep-alive interval, or zero when the watchdog is off.
  std::chrono::microseconds watchdog_interval() const { return interval_; }

 private:
  void Send(const std::string& state);
  void ScheduleKeepAlive();

  boost::asio::steady_timer timer_;
  std::chrono::microseconds interval_{0};
  bool watchdog_running_ = false;
};

}  // namespace synd

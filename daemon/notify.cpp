#include "daemon/notify.hpp"

#include <systemd/sd-daemon.h>
#include <time.h>

namespace synd {

SystemdNotifier::SystemdNotifier(boost::asio::io_context& io) : timer_(io) {}

void SystemdNotifier::Send(const std::string& state) {
  // A failed notification is not worth stopping for: systemd then sees no READY and times the
  // unit out, which says more than a log line could.
  (void)sd_notify(0, state.c_str());
}

void SystemdNotifier::Ready() { Send("READY=1"); }

void SystemdNotifier::Status(const std::string& text) { Send("STATUS=" + text); }

void SystemdNotifier::Reloading() {
  timespec now{};
  ::clock_gettime(CLOCK_MONOTONIC, &now);
  const long long usec = static_cast<long long>(now.tv_sec) * 1000000LL + now.tv_nsec / 1000;
  Send("RELOADING=1\nMONOTONIC_USEC=" + std::to_string(usec));
}

void SystemdNotifier::Stopping() { Send("STOPPING=1"); }

void SystemdNotifier::StartWatchdog() {
  uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) return;
  interval_ = std::chrono::microseconds(usec / 2);
  watchdog_running_ = true;
  Send("WATCHDOG=1");
  ScheduleKeepAlive();
}

void SystemdNotifier::StopWatchdog() {
  watchdog_running_ = false;
  timer_.cancel();
}

void SystemdNotifier::ScheduleKeepAlive() {
  timer_.expires_after(interval_);
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec == boost::asio::error::operation_aborted || !watchdog_running_) return;
    Send("WATCHDOG=1");
    ScheduleKeepAlive();
  });
}

}  // namespace synd

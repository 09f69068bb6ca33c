#include "daemon/logging.hpp"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>

namespace synd {
namespace {

// One record, one line: a message may carry input that a producer chose (a file name can hold a
// newline or a terminal escape), so control characters are written as \xNN and no input can end
// a record early or forge the next one.
class OneLineStderrSink final : public spdlog::sinks::base_sink<std::mutex> {
 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    std::string escaped;
    escaped.reserve(msg.payload.size());
    for (const char c : std::string_view(msg.payload.data(), msg.payload.size())) {
      const auto byte = static_cast<unsigned char>(c);
      if (byte >= 0x20 && byte != 0x7f) {
        escaped += c;
        continue;
      }
      static constexpr char kHex[] = "0123456789abcdef";
      escaped += {'\\', 'x', kHex[byte >> 4], kHex[byte & 0xf]};
    }
    spdlog::details::log_msg line = msg;
    line.payload = spdlog::string_view_t(escaped.data(), escaped.size());
    spdlog::memory_buf_t out;
    formatter_->format(line, out);
    std::fwrite(out.data(), 1, out.size(), stderr);
  }
  void flush_() override { std::fflush(stderr); }
};

}  // namespace

void SetUpLogging(std::string_view level) {
  auto logger =
      std::make_shared<spdlog::logger>("syndicated", std::make_shared<OneLineStderrSink>());
  const bool journal = std::getenv("JOURNAL_STREAM") != nullptr;
  logger->set_pattern(journal ? "%l: %v" : "%Y-%m-%dT%H:%M:%S.%e %l: %v");
  logger->set_level(spdlog::level::from_str(std::string(level)));
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(std::move(logger));
}

}  // namespace synd

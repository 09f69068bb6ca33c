// Logging set-up for the daemon shell (spdlog). One logger writing to stderr: under systemd
// (JOURNAL_STREAM set) lines carry no timestamp, because journald adds its own. Never log a
// secret: webhook secrets stay inside the signer.
#pragma once

#include <string_view>

namespace synd {

// Installs the default logger. `level` is an spdlog level name ("info", "debug", ...).
void SetUpLogging(std::string_view level = "info");

}  // namespace synd

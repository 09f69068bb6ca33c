// Time columns of the SQLite store: Unix seconds, UTC. Store stage, SQLite backend only.
#pragma once

#include <cstdint>

#include "feeds/model/time.hpp"

namespace synd {

inline int64_t UnixSeconds(TimePoint t) { return t.time_since_epoch().count(); }
inline TimePoint FromUnixSeconds(int64_t s) { return TimePoint{std::chrono::seconds{s}}; }

}  // namespace synd

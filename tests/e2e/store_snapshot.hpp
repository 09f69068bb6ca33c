// Test support for crash tests: what must be equal between a run that was killed and restarted
// and a run that was not — the stories (id, revision, updated), the events, the ledger size.
#pragma once

#include <cstdint>
#include <filesystem>
#include <set>
#include <string>

namespace synd::testing {

struct StoreSnapshot {
  std::set<std::string> stories;  // "id revision updated"
  std::multiset<std::string> events;
  std::int64_t files = 0;
  bool operator==(const StoreSnapshot&) const = default;
};

// Reads the store file `db` (fails the test when it cannot).
StoreSnapshot TakeSnapshot(const std::filesystem::path& db);

// The first few elements of `a` that `b` lacks (counting repeats), or "" when there are none.
std::string Missing(const std::set<std::string>& a, const std::set<std::string>& b);
std::string Missing(const std::multiset<std::string>& a, const std::multiset<std::string>& b);

}  // namespace synd::testing

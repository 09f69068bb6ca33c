#include "tests/e2e/store_snapshot.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <vector>

#include "feeds/store/sqlite_store.hpp"

namespace synd::testing {
namespace {

template <typename Set>
std::string MissingIn(const Set& a, const Set& b) {
  std::vector<std::string> only;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(only));
  std::string out;
  for (std::size_t i = 0; i < only.size() && i < 5; ++i) out += only[i] + "; ";
  if (only.size() > 5) out += "and " + std::to_string(only.size() - 5) + " more";
  return out;
}

}  // namespace

StoreSnapshot TakeSnapshot(const std::filesystem::path& db) {
  StoreSnapshot snap;
  auto store = SqliteStore::Open(db);
  EXPECT_TRUE(store.ok()) << store.status().message();
  if (!store.ok()) return snap;
  EXPECT_TRUE((*store)
                  ->ForEachStoryNewestFirst([&](const Story& s) {
                    snap.stories.insert(s.id + " " + std::to_string(s.revision) + " " +
                                        FormatRfc3339(s.updated));
                    return true;
                  })
                  .ok());
  Result<std::vector<Event>> events = (*store)->EventsAfter(0, 1000000);
  EXPECT_TRUE(events.ok());
  if (events.ok()) {
    for (const Event& e : *events) snap.events.insert(e.id);
  }
  snap.files = *(*store)->db().QueryInt("SELECT count(*) FROM files");
  return snap;
}

std::string Missing(const std::set<std::string>& a, const std::set<std::string>& b) {
  return MissingIn(a, b);
}

std::string Missing(const std::multiset<std::string>& a, const std::multiset<std::string>& b) {
  return MissingIn(a, b);
}

}  // namespace synd::testing

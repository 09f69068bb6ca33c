// Test support for the delivery queue's tests: a store file created by SqliteStore (so the outbox
// has the store's own schema), opened on a raw connection that the queue runs on, as
// `syndicated run` shares its store's connection with the queue.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <memory>

#include "feeds/store/sqlite_delivery_queue.hpp"
#include "feeds/store/sqlite_store.hpp"

namespace synd::testing {

// Creates `file` with the store's schema (the delivery tables included), then opens `db` on it
// and the queue on `db`.
inline void OpenOutbox(const std::filesystem::path& file, sqlite3*& db,
                       std::unique_ptr<SqliteDeliveryQueue>& queue) {
  ASSERT_TRUE(SqliteStore::Open(file).ok());
  ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  ASSERT_TRUE(delivery_sql::Exec(db, "PRAGMA busy_timeout=5000").ok());
  auto opened = SqliteDeliveryQueue::Open(db);
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  queue = std::move(opened).value();
}

inline void CloseOutbox(sqlite3*& db, std::unique_ptr<SqliteDeliveryQueue>& queue) {
  queue.reset();
  sqlite3_close(db);
  db = nullptr;
}

}  // namespace synd::testing

// bench/fanout: the store side of the benchmark. Opens a SQLite file with WAL and
// synchronous=FULL, as the product store does, on one connection that both commits article
// events in transactions, the way ingest does, and holds the delivery queue: `syndicated run`
// owns its store on one thread.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "feeds/store/sqlite_delivery_queue.hpp"
#include "feeds/store/sqlite_store.hpp"

namespace synd::bench {

class BenchOutbox {
 public:
  static std::unique_ptr<BenchOutbox> Open(const std::filesystem::path& dir) {
    auto outbox = std::unique_ptr<BenchOutbox>(new BenchOutbox);
    // The store creates the file with its own schema (the outbox), then lets go.
    Check(SqliteStore::Open(dir / "syndicated.db").status());
    sqlite3_open((dir / "syndicated.db").c_str(), &outbox->db_);
    Check(delivery_sql::Exec(outbox->db_, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"));
    auto queue = SqliteDeliveryQueue::Open(outbox->db_);
    Check(queue.status());
    outbox->queue_ = std::move(queue).value();
    return outbox;
  }

  ~BenchOutbox() {
    queue_.reset();
    sqlite3_close(db_);
  }

  DeliveryQueue& queue() { return *queue_; }

  // Commits events first..first+n-1 in one transaction; returns their ids.
  std::vector<std::string> Commit(int first, int n) {
    std::vector<std::string> ids;
    delivery_sql::Transaction txn(db_);
    Check(txn.begin_status());
    auto insert = delivery_sql::Statement::Prepare(
        db_,
        "INSERT INTO events (id, type, story, revision, time, payload) VALUES (?1, "
        "'article.created', ?2, 1, ?3, ?4)");
    Check(insert.status());
    for (int i = first; i < first + n; ++i) {
      ids.push_back("msg_bench_" + std::to_string(i));
      Check(insert->Reset()
                .Bind(1, ids.back())
                .Bind(2, int64_t{i})
                .Bind(3, int64_t{1'700'000'000})
                .Bind(4, Payload(i))
                .Run());
    }
    Check(txn.Commit());
    return ids;
  }

 private:
  BenchOutbox() = default;

  // About 2 KB, the size of a short news article's webhook body.
  static std::string Payload(int i) {
    return R"({"type":"article.created","timestamp":"2025-03-28T14:05:09Z","data":{"id":"tag:news.example.org,2025-03-28:story/)" +
           std::to_string(i) +
           R"(","url":"https://news.example.org/a/1","title":"Benchmark story","summary":"One line.","content_text":")" +
           std::string(1800, 'x') +
           R"(","published":"2025-03-28T14:05:09Z","updated":"2025-03-28T14:05:09Z","revision":1,"feeds":["all"],"authors":[],"source":{"site":"bench","format":"text"}}})";
  }

  static void Check(const Status& s) {
    if (!s.ok()) {
      std::fprintf(stderr, "fanout: %s\n", s.message().c_str());
      std::exit(1);
    }
  }

  sqlite3* db_ = nullptr;
  std::unique_ptr<SqliteDeliveryQueue> queue_;
};

}  // namespace synd::bench

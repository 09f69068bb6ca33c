#include "feeds/store/sqlite_db.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdlib>

#include "tests/support/temp_dir.hpp"

namespace synd {
namespace {

// SQLite's allocation statistics must be off: they take a process-wide mutex on every
// allocation. The check runs in a fresh process (threadsafe death-test style re-executes this
// test alone), so that opening a database is the process's first use of SQLite, as it is in
// the daemon; other tests in this binary use SQLite directly.
TEST(SqliteDbDeathTest, OpeningTheFirstDatabaseTurnsAllocationStatisticsOff) {
  if (sqlite3_compileoption_used("DEFAULT_MEMSTATUS=0")) {
    GTEST_SKIP() << "this SQLite keeps no allocation statistics to begin with";
  }
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        int code = 2;
        {
          testing::TempDir dir;
          Result<std::unique_ptr<SqliteDb>> db = SqliteDb::Open(dir / "s.db");
          if (db.ok() && (*db)->Exec("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('x')").ok()) {
            // With statistics on, this counts the connection's memory; off, it stays 0.
            code = sqlite3_memory_used() == 0 ? 0 : 1;
          }
        }  // the database closed and the folder removed before exiting
        std::exit(code);
      },
      ::testing::ExitedWithCode(0), "");
}

}  // namespace
}  // namespace synd

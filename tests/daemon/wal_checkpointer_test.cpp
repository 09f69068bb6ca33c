#include "daemon/wal_checkpointer.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "feeds/store/sqlite_store.hpp"
#include "tests/support/temp_dir.hpp"

namespace synd {
namespace {

using testing::TempDir;

// Commits one story per call on `store`.
void CommitStory(Store& store, const std::string& suffix) {
  ASSERT_TRUE(store.Begin().ok());
  ASSERT_TRUE(store.InsertStory({0, "tag:x:story/" + suffix, suffix, {}, {}, {}, 1}).ok());
  ASSERT_TRUE(store.Commit().ok());
}

// Polls (no sleeps beyond a short yield) until the checkpointer has copied every frame.
SqliteDb::Checkpointed WaitForCopy(const WalCheckpointer& checkpointer) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  SqliteDb::Checkpointed last = checkpointer.last();
  while ((last.wal_frames == 0 || last.copied_frames < last.wal_frames) &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    last = checkpointer.last();
  }
  return last;
}

TEST(WalCheckpointer, CopiesTheWritersCommittedFramesIntoTheFileWhileItKeepsWriting) {
  TempDir dir;
  SqliteStoreOptions options;
  options.wal_autocheckpoint_pages = 1000000;  // the writer never checkpoints by itself
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(dir / "s.db", options);
  ASSERT_TRUE(store.ok()) << store.status().message();
  Result<std::unique_ptr<WalCheckpointer>> checkpointer =
      WalCheckpointer::Start(dir / "s.db", std::chrono::milliseconds(1));
  ASSERT_TRUE(checkpointer.ok()) << checkpointer.status().message();
  for (int i = 0; i < 20; ++i) CommitStory(**store, "s" + std::to_string(i));
  const SqliteDb::Checkpointed done = WaitForCopy(**checkpointer);
  EXPECT_GT(done.wal_frames, 0);
  EXPECT_EQ(done.copied_frames, done.wal_frames);
  checkpointer->reset();
  EXPECT_EQ(*(*store)->CountStories(), 20);
}

TEST(WalCheckpointer, StartFailsWithTheFileNamedWhenTheStoreCannotBeOpened) {
  TempDir dir;
  Result<std::unique_ptr<WalCheckpointer>> checkpointer =
      WalCheckpointer::Start(dir / "missing" / "s.db", std::chrono::milliseconds(1));
  ASSERT_FALSE(checkpointer.ok());
  EXPECT_NE(checkpointer.status().message().find("s.db"), std::string::npos)
      << checkpointer.status().message();
}

}  // namespace
}  // namespace synd

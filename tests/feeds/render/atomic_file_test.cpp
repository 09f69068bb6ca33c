#include "feeds/render/atomic_file.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/temp_dir.hpp"

namespace synd {
namespace {

using testing::ReadFile;
using testing::TempDir;

struct StatTimes {
  ino_t inode = 0;
  timespec mtime{};
};

StatTimes Stat(const std::filesystem::path& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return {st.st_ino, st.st_mtim};
}

void SetOldMtime(const std::filesystem::path& path) {
  std::filesystem::last_write_time(
      path, std::filesystem::file_time_type::clock::now() - std::chrono::hours(24));
}

TEST(WriteFileAtomic, WritesNewFileAndLeavesNoTemporary) {
  TempDir dir;
  Result<bool> written = WriteFileAtomic(dir / "all.rss", "<rss/>");
  ASSERT_TRUE(written.ok()) << written.status().message();
  EXPECT_TRUE(*written);
  EXPECT_EQ(ReadFile(dir / "all.rss"), "<rss/>");
  std::size_t entries = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    ++entries;
    EXPECT_EQ(entry.path().filename(), "all.rss");
  }
  EXPECT_EQ(entries, 1u);
}

TEST(WriteFileAtomic, UnchangedBytesAreNotRewritten) {
  TempDir dir;
  ASSERT_TRUE(WriteFileAtomic(dir / "all.rss", "same bytes").ok());
  SetOldMtime(dir / "all.rss");
  const StatTimes before = Stat(dir / "all.rss");
  Result<bool> again = WriteFileAtomic(dir / "all.rss", "same bytes");
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_FALSE(*again);
  const StatTimes after = Stat(dir / "all.rss");
  EXPECT_EQ(after.inode, before.inode);
  EXPECT_EQ(after.mtime.tv_sec, before.mtime.tv_sec);
  EXPECT_EQ(after.mtime.tv_nsec, before.mtime.tv_nsec);
}

TEST(WriteFileAtomic, ChangedBytesReplaceTheFileByRename) {
  struct Case {
    const char* old_bytes;
    const char* new_bytes;
  };
  const Case cases[] = {{"same length A", "same length B"},
                        {"short", "longer bytes"},
                        {"longer bytes", "short"},
                        {"something", ""}};
  for (const Case& c : cases) {
    TempDir dir;
    testing::WriteFile(dir / "f", c.old_bytes);
    SetOldMtime(dir / "f");
    const StatTimes before = Stat(dir / "f");
    Result<bool> written = WriteFileAtomic(dir / "f", c.new_bytes);
    ASSERT_TRUE(written.ok()) << c.new_bytes << ": " << written.status().message();
    EXPECT_TRUE(*written) << c.new_bytes;
    EXPECT_EQ(ReadFile(dir / "f"), c.new_bytes);
    const StatTimes after = Stat(dir / "f");
    EXPECT_NE(after.inode, before.inode) << "a rename gives the path a new inode";
    EXPECT_GT(after.mtime.tv_sec, before.mtime.tv_sec) << c.new_bytes;
  }
}

std::vector<std::string> Names(const std::filesystem::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

TEST(WriteFileAtomic, ReplacingLeavesNeitherTemporaryNorOldVersion) {
  TempDir dir;
  testing::WriteFile(dir / "f", "old");
  ASSERT_TRUE(WriteFileAtomic(dir / "f", "new").ok());
  EXPECT_EQ(ReadFile(dir / "f"), "new");
  EXPECT_EQ(Names(dir.path()), std::vector<std::string>{"f"});
}

TEST(WriteFileAtomic, OldVersionLeftByACrashIsReplacedAndRemoved) {
  TempDir dir;
  testing::WriteFile(dir / "f", "old");
  testing::WriteFile(dir / ".f.old", "left by a crash between link and unlink");
  ASSERT_TRUE(WriteFileAtomic(dir / "f", "new").ok());
  EXPECT_EQ(ReadFile(dir / "f"), "new");
  EXPECT_EQ(Names(dir.path()), std::vector<std::string>{"f"});
}

TEST(AtomicFileBatch, WritesEveryStagedFileAndLeavesOnlyThem) {
  TempDir dir;
  std::filesystem::create_directory(dir / "articles");
  testing::WriteFile(dir / "all.rss", "old feed");
  testing::WriteFile(dir / "index.html", "same");
  testing::WriteFile(dir / ".all.rss.old", "left by a crash");
  // Stage does not copy: the bytes live here until Commit returns.
  const std::string page = "<html>page</html>";
  const std::string feed = "<rss>new</rss>";
  const std::string index = "same";
  AtomicFileBatch batch;
  EXPECT_TRUE(batch.Stage(dir / "articles" / "a1.html", page));
  EXPECT_TRUE(batch.Stage(dir / "all.rss", feed));
  EXPECT_FALSE(batch.Stage(dir / "index.html", index)) << "unchanged files are not staged";
  EXPECT_EQ(batch.size(), 2u);
  const Status committed = batch.Commit();
  ASSERT_TRUE(committed.ok()) << committed.message();
  EXPECT_EQ(batch.size(), 0u);
  EXPECT_EQ(ReadFile(dir / "articles" / "a1.html"), page);
  EXPECT_EQ(ReadFile(dir / "all.rss"), feed);
  EXPECT_EQ(ReadFile(dir / "index.html"), "same");
  EXPECT_EQ(Names(dir.path()), (std::vector<std::string>{"all.rss", "articles", "index.html"}));
  EXPECT_EQ(Names(dir / "articles"), std::vector<std::string>{"a1.html"});
}

TEST(WriteFileAtomic, MissingFolderIsAnIoErrorNamingThePath) {
  TempDir dir;
  Result<bool> written = WriteFileAtomic(dir / "missing" / "all.rss", "x");
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.status().code(), ErrorCode::kIo);
  EXPECT_NE(written.status().message().find("missing/.all.rss.tmp"), std::string::npos)
      << written.status().message();
}

TEST(FileHolds, ComparesWholeContentAcrossReadChunks) {
  TempDir dir;
  std::string big(200000, 'x');
  testing::WriteFile(dir / "big", big);
  EXPECT_TRUE(FileHolds(dir / "big", big));
  big[150000] = 'y';
  EXPECT_FALSE(FileHolds(dir / "big", big));
  EXPECT_FALSE(FileHolds(dir / "absent", ""));
  EXPECT_FALSE(FileHolds(dir.path(), ""));
}

}  // namespace
}  // namespace synd

#include "daemon/inbox.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "tests/support/temp_dir.hpp"

namespace synd {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;

TEST(ListInbox, TakesFilesInNameOrderAndSkipsHiddenPartialAndFolders) {
  TempDir dir;
  for (const char* name : {"b.txt", "a.txt", ".hidden", "c.tmp", "d.part", "A.txt", "e.json"}) {
    WriteFile(dir / name, "x");
  }
  fs::create_directory(dir / "sub");
  fs::create_symlink("/etc/passwd", dir / "link.txt");
  ASSERT_EQ(::mkfifo((dir / "pipe").c_str(), 0600), 0);
  Result<std::vector<InboxEntry>> entries = ListInbox(dir.path());
  ASSERT_TRUE(entries.ok()) << entries.status().message();
  std::vector<std::string> names;
  for (const InboxEntry& e : *entries) names.push_back(e.name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"A.txt", "a.txt", "b.txt", "e.json", "link.txt", "pipe"}));
  EXPECT_EQ((*entries)[4].kind, EntryKind::kSymlink);
  EXPECT_EQ((*entries)[5].kind, EntryKind::kOther);
  EXPECT_EQ((*entries)[0].kind, EntryKind::kRegular);
  EXPECT_FALSE(ListInbox(dir / "missing").ok());
}

TEST(MoveWithoutOverwrite, NeverReplacesAnEarlierFileOfTheSameName) {
  TempDir dir;
  fs::create_directories(dir / "inbox");
  fs::create_directories(dir / "done");
  for (int round = 0; round < 3; ++round) {
    WriteFile(dir / "inbox" / "same.txt", "round " + std::to_string(round));
    Result<std::string> moved =
        MoveWithoutOverwrite(dir / "inbox", "same.txt", dir / "done", std::nullopt);
    ASSERT_TRUE(moved.ok()) << moved.status().message();
    EXPECT_EQ(*moved, round == 0 ? "same.txt" : "same.txt." + std::to_string(round));
  }
  EXPECT_EQ(ReadFile(dir / "done" / "same.txt"), "round 0");
  EXPECT_EQ(ReadFile(dir / "done" / "same.txt.2"), "round 2");
  EXPECT_FALSE(fs::exists(dir / "inbox" / "same.txt"));
  EXPECT_TRUE(SyncDirectory(dir / "done").ok());
}

TEST(MoveWithoutOverwrite, WritesTheReasonNextToAFailedFile) {
  TempDir dir;
  WriteFile(dir / "inbox" / "bad.txt", "\x01\x02");
  WriteFile(dir / "failed" / "bad.txt.error", "an unrelated earlier file");
  Result<std::string> moved =
      MoveWithoutOverwrite(dir / "inbox", "bad.txt", dir / "failed", "binary data");
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(*moved, "bad.txt.1");
  EXPECT_EQ(ReadFile(dir / "failed" / "bad.txt.1.error"), "binary data");
  EXPECT_EQ(ReadFile(dir / "failed" / "bad.txt.error"), "an unrelated earlier file");
}

TEST(MoveWithoutOverwrite, MovesASymlinkItselfAndLeavesItsTargetAlone) {
  TempDir dir;
  WriteFile(dir / "outside.txt", "precious");
  fs::create_directories(dir / "inbox");
  fs::create_directories(dir / "failed");
  fs::create_symlink(dir / "outside.txt", dir / "inbox" / "link.txt");
  Result<std::string> moved =
      MoveWithoutOverwrite(dir / "inbox", "link.txt", dir / "failed", "a symbolic link");
  ASSERT_TRUE(moved.ok());
  EXPECT_TRUE(fs::is_symlink(dir / "failed" / "link.txt"));
  EXPECT_EQ(ReadFile(dir / "outside.txt"), "precious");
  EXPECT_TRUE(fs::exists(dir / "outside.txt"));
}

}  // namespace
}  // namespace synd

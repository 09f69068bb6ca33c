#include "daemon/inbox.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>

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

// A folder on another file system than the temp dir (/dev/shm is a tmpfs), removed at the end.
class OtherFileSystemDir {
 public:
  OtherFileSystemDir() {
    std::string pattern = "/dev/shm/synd-inbox-test-XXXXXX";
    if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~OtherFileSystemDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  // Empty when there is no such folder, or it is on the same file system as `than`.
  fs::path Path(const fs::path& than) const {
    struct stat a {
    }, b{};
    if (path_.empty() || ::stat(path_.c_str(), &a) != 0 || ::stat(than.c_str(), &b) != 0 ||
        a.st_dev == b.st_dev) {
      return {};
    }
    return path_;
  }

 private:
  fs::path path_;
};

// done/ or failed/ on another file system than the inbox: each entry the pipeline moves must
// arrive there as itself (a symlink as a symlink, a dump of any size with its mtime), or stay in
// the inbox with no stray FILE.error left behind for a file that is not there.
TEST(MoveWithoutOverwrite, MovesEachKindOfEntryToAnotherFileSystem) {
  TempDir dir;
  OtherFileSystemDir other_fs;
  const fs::path failed = other_fs.Path(dir.path());
  if (failed.empty()) GTEST_SKIP() << "no /dev/shm on another file system than " << dir.path();
  const fs::path inbox = dir / "inbox";
  fs::create_directories(inbox);
  WriteFile(dir / "outside.txt", "precious");
  fs::create_symlink(dir / "outside.txt", inbox / "link.txt");
  ASSERT_EQ(::mkfifo((inbox / "pipe").c_str(), 0640), 0);
  WriteFile(inbox / "dump.txt", std::string(3 << 20, 'x'));
  const timespec times[2] = {{1700000000, 5}, {1600000000, 7}};
  ASSERT_EQ(::utimensat(AT_FDCWD, (inbox / "dump.txt").c_str(), times, 0), 0);
  for (const char* name : {"link.txt", "pipe", "dump.txt"}) {
    Result<std::string> moved = MoveWithoutOverwrite(inbox, name, failed, "reason");
    ASSERT_TRUE(moved.ok()) << name << ": " << moved.status().message();
    EXPECT_EQ(*moved, name);
    EXPECT_FALSE(fs::exists(fs::symlink_status(inbox / name))) << name;
    EXPECT_EQ(ReadFile(failed / (std::string(name) + ".error")), "reason") << name;
  }
  EXPECT_EQ(fs::read_symlink(failed / "link.txt"), dir / "outside.txt");
  EXPECT_EQ(ReadFile(dir / "outside.txt"), "precious");
  EXPECT_TRUE(fs::is_fifo(failed / "pipe"));
  struct stat st {};
  ASSERT_EQ(::stat((failed / "dump.txt").c_str(), &st), 0);
  EXPECT_EQ(st.st_size, 3 << 20);
  EXPECT_EQ(st.st_mtim.tv_sec, 1600000000);

  // A socket cannot be made again elsewhere: it stays, and so does no reason without its file.
  const int sock = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  const std::string sock_path = (inbox / "sock").string();
  ASSERT_LT(sock_path.size(), sizeof addr.sun_path);
  std::memcpy(addr.sun_path, sock_path.c_str(), sock_path.size() + 1);
  ASSERT_EQ(::bind(sock, reinterpret_cast<const sockaddr*>(&addr), sizeof addr), 0);
  Result<std::string> moved = MoveWithoutOverwrite(inbox, "sock", failed, "reason");
  ::close(sock);
  ASSERT_FALSE(moved.ok());
  EXPECT_NE(moved.status().message().find("sock"), std::string::npos) << moved.status().message();
  EXPECT_TRUE(fs::exists(fs::symlink_status(inbox / "sock")));
  EXPECT_FALSE(fs::exists(failed / "sock.error"));
}

}  // namespace
}  // namespace synd

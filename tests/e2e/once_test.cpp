// `syndicated once` as an operator runs it: the real binary on a temp folder, real files, exit
// statuses 0, 1 and 78, one line per file, files moved to done/ or failed/ with FILE.error.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "feeds/store/sqlite_store.hpp"
#include "tests/e2e/once_run.hpp"
#include "tests/support/temp_dir.hpp"

namespace synd {
namespace {

namespace fs = std::filesystem;

using testing::Once;
using testing::OnceRun;

constexpr const char* kConfig =
    "site:\n  base_url: https://news.example.org/\n  id_authority: news.example.org\n"
    "paths:\n  inbox: in\n  done: done\n  failed: failed\n  output: out\n  state: state\n"
    "feeds:\n  - name: all\n    title: All\n  - name: kyiv\n    title: Kyiv\n"
    "    include: { keywords: [Kyiv] }\n";

// A producer still writing a dump in place when `once` runs: taking the half written so far
// would move the file to done/ and its rest with it, never ingested. It waits for the next run.
TEST(OnceCommand, LeavesAFileStillOpenForWritingInTheInboxForTheNextRun) {
  testing::TempDir dir;
  testing::WriteFile(dir / "syndicated.yaml", kConfig);
  fs::create_directories(dir / "in");
  const std::string dump = testing::ReadFile(testing::DataFile("reference_dump.txt"));
  std::ofstream writer(dir / "in" / "dump.txt", std::ios::binary);
  writer << dump.substr(0, dump.size() / 2);
  writer.flush();
  const OnceRun during = Once(dir);
  EXPECT_EQ(during.exit_code, 0) << during.err;
  EXPECT_NE(during.err.find("dump.txt: still open for writing; left in the inbox for the next run"),
            std::string::npos)
      << during.err;
  EXPECT_TRUE(fs::exists(dir / "in" / "dump.txt"));
  writer << dump.substr(dump.size() / 2);
  writer.close();
  const OnceRun after = Once(dir);
  EXPECT_EQ(after.exit_code, 0) << after.err;
  EXPECT_NE(after.out.find("dump.txt: reference, 6 articles, 6 new"), std::string::npos)
      << after.out;
  EXPECT_TRUE(fs::exists(dir / "done" / "dump.txt"));
}

TEST(OnceCommand, IngestsTheReferenceDumpAndMovesItToDone) {
  testing::TempDir dir;
  testing::WriteFile(dir / "syndicated.yaml", kConfig);
  fs::create_directories(dir / "in");
  fs::copy_file(testing::DataFile("reference_dump.txt"), dir / "in" / "dump.txt");
  const OnceRun run = Once(dir);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("dump.txt: reference, 6 articles, 6 new, 0 revised, 0 repeats"),
            std::string::npos)
      << run.out;
  EXPECT_TRUE(fs::exists(dir / "done" / "dump.txt"));
  EXPECT_TRUE(fs::is_empty(dir / "in"));
  for (const char* folder : {"failed", "out", "state"}) EXPECT_TRUE(fs::is_directory(dir / folder));
  auto store = SqliteStore::Open(dir / "state" / SqliteStore::kFileName);
  ASSERT_TRUE(store.ok());
  EXPECT_EQ(*(*store)->CountStories(), 6);
  Result<std::optional<Story>> first = (*store)->LoadStory(1);
  ASSERT_TRUE(first.ok() && *first);
  EXPECT_EQ((*first)->id.rfind("tag:news.example.org,2025-03-28:story/", 0), 0u) << (*first)->id;
  // Events name the feeds each story belongs to: all of them in "all", one mentions Kyiv.
  Result<std::vector<Event>> events = (*store)->EventsAfter(0, 10);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 6u);
  int in_kyiv = 0;
  for (const Event& e : *events) {
    EXPECT_NE(e.payload.find("\"feeds\":[\"all\""), std::string::npos) << e.payload.substr(0, 300);
    in_kyiv += e.payload.find("\"kyiv\"]") != std::string::npos ? 1 : 0;
  }
  EXPECT_GE(in_kyiv, 1);
  EXPECT_LT(in_kyiv, 6);
}

TEST(OnceCommand, RendersEveryFeedAfterIngestingAndLeavesUnchangedFeedsAlone) {
  testing::TempDir dir;
  testing::WriteFile(dir / "syndicated.yaml", kConfig);
  fs::create_directories(dir / "in");
  fs::copy_file(testing::DataFile("reference_dump.txt"), dir / "in" / "dump.txt");
  const OnceRun run = Once(dir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const char* file :
       {"all.rss", "all.atom", "all.json", "kyiv.rss", "kyiv.atom", "kyiv.json", "index.html"}) {
    EXPECT_TRUE(fs::exists(dir / "out" / file)) << file << "\n" << run.out;
  }
  const std::string all = testing::ReadFile(dir / "out" / "all.rss");
  std::size_t items = 0;
  for (std::size_t at = all.find("<item>"); at != std::string::npos;
       at = all.find("<item>", at + 1)) {
    ++items;
  }
  EXPECT_EQ(items, 6u) << all.substr(0, 400);
  const auto written = fs::last_write_time(dir / "out" / "all.rss");

  const OnceRun again = Once(dir);  // nothing new: every feed renders to the bytes it holds
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("feeds: 0 files written"), std::string::npos) << again.out;
  EXPECT_EQ(fs::last_write_time(dir / "out" / "all.rss"), written);
}

TEST(OnceCommand, SameContentAgainIsOnlyMovedAndNeverOverwritesDone) {
  testing::TempDir dir;
  testing::WriteFile(dir / "syndicated.yaml", kConfig);
  fs::create_directories(dir / "in");
  fs::copy_file(testing::DataFile("reference_dump.txt"), dir / "in" / "dump.txt");
  ASSERT_EQ(Once(dir).exit_code, 0);
  fs::copy_file(testing::DataFile("reference_dump.txt"), dir / "in" / "dump.txt");
  const OnceRun again = Once(dir);
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("dump.txt: already ingested (done)"), std::string::npos) << again.out;
  EXPECT_TRUE(fs::exists(dir / "done" / "dump.txt"));
  EXPECT_TRUE(fs::exists(dir / "done" / "dump.txt.1"));
  EXPECT_NE(again.out.find("6 stories"), std::string::npos) << again.out;
}

TEST(OnceCommand, BadFilesGoToFailedWithTheirReasonAndTheRestIsIngested) {
  testing::TempDir dir;
  testing::WriteFile(dir / "syndicated.yaml", kConfig);
  testing::WriteFile(dir / "in" / "a-binary.txt", std::string("\0\x01\x02junk", 7));
  testing::WriteFile(dir / "in" / "b-empty.txt", "");
  testing::WriteFile(dir / "outside.txt", "not to be touched");
  fs::create_symlink(dir / "outside.txt", dir / "in" / "c-link.txt");
  fs::copy_file(testing::DataFile("reference_dump.txt"), dir / "in" / "d-dump.txt");
  testing::WriteFile(dir / "in" / ".hidden", "x");
  testing::WriteFile(dir / "in" / "e.part", "x");
  fs::create_directories(dir / "in" / "sub");
  const OnceRun run = Once(dir);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("a-binary.txt: failed: binary data"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("b-empty.txt: failed: empty file"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("c-link.txt: failed: is a symbolic link"), std::string::npos) << run.err;
  EXPECT_NE(run.out.find("d-dump.txt: reference, 6 articles"), std::string::npos) << run.out;
  EXPECT_NE(testing::ReadFile(dir / "failed" / "a-binary.txt.error").find("binary data"),
            std::string::npos);
  EXPECT_TRUE(fs::is_symlink(dir / "failed" / "c-link.txt"));
  EXPECT_TRUE(fs::exists(dir / "failed" / "c-link.txt.error"));
  EXPECT_EQ(testing::ReadFile(dir / "outside.txt"), "not to be touched");
  EXPECT_TRUE(fs::exists(dir / "in" / ".hidden"));
  EXPECT_TRUE(fs::exists(dir / "in" / "e.part"));
  EXPECT_TRUE(fs::is_directory(dir / "in" / "sub"));

  // Dropped again, a file that failed before is tried again, and fails again.
  testing::WriteFile(dir / "in" / "a-binary.txt", std::string("\0\x01\x02junk", 7));
  const OnceRun again = Once(dir);
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("a-binary.txt: failed: binary data"), std::string::npos) << again.err;
  EXPECT_TRUE(fs::exists(dir / "failed" / "a-binary.txt.1"));
  EXPECT_NE(testing::ReadFile(dir / "failed" / "a-binary.txt.1.error").find("binary data"),
            std::string::npos);
}

TEST(OnceCommand, ConfigurationErrorsExitSeventyEightWithFileLineColumn) {
  testing::TempDir dir;
  testing::WriteFile(dir / "bad.yaml", "site:\n  title: x\n  colour: blue\n");
  const OnceRun run = Once(dir, {"-c", "bad.yaml"});
  EXPECT_EQ(run.exit_code, 78);
  EXPECT_NE(run.err.find("bad.yaml:3:3:"), std::string::npos) << run.err;
  EXPECT_FALSE(fs::exists(dir / "var"));
}

TEST(OnceCommand, WritesOneDecisionLinePerArticle) {
  testing::TempDir dir;
  testing::WriteFile(dir / "syndicated.yaml", kConfig);
  fs::create_directories(dir / "in");
  fs::copy_file(testing::DataFile("reference_dump.txt"), dir / "in" / "dump.txt");
  const OnceRun run = Once(dir, {"--decisions", "decisions.tsv"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const std::string decisions = testing::ReadFile(dir / "decisions.tsv");
  EXPECT_EQ(std::count(decisions.begin(), decisions.end(), '\n'), 6);
  EXPECT_EQ(decisions.rfind("dump.txt\t0\tcreated\ttag:news.example.org,2025-03-28:story/", 0), 0u)
      << decisions;
}

}  // namespace
}  // namespace synd

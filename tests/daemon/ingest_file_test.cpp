// PrepareInboxFile and ReadDumpFile on real files: the limits that keep one oversized dump or
// article from costing every reader and the daemon's memory.
#include "daemon/ingest_file.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "daemon/cli/parse_command.hpp"
#include "daemon/ingest_batch.hpp"
#include "tests/support/temp_dir.hpp"

namespace synd {
namespace {

using testing::TempDir;
using testing::WriteFile;

InboxEntry Regular(const std::string& name) {
  InboxEntry entry;
  entry.name = name;
  entry.kind = EntryKind::kRegular;
  return entry;
}

// The daemon's folders, all inside `dir`.
PathsConfig FoldersIn(const TempDir& dir) {
  PathsConfig paths;
  paths.inbox = dir / "inbox";
  paths.done = dir / "done";
  paths.failed = dir / "failed";
  paths.output = dir / "out";
  paths.state = dir / "state";
  return paths;
}

std::string Article(std::size_t paragraph_bytes) {
  std::string paragraph;
  while (paragraph.size() < paragraph_bytes) paragraph += "Words of a long report go on. ";
  return "A title\n\n" + paragraph + "\n";
}

TEST(ReadDumpFile, RefusesADumpOverTheLimitUnreadAndNamesItsSize) {
  TempDir dir;
  WriteFile(dir / "huge.txt", "");
  ASSERT_EQ(::truncate((dir / "huge.txt").c_str(), static_cast<off_t>(kMaxDumpBytes) + 1), 0);
  Result<FileBytes> read = ReadDumpFile((dir / "huge.txt").string());
  ASSERT_FALSE(read.ok());
  EXPECT_NE(read.status().message().find("is 256 MiB; dumps over 256 MiB are not read"),
            std::string::npos)
      << read.status().message();
  WriteFile(dir / "fits.txt", Article(100));
  EXPECT_TRUE(ReadDumpFile((dir / "fits.txt").string()).ok());
}

TEST(PrepareInboxFile, AnArticleOverTheTextLimitFailsItsFileWithTheReason) {
  TempDir dir;
  WriteFile(dir / "big.txt", Article(kMaxArticleTextBytes + 1));
  WriteFile(dir / "normal.txt", Article(kMaxArticleTextBytes / 2));
  const PreparedInput big = PrepareInboxFile(dir.path(), Regular("big.txt"));
  EXPECT_FALSE(big.file.has_value());
  EXPECT_NE(big.failure.find("article 0 has 4 MiB of text; articles over 4 MiB are not ingested"),
            std::string::npos)
      << big.failure;
  EXPECT_FALSE(big.content_hash.empty()) << "recorded in the ledger like any failed file";
  const PreparedInput normal = PrepareInboxFile(dir.path(), Regular("normal.txt"));
  ASSERT_TRUE(normal.file.has_value()) << normal.failure;
  EXPECT_EQ(normal.file->articles.size(), 1u);
}

// A producer may rename a new version over a name, or write it again in place, while the daemon
// ingests the version it read: the name then holds bytes nobody ingested, which must stay in the
// inbox to be read again instead of going to done/ unread.
TEST(MoveCommitted, LeavesAFileChangedSinceItWasReadInTheInboxAndMovesAnUnchangedOne) {
  namespace fs = std::filesystem;
  struct Case {
    const char* name;
    void (*change)(const fs::path& root, const fs::path& file);
    bool moved;
  };
  const Case cases[] = {
      {"unchanged", [](const fs::path&, const fs::path&) {}, true},
      {"renamed over",
       [](const fs::path& root, const fs::path& file) {
         WriteFile(root / "staging", Article(100));
         fs::rename(root / "staging", file);
       },
       false},
      {"rewritten in place",
       [](const fs::path&, const fs::path& file) { WriteFile(file, Article(300)); }, false},
      {"removed", [](const fs::path&, const fs::path& file) { fs::remove(file); }, false},
  };
  for (const Case& c : cases) {
    TempDir dir;
    const PathsConfig paths = FoldersIn(dir);
    ASSERT_TRUE(CreateFolders(paths).ok());
    WriteFile(paths.inbox / "news.txt", Article(200));
    const PreparedInput input = PrepareInboxFile(paths.inbox, Regular("news.txt"));
    ASSERT_TRUE(input.file.has_value()) << input.failure;
    IngestOutcome outcome;
    outcome.name = "news.txt";
    outcome.read_version = input.version;
    c.change(dir.path(), paths.inbox / "news.txt");
    std::vector<IngestOutcome> batch{outcome};
    Result<std::vector<IngestReport>> reports = MoveCommitted(paths, batch);
    ASSERT_TRUE(reports.ok()) << c.name << ": " << reports.status().message();
    const IngestReport& r = reports->front();
    EXPECT_EQ(r.changed, !c.moved) << c.name;
    EXPECT_EQ(fs::exists(paths.done / "news.txt"), c.moved) << c.name;
    if (!c.moved) {
      EXPECT_NE(r.move_status.message().find("news.txt: "), std::string::npos)
          << c.name << ": " << r.move_status.message();
    }
    if (std::string(c.name) != "removed") {
      EXPECT_EQ(fs::exists(paths.inbox / "news.txt"), !c.moved) << c.name;
    }
  }
}

// The version check and the move are two steps: a version renamed over the name between them is
// what the move takes. Found moved unread, it goes back into the inbox (and its failed/ reason,
// written for the version read, goes away); the version read stays where it was moved.
TEST(PutBackIfReplaced, PutsAVersionMovedUnreadBackInTheInboxAndLeavesTheOneReadMoved) {
  namespace fs = std::filesystem;
  for (const FileOutcome kind : {FileOutcome::kDone, FileOutcome::kFailed}) {
    for (const bool replaced : {false, true}) {
      const std::string label = std::string(kind == FileOutcome::kDone ? "done" : "failed") +
                                (replaced ? ", replaced" : ", unchanged");
      TempDir dir;
      const PathsConfig paths = FoldersIn(dir);
      ASSERT_TRUE(CreateFolders(paths).ok());
      WriteFile(paths.inbox / "news.txt", Article(200));
      const PreparedInput input = PrepareInboxFile(paths.inbox, Regular("news.txt"));
      IngestOutcome outcome;
      outcome.name = "news.txt";
      outcome.outcome = kind;
      outcome.reason = "a reason";
      outcome.read_version = input.version;
      if (replaced) {
        WriteFile(dir / "staging", Article(300));
        fs::rename(dir / "staging", paths.inbox / "news.txt");
      }
      Result<std::string> moved = FinishInboxFile(paths, outcome);
      ASSERT_TRUE(moved.ok()) << label << ": " << moved.status().message();
      const Status back = PutBackIfReplaced(paths, outcome, *moved);
      const fs::path& to = kind == FileOutcome::kDone ? paths.done : paths.failed;
      EXPECT_EQ(back.ok(), !replaced) << label << ": " << back.message();
      EXPECT_EQ(fs::exists(paths.inbox / "news.txt"), replaced) << label;
      EXPECT_EQ(fs::exists(to / "news.txt"), !replaced) << label;
      EXPECT_EQ(fs::exists(paths.failed / "news.txt.error"),
                !replaced && kind != FileOutcome::kDone)
          << label;
      if (replaced) {
        EXPECT_NE(back.message().find("news.txt: replaced while being moved; put back in the "
                                      "inbox as news.txt"),
                  std::string::npos)
            << back.message();
      }
    }
  }
}

}  // namespace
}  // namespace synd

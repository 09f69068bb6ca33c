// PrepareInboxFile and ReadDumpFile on real files: the limits that keep one oversized dump or
// article from costing every reader and the daemon's memory.
#include "daemon/ingest_file.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include "daemon/cli/parse_command.hpp"
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

}  // namespace
}  // namespace synd

// `syndicated parse` through the real binary: stdout JSON Lines, stderr messages, exit codes.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <boost/json.hpp>
#include <sstream>

#include "tests/support/temp_dir.hpp"

extern char** environ;

namespace synd {
namespace {

struct BinaryRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the binary with `args`, its stdout and stderr sent to files in `dir`.
BinaryRun RunBinary(const testing::TempDir& dir, const std::vector<std::string>& args) {
  const std::string out_path = (dir / "stdout").string();
  const std::string err_path = (dir / "stderr").string();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  std::vector<std::string> argv_strings = {SYND_BINARY};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& s : argv_strings) argv.push_back(s.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  BinaryRun run;
  const int spawned = posix_spawn(&pid, SYND_BINARY, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  EXPECT_EQ(spawned, 0) << "cannot start " << SYND_BINARY;
  if (spawned != 0) return run;
  int status = 0;
  EXPECT_EQ(waitpid(pid, &status, 0), pid);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  run.out = testing::ReadFile(out_path);
  run.err = testing::ReadFile(err_path);
  return run;
}

std::vector<boost::json::object> JsonLines(const std::string& out) {
  std::vector<boost::json::object> objects;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    boost::json::error_code ec;
    boost::json::value v = boost::json::parse(line, ec);
    EXPECT_FALSE(ec) << line;
    if (!ec && v.is_object()) objects.push_back(v.as_object());
  }
  return objects;
}

const std::string kFixture = testing::DataFile("reference_dump.txt").string();

TEST(ParseCommand, PrintsOneJsonObjectPerArticle) {
  testing::TempDir dir;
  const BinaryRun run =
      RunBinary(dir, {"parse", "--reference-time", "2025-04-22T12:00:00Z", kFixture});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  const std::vector<boost::json::object> articles = JsonLines(run.out);
  ASSERT_EQ(articles.size(), 6u) << run.out;
  const char* fields[] = {"title",   "summary",        "dateline", "body",        "published",
                          "updated", "date_precision", "url",      "authors",     "language",
                          "section", "site",           "source",   "fingerprint", "warnings"};
  for (std::size_t i = 0; i < articles.size(); ++i) {
    for (const char* field : fields) EXPECT_TRUE(articles[i].contains(field)) << field;
    const boost::json::object& source = articles[i].at("source").as_object();
    EXPECT_EQ(source.at("file").as_string(), kFixture);
    EXPECT_EQ(source.at("format").as_string(), "reference");
    EXPECT_EQ(source.at("index").as_int64(), static_cast<std::int64_t>(i));
    EXPECT_EQ(articles[i].at("fingerprint").as_string().size(), 32u);
  }
  EXPECT_EQ(articles[1].at("title").as_string(),
            "US Treasury secretary says trade war with China is not ‘sustainable’");
  EXPECT_EQ(articles[1].at("updated").as_string(), "2025-04-22T11:10:48Z");
  EXPECT_EQ(articles[1].at("date_precision").as_string(), "second");
  EXPECT_EQ(articles[3].at("dateline").at("place").as_string(), "NEW DELHI");
  EXPECT_EQ(articles[3].at("dateline").at("date").as_string(), "April 22");
  EXPECT_TRUE(articles[0].at("published").is_null());
  EXPECT_EQ(articles[0].at("body").at(0).at("type").as_string(), "image");
}

TEST(ParseCommand, DefaultsTheReferenceTimeToTheFileModificationTime) {
  testing::TempDir dir;
  const auto copy = dir / "dump.txt";
  testing::WriteFile(copy, testing::ReadFile(kFixture));
  const timespec times[2] = {{1745323200, 0}, {1745323200, 0}};  // 2025-04-22T12:00:00Z
  ASSERT_EQ(utimensat(AT_FDCWD, copy.c_str(), times, 0), 0);
  const BinaryRun run = RunBinary(dir, {"parse", copy.string()});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const std::vector<boost::json::object> articles = JsonLines(run.out);
  ASSERT_EQ(articles.size(), 6u);
  EXPECT_EQ(articles[1].at("updated").as_string(), "2025-04-22T11:10:48Z");
}

TEST(ParseCommand, ReportsBadFilesAndStillParsesTheOthers) {
  testing::TempDir dir;
  testing::WriteFile(dir / "empty.txt", "");
  testing::WriteFile(dir / "binary.bin", std::string("PK\x03\x04\0\0\x14\0", 8));
  testing::WriteFile(dir / "truncated.txt", "Title\n\nTitle\nUpdated 22 April 2025\nFollow\n");
  std::filesystem::create_symlink(kFixture, dir / "link.txt");
  const std::string empty = (dir / "empty.txt").string();
  const std::string binary = (dir / "binary.bin").string();
  const std::string truncated = (dir / "truncated.txt").string();
  const std::string link = (dir / "link.txt").string();
  const std::string missing = (dir / "missing.txt").string();
  const BinaryRun run = RunBinary(dir, {"parse", "--reference-time", "2025-04-22T12:00:00Z", empty,
                                        kFixture, binary, truncated, link, missing});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(JsonLines(run.out).size(), 6u);
  EXPECT_EQ(run.err,
            empty + ": error: empty file\n" +                               //
                binary + ": error: binary data (NUL byte at offset 4)\n" +  //
                truncated +
                ": error: truncated article 1 (\"Title\"): the file ends before "
                "its body\n" +
                link + ": error: is a symbolic link (not followed)\n" +  //
                missing + ": error: No such file or directory\n");
}

TEST(ParseCommand, RejectsABadReferenceTimeAsUsage) {
  testing::TempDir dir;
  const BinaryRun run = RunBinary(dir, {"parse", "--reference-time", "yesterday", kFixture});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find("--reference-time"), std::string::npos) << run.err;
  const BinaryRun no_files = RunBinary(dir, {"parse"});
  EXPECT_EQ(no_files.exit_code, 2);
}

// Scraper outputs and feeds (issue [6/6]): articles with their dialect and external ids, skipped
// records as warnings on stderr, and exit 1 for a file with no usable article.
TEST(ParseCommand, ReadsScraperFilesAndFeeds) {
  testing::TempDir dir;
  const std::string reuters = testing::DataFile("real/fundus/Reuters.json").string();
  const std::string rss = testing::DataFile("real/rss/harbour_news.rss").string();
  const std::string atom = testing::DataFile("real/atom/field_notes.atom").string();
  const BinaryRun run =
      RunBinary(dir, {"parse", "--reference-time", "2025-04-22T12:00:00Z", reuters, rss, atom});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, rss + ": warning: item 3 has no title: skipped\n");
  const std::vector<boost::json::object> articles = JsonLines(run.out);
  ASSERT_EQ(articles.size(), 8u) << run.out;
  const char* formats[] = {"fundus", "fundus", "rss", "rss", "rss", "atom", "atom", "atom"};
  for (std::size_t i = 0; i < articles.size(); ++i) {
    EXPECT_EQ(articles[i].at("source").at("format").as_string(), formats[i]) << i;
    EXPECT_TRUE(articles[i].contains("external_id")) << i;
  }
  EXPECT_TRUE(articles[0].at("url").is_null());
  EXPECT_TRUE(articles[0].at("external_id").is_null());
  EXPECT_EQ(articles[2].at("external_id").as_string(), "https://harbourgazette.example/?p=48213");
  EXPECT_EQ(articles[5].at("external_id").as_string(),
            "tag:fieldnotes.example,2025-04-21:/2025/04/glacier-retreat");
  EXPECT_EQ(articles[2].at("source").at("index").as_int64(), 0);
}

TEST(ParseCommand, ExitsOneOnAFileWithNoUsableArticleOrBrokenJson) {
  testing::TempDir dir;
  const std::string video = testing::DataFile("real/newspaper4k/video_article_01.json").string();
  const std::string broken = (dir / "broken.json").string();
  testing::WriteFile(broken, "[\n  {\"title\": \"A\",\n   \"text\" \"a\"}\n]\n");
  const BinaryRun run =
      RunBinary(dir, {"parse", "--reference-time", "2025-04-22T12:00:00Z", video, broken});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err, video +
                         ": error: no usable article: record 1 (\"Let me Google that for you: "
                         "2014's most popular food-related searches\") has no text\n" +
                         broken +
                         ": error: invalid JSON at line 3, column 11, at \"\"a\"}\": syntax "
                         "error\n");
}

}  // namespace
}  // namespace synd

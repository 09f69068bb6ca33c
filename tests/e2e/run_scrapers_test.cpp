// `syndicated run` on what real scrapers and other sites' feeds write: the real daemon with real
// inotify reads each file by its shape and fails the one with no usable article, with its reason.
#include "tests/e2e/daemon_fixture.hpp"

namespace synd::testing {
namespace {

namespace fs = std::filesystem;
using std::chrono::seconds;

TEST_F(DaemonTest, ScraperFilesAreReadByTheirShapeAndOneWithoutAnArticleFails) {
  StartDaemon();
  for (const char* fixture : {"rss/harbour_news.rss", "fundus/Reuters.json",
                              "newspaper4k/video_article_01.json", "trafilatura/rover_dust.txt"}) {
    DropFile(root(), fs::path(fixture).filename().string(),
             ReadFile(DataFile(std::string("real/") + fixture)));
  }
  ASSERT_TRUE(WaitFor([&] { return CountInputs(inbox()) == 0; }, seconds(30))) << daemon_.Log();
  EXPECT_EQ(ReadFile(root() / "var/failed/video_article_01.json.error"),
            "no usable article: record 1 (\"Let me Google that for you: 2014's most popular "
            "food-related searches\") has no text\n");
  for (const char* done : {"harbour_news.rss", "Reuters.json", "rover_dust.txt"}) {
    EXPECT_TRUE(fs::exists(root() / "var/done" / done)) << done << "\n" << daemon_.Log();
  }
  // The log line follows the move.
  EXPECT_TRUE(WaitFor([&] {
    return daemon_.Log().find("file=Reuters.json format=json articles=2 new=2") !=
           std::string::npos;
  })) << daemon_.Log();
  // Files arriving together may be moved before the feeds are rendered: the daemon renders at
  // most every 200 ms while files keep coming, and once more when they stop.
  std::string feed;
  EXPECT_TRUE(WaitFor([&] {
    feed = Feed("all.atom");
    return feed.find("Lifeboat crew rescue two kayakers off Gull Rock") != std::string::npos &&
           feed.find("Rover finds layered rock that may record an ancient lake") !=
               std::string::npos;
  })) << feed;
}

}  // namespace
}  // namespace synd::testing

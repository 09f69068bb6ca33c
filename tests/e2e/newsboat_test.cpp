// A real feed reader against the served feeds (issue [3/6]): newsboat reloads the feed, a story
// is revised, newsboat reloads again — the item count does not grow and the title changes in
// place, because the story keeps its id (the RSS guid) for life.
#include "tests/e2e/daemon_fixture.hpp"

namespace synd::testing {
namespace {

struct Items {
  int count = -1;
  std::string titles;
};

// Reloads every feed in `urls` with newsboat (no terminal needed) and reads its cache.
Items Reload(const std::filesystem::path& dir) {
  const CommandResult reload = RunCommand(
      {"/usr/bin/newsboat", "-u", "urls", "-c", "cache.db", "-C", "newsboat.conf", "-x", "reload"},
      dir);
  EXPECT_EQ(reload.exit_code, 0) << reload.output;
  const CommandResult count =
      RunCommand({"/usr/bin/sqlite3", "cache.db", "SELECT count(*) FROM rss_item"}, dir);
  const CommandResult titles = RunCommand(
      {"/usr/bin/sqlite3", "cache.db", "SELECT title FROM rss_item ORDER BY title"}, dir);
  return Items{std::atoi(count.output.c_str()), titles.output};
}

TEST_F(DaemonTest, NewsboatSeesARevisionAsTheSameItemWithItsNewTitle) {
  StartDaemon();
  const std::string original = DistinctArticle(1);
  DropFile(root(), "one.txt", original);
  DropFile(root(), "two.txt", DistinctArticle(2));
  ASSERT_TRUE(WaitFor([&] { return CountInputs(root() / "var/done") == 2; })) << daemon_.Log();
  ASSERT_TRUE(WaitFor([&] { return Feed("all.rss").find("Story 2 ") != std::string::npos; }));

  WriteFile(root() / "urls",
            "http://127.0.0.1:" + std::to_string(daemon_.HttpPort()) + "/feeds/all.rss\n");
  WriteFile(root() / "newsboat.conf", "");
  const Items before = Reload(root());
  ASSERT_EQ(before.count, 2) << before.titles;

  // The same article under an edited title: a revision of story 1, not a new story.
  DropFile(root(), "one-revised.txt", RetitledArticle(1));
  ASSERT_TRUE(WaitFor([&] {
    return Feed("all.rss").find("Story 1 (updated)") != std::string::npos;
  })) << daemon_.Log();
  EXPECT_TRUE(WaitFor([&] {
    return daemon_.Log().find("file=one-revised.txt format=text articles=1 new=0 revised=1") !=
           std::string::npos;
  })) << daemon_.Log();

  const Items after = Reload(root());
  EXPECT_EQ(after.count, 2) << after.titles;
  EXPECT_NE(after.titles.find("Story 1 (updated)"), std::string::npos) << after.titles;
  const std::string old_title = original.substr(0, original.find('\n'));
  EXPECT_EQ(after.titles.find(old_title + "\n"), std::string::npos)
      << "the old title is gone: " << after.titles;
}

}  // namespace
}  // namespace synd::testing

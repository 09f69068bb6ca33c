#include "feeds/render/feed_writer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "feeds/render/feed_formats.hpp"
#include "tests/feeds/render/render_fixtures.hpp"
#include "tests/support/temp_dir.hpp"

namespace synd {
namespace {

using testing::MakeStory;
using testing::ReadFile;
using testing::TempDir;

// A store stand-in: stories kept in NewerFirst order, feed ids kept once minted.
class FakeStore {
 public:
  void Add(Story story) {
    stories_.push_back(std::move(story));
    std::stable_sort(stories_.begin(), stories_.end(), NewerFirst);
  }

  StoryVisitor Visitor() {
    return [this](const std::function<bool(const Story&)>&,
                  const std::function<bool(const Story&)>& sink) -> Status {
      if (!fail_.ok()) return fail_;
      for (const Story& story : stories_) {
        if (!sink(story)) break;
      }
      return Status::Ok();
    };
  }

  // Like the store's: asks before each story and, where the writer does not want the article,
  // passes the story without it (counting the articles passed).
  StoryVisitor LazyVisitor() {
    return [this](const std::function<bool(const Story&)>& wants_article,
                  const std::function<bool(const Story&)>& sink) -> Status {
      for (const Story& story : stories_) {
        Story head = story;
        head.article = Article{};
        const bool wanted = wants_article(head);
        articles_read_ += wanted ? 1 : 0;
        if (!sink(wanted ? story : head)) break;
      }
      return Status::Ok();
    };
  }

  // Replaces the story at `index` by its next revision, `updated` two days later, with `title`.
  Story Revise(std::size_t index, const std::string& title) {
    Story revised = stories_[index];
    revised.revision += 1;
    revised.updated += std::chrono::hours(48);
    revised.article.title = title;
    stories_.erase(stories_.begin() + static_cast<std::ptrdiff_t>(index));
    Add(revised);
    return revised;
  }

  FeedIdSource Ids(const SiteDef& site) {
    return
        [this, site](const FeedDef& feed, std::optional<TimePoint> first) -> Result<std::string> {
          if (auto it = ids_.find(feed.name); it != ids_.end()) return it->second;
          if (!first) return std::string();
          ++minted_;
          return ids_[feed.name] = MintFeedId(site, feed, *first);
        };
  }

  std::map<std::string, std::string> ids_;
  int minted_ = 0;
  int articles_read_ = 0;
  Status fail_;
  std::vector<Story> stories_;
};

std::vector<FeedDef> Feeds() {
  return {testing::AllFeed(),
          {.name = "china",
           .title = "China",
           .limit = 50,
           .include = {.keywords = {"China", "Beijing"}}},
          {.name = "sport", .title = "Sport", .limit = 50, .include = {.keywords = {"football"}}}};
}

class FeedWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (Story& s : testing::SampleStories()) store_.Add(std::move(s));
  }

  Result<WriteReport> Write(const std::vector<FeedDef>& feeds) {
    return WriteFeeds(out_.path(), site_, feeds, store_.Ids(site_), store_.Visitor());
  }

  SiteDef site_ = testing::TestSite();
  FakeStore store_;
  TempDir out_;
};

TEST_F(FeedWriterTest, WritesFeedsPagesOfShownStoriesAndIndex) {
  Result<WriteReport> report = Write(Feeds());
  ASSERT_TRUE(report.ok()) << report.status().message();
  std::vector<std::string> written = report->written;
  std::sort(written.begin(), written.end());
  EXPECT_EQ(written,
            (std::vector<std::string>{"all.atom", "all.json", "all.rss", "articles/7k3f9q2m.html",
                                      "articles/a1b2c3d4.html", "articles/z9y8x7w6.html",
                                      "china.atom", "china.json", "china.rss", "index.html",
                                      "sport.atom", "sport.json", "sport.rss"}));
  EXPECT_EQ(report->unchanged, 0u);
  EXPECT_EQ(report->stories_shown, 3u);
  // The same stories rendered alone give the same bytes as the writer's.
  const RenderedFeed all =
      RenderStories(site_, testing::AllFeed(), store_.ids_["all"], store_.stories_);
  EXPECT_EQ(ReadFile(out_ / "all.rss"), all.rss);
  EXPECT_EQ(ReadFile(out_ / "all.atom"), all.atom);
  EXPECT_EQ(ReadFile(out_ / "all.json"), all.json);
  EXPECT_NE(ReadFile(out_ / "china.rss").find("story/7k3f9q2m"), std::string::npos);
  EXPECT_EQ(ReadFile(out_ / "china.rss").find("story/a1b2c3d4"), std::string::npos);
}

TEST_F(FeedWriterTest, MintsFeedIdsOnlyForFeedsWithStories) {
  ASSERT_TRUE(Write(Feeds()).ok());
  EXPECT_EQ(store_.ids_, (std::map<std::string, std::string>{
                             {"all", "tag:news.example.org,2025:feed/all"},
                             {"china", "tag:news.example.org,2025:feed/china"}}));
  EXPECT_NE(ReadFile(out_ / "sport.atom").find("<id>http://127.0.0.1:8080/feeds/sport.atom</id>"),
            std::string::npos);
  // A stored id is kept even when an older story arrives from another year.
  store_.Add(MakeStory("older", FromCivil(2019, 1, 1), FromCivil(2019, 1, 1)));
  ASSERT_TRUE(Write(Feeds()).ok());
  EXPECT_EQ(store_.minted_, 2);
  EXPECT_NE(ReadFile(out_ / "all.atom").find("<id>tag:news.example.org,2025:feed/all</id>"),
            std::string::npos);
}

TEST_F(FeedWriterTest, SecondRunWithSameStoriesRewritesNothing) {
  ASSERT_TRUE(Write(Feeds()).ok());
  const auto before = std::filesystem::last_write_time(out_ / "all.rss");
  std::filesystem::last_write_time(out_ / "all.rss", before - std::chrono::hours(1));
  Result<WriteReport> again = Write(Feeds());
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_TRUE(again->written.empty());
  EXPECT_EQ(again->unchanged, 13u);
  EXPECT_EQ(std::filesystem::last_write_time(out_ / "all.rss"), before - std::chrono::hours(1));
}

TEST_F(FeedWriterTest, AnOlderNewStoryRewritesOnlyWhatShowsIt) {
  ASSERT_TRUE(Write(Feeds()).ok());
  store_.Add(MakeStory("late", FromCivil(2025, 1, 2), FromCivil(2025, 1, 2)));
  Result<WriteReport> report = Write(Feeds());
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->written,
            (std::vector<std::string>{"articles/late.html", "all.rss", "all.atom", "all.json"}));
}

TEST_F(FeedWriterTest, CacheRendersOnlyNewOrRevisedStories) {
  RenderCache cache;
  auto write = [&](const std::vector<FeedDef>& feeds) {
    return WriteFeeds(out_.path(), site_, feeds, store_.Ids(site_), store_.Visitor(), cache);
  };
  Result<WriteReport> first = write(Feeds());
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(first->items_rendered, 3u);
  Result<WriteReport> same = write(Feeds());
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->items_rendered, 0u);
  EXPECT_TRUE(same->written.empty());
  EXPECT_EQ(same->unchanged, 10u) << "article pages known to be on disk are not even compared";
  // A revision (new revision number, later `updated`) renders that story again, in place.
  const Story revised = store_.Revise(1, "Revised title");
  Result<WriteReport> after = write(Feeds());
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->items_rendered, 1u);
  EXPECT_NE(ReadFile(out_ / "all.atom").find("<title>Revised title</title>"), std::string::npos);
  EXPECT_EQ(ReadFile(out_ / "all.atom").find("Bell and form feed"), std::string::npos);
  // A deleted page comes back; a change of feeds starts afresh.
  std::filesystem::remove(out_ / "articles" / (revised.suffix + ".html"));
  ASSERT_TRUE(write(Feeds()).ok());
  EXPECT_TRUE(std::filesystem::exists(out_ / "articles" / (revised.suffix + ".html")));
  std::vector<FeedDef> fewer = Feeds();
  fewer.pop_back();
  Result<WriteReport> changed = write(fewer);
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(changed->items_rendered, 3u);
  EXPECT_EQ(cache.size(), 3u);
}

TEST_F(FeedWriterTest, ReadsOnlyTheArticlesItHasNotRendered) {
  RenderCache cache;
  auto write = [&] {
    return WriteFeeds(out_.path(), site_, Feeds(), store_.Ids(site_), store_.LazyVisitor(), cache);
  };
  Result<WriteReport> first = write();
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(store_.articles_read_, 3);
  std::map<std::string, std::string> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(out_.path())) {
    if (e.is_regular_file()) files[e.path().string()] = ReadFile(e.path());
  }
  {
    // The same stories again: nothing read, nothing rewritten.
    store_.articles_read_ = 0;
    Result<WriteReport> same = write();
    ASSERT_TRUE(same.ok()) << same.status().message();
    EXPECT_EQ(store_.articles_read_, 0);
    EXPECT_TRUE(same->written.empty());
    for (const auto& [path, bytes] : files) EXPECT_EQ(ReadFile(path), bytes) << path;
  }
  {
    // A deleted page: that story's article is read again and its page comes back as it was.
    const std::filesystem::path page = out_ / "articles" / (store_.stories_[2].suffix + ".html");
    std::filesystem::remove(page);
    store_.articles_read_ = 0;
    Result<WriteReport> again = write();
    ASSERT_TRUE(again.ok()) << again.status().message();
    EXPECT_EQ(store_.articles_read_, 1);
    EXPECT_EQ(ReadFile(page), files[page.string()]);
  }
  {
    // A revision: only the revised story is read, and the feeds show its new title.
    store_.Revise(1, "Revised title");
    store_.articles_read_ = 0;
    Result<WriteReport> after = write();
    ASSERT_TRUE(after.ok()) << after.status().message();
    EXPECT_EQ(store_.articles_read_, 1);
    EXPECT_NE(ReadFile(out_ / "all.atom").find("<title>Revised title</title>"), std::string::npos);
  }
}

TEST_F(FeedWriterTest, DoesNotReadArticlesOfStoriesNoFeedWithRoomShows) {
  // "all" holds one story; "china" wants only stories about China, so the stories between the
  // newest and the China story are visited with no feed to show them.
  std::vector<FeedDef> feeds = Feeds();
  feeds[0].limit = 1;
  feeds.pop_back();
  const TimePoint t = FromCivil(2025, 4, 1);
  for (int i = 0; i < 5; ++i) {
    Story s = MakeStory("m" + std::to_string(i), t, t + std::chrono::hours(100 + i));
    store_.Add(std::move(s));
  }
  RenderCache cache;
  auto write = [&] {
    return WriteFeeds(out_.path(), site_, feeds, store_.Ids(site_), store_.LazyVisitor(), cache);
  };
  ASSERT_TRUE(write().ok());
  store_.articles_read_ = 0;
  Result<WriteReport> again = write();
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_GT(again->stories_visited, 5u);
  EXPECT_EQ(store_.articles_read_, 0);
  EXPECT_TRUE(again->written.empty());
}

TEST_F(FeedWriterTest, APageStagedByAFailedRenderIsWrittenByTheNextOne) {
  RenderCache cache;
  const FeedIdSource failing = [](const FeedDef&, std::optional<TimePoint>) -> Result<std::string> {
    return Status::Io("cannot store feed id");
  };
  auto write = [&](const FeedIdSource& ids) {
    return WriteFeeds(out_.path(), site_, Feeds(), ids, store_.LazyVisitor(), cache);
  };
  ASSERT_TRUE(write(store_.Ids(site_)).ok());
  const Story revised = store_.Revise(0, "Revised title");
  // The revised page is rendered and staged, then the render fails before anything is written.
  ASSERT_FALSE(write(failing).ok());
  const std::filesystem::path page = out_ / "articles" / (revised.suffix + ".html");
  EXPECT_EQ(ReadFile(page).find("Revised title"), std::string::npos);
  ASSERT_TRUE(write(store_.Ids(site_)).ok());
  EXPECT_NE(ReadFile(page).find("Revised title"), std::string::npos);
}

TEST_F(FeedWriterTest, FirstRenderRemovesWhatACrashLeftBehind) {
  std::filesystem::create_directories(out_ / "articles");
  testing::WriteFile(out_ / ".all.rss.tmp", "half a feed");
  testing::WriteFile(out_ / ".all.rss.old", "the feed before");
  testing::WriteFile(out_ / "articles" / ".x.html.old", "an old page");
  testing::WriteFile(out_ / "notes.txt", "not ours to remove");
  ASSERT_TRUE(Write(Feeds()).ok());
  EXPECT_FALSE(std::filesystem::exists(out_ / ".all.rss.tmp"));
  EXPECT_FALSE(std::filesystem::exists(out_ / ".all.rss.old"));
  EXPECT_FALSE(std::filesystem::exists(out_ / "articles" / ".x.html.old"));
  EXPECT_EQ(ReadFile(out_ / "notes.txt"), "not ours to remove");
}

TEST_F(FeedWriterTest, StopsVisitingOnceEveryFeedIsFull) {
  const TimePoint t = FromCivil(2025, 4, 1);
  for (int i = 0; i < 100; ++i) {
    Story s = MakeStory("n" + std::to_string(i), t, t + std::chrono::minutes(i));
    if (i % 10 == 0) s.article.title += " Beijing";
    store_.Add(std::move(s));
  }
  std::vector<FeedDef> feeds = Feeds();
  feeds[0].limit = 3;
  feeds[1].limit = 2;
  feeds.pop_back();
  Result<WriteReport> report = Write(feeds);
  ASSERT_TRUE(report.ok()) << report.status().message();
  // Newest first: "all" is full after n99, n98, n97; "china" needs the two newest Beijing
  // stories, n90 and n80, so the visit ends at n80.
  EXPECT_EQ(report->stories_visited, 20u);
  EXPECT_EQ(report->stories_shown, 5u);
  EXPECT_TRUE(std::filesystem::exists(out_ / "articles" / "n80.html"));
  EXPECT_FALSE(std::filesystem::exists(out_ / "articles" / "n96.html"));
}

TEST_F(FeedWriterTest, PassesStoreAndIdErrorsThrough) {
  store_.fail_ = Status::Io("cannot read stories from state.db: disk I/O error");
  Result<WriteReport> report = Write(Feeds());
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().message(), "cannot read stories from state.db: disk I/O error");
  store_.fail_ = Status::Ok();
  const FeedIdSource failing = [](const FeedDef&, std::optional<TimePoint>) -> Result<std::string> {
    return Status::Io("cannot store feed id");
  };
  Result<WriteReport> ids = WriteFeeds(out_.path(), site_, Feeds(), failing, store_.Visitor());
  ASSERT_FALSE(ids.ok());
  EXPECT_EQ(ids.status().message(), "cannot store feed id");
}

TEST_F(FeedWriterTest, RejectsNamesThatAreNotPlainFileNames) {
  std::vector<FeedDef> feeds = {{.name = "../escape", .limit = 5}};
  Result<WriteReport> bad_feed = Write(feeds);
  ASSERT_FALSE(bad_feed.ok());
  EXPECT_EQ(bad_feed.status().code(), ErrorCode::kInvalidInput);
  Story bad = MakeStory("ok", FromCivil(2026, 1, 1), FromCivil(2026, 1, 1));
  bad.suffix = "../../etc/passwd";
  store_.Add(bad);
  Result<WriteReport> bad_story = Write(Feeds());
  ASSERT_FALSE(bad_story.ok());
  EXPECT_NE(bad_story.status().message().find("../../etc/passwd"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(out_.path().parent_path() / "etc"));
}

}  // namespace
}  // namespace synd

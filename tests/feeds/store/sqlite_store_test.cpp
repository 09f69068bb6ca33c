#include "feeds/store/sqlite_store.hpp"

#include <gtest/gtest.h>

#include "feeds/model/article_json.hpp"
#include "feeds/store/sqlite_schema.hpp"
#include "feeds/webhook/event_body.hpp"
#include "tests/support/temp_dir.hpp"

namespace synd {
namespace {

using testing::TempDir;

TimePoint At(int day, int hour = 0) { return FromCivil(2025, 4, static_cast<unsigned>(day), hour); }

std::unique_ptr<SqliteStore> OpenStore(const TempDir& dir, SqliteStoreOptions options = {}) {
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(dir / "s.db", options);
  EXPECT_TRUE(store.ok()) << store.status().message();
  return store.ok() ? std::move(*store) : nullptr;
}

// Inserts a story with one revision whose article has `title`; returns its key.
int64_t AddStory(Store& store, const std::string& suffix, TimePoint published, TimePoint updated,
                 const std::string& title) {
  StoryHead head{0, "tag:x," + suffix, suffix, published, published, updated, 1};
  Result<int64_t> key = store.InsertStory(head);
  EXPECT_TRUE(key.ok()) << key.status().message();
  Article a;
  a.title = title;
  a.fingerprint = "fp-" + suffix;
  RevisionRecord r;
  r.story_key = *key;
  r.fingerprint = a.fingerprint;
  r.article_json = SerializeArticle(a);
  r.signature = {1, 2, 3, 4};
  r.file_hash = "h";
  EXPECT_TRUE(store.InsertRevision(r).ok());
  return *key;
}

// Adds revision `revision` of story `key` with an article titled `title` (the head is not moved).
void AddRevision(Store& store, int64_t key, int revision, const std::string& title,
                 TimePoint seen) {
  Article a;
  a.title = title;
  RevisionRecord r{0,   key, revision, "fp" + std::to_string(revision), SerializeArticle(a),
                   {9}, "h", seen};
  ASSERT_TRUE(store.InsertRevision(r).ok());
}

TEST(SqliteStore, OpensInWalModeWithFullSyncAndTheLatestSchema) {
  TempDir dir;
  auto store = OpenStore(dir);
  ASSERT_TRUE(store);
  Result<Query> mode = store->db().Prepare("PRAGMA journal_mode");
  ASSERT_TRUE(mode.ok());
  ASSERT_TRUE(*mode->Step());
  EXPECT_EQ(mode->Text(0), "wal");
  EXPECT_EQ(*store->db().QueryInt("PRAGMA synchronous"), 2);  // FULL
  EXPECT_EQ(*store->db().QueryInt("PRAGMA user_version"), SqliteMigrations().back().version);
  EXPECT_GT(*store->db().QueryInt("PRAGMA busy_timeout"), 0);
  EXPECT_EQ(*store->db().QueryInt("PRAGMA page_size"), 16384);
}

TEST(SqliteStore, KeepsEverythingAcrossReopening) {
  TempDir dir;
  int64_t key = 0;
  {
    auto store = OpenStore(dir);
    ASSERT_TRUE(store->Begin().ok());
    key = AddStory(*store, "aaaaaaaa", At(1), At(2), "First");
    ASSERT_TRUE(
        store->PutFile({"hash1", "in.txt", At(1), FileOutcome::kDone, "", {3, 1, 1, 1}}).ok());
    ASSERT_TRUE(store->PutIdentity("url:https://e.org/a", key).ok());
    ASSERT_TRUE(store->SetFeedId("all", "tag:x,2025:feed/all").ok());
    ASSERT_TRUE(
        store->AppendEvent({0, "msg_aaaaaaaa_1", EventType::kCreated, key, 1, At(3), "{}"}).ok());
    ASSERT_TRUE(store->Commit().ok());
  }
  auto store = OpenStore(dir);
  Result<std::optional<Story>> story = store->LoadStory(key);
  ASSERT_TRUE(story.ok() && *story);
  EXPECT_EQ((*story)->id, "tag:x,aaaaaaaa");
  EXPECT_EQ((*story)->article.title, "First");
  EXPECT_EQ((*story)->updated, At(2));
  Result<std::optional<FileRecord>> file = store->FindFile("hash1");
  ASSERT_TRUE(file.ok() && *file);
  EXPECT_EQ(**file, (FileRecord{"hash1", "in.txt", At(1), FileOutcome::kDone, "", {3, 1, 1, 1}}));
  EXPECT_EQ(*store->FindIdentity("url:https://e.org/a"), std::optional<int64_t>(key));
  EXPECT_EQ(*store->GetFeedId("all"), std::optional<std::string>("tag:x,2025:feed/all"));
  EXPECT_EQ(store->EventsAfter(0, 10)->size(), 1u);
}

TEST(SqliteStore, RollbackDiscardsTheTransaction) {
  TempDir dir;
  auto store = OpenStore(dir);
  ASSERT_TRUE(store->Begin().ok());
  AddStory(*store, "aaaaaaaa", At(1), At(1), "Gone");
  ASSERT_TRUE(store->Rollback().ok());
  EXPECT_EQ(*store->CountStories(), 0);
  EXPECT_FALSE(store->InTransaction());
}

TEST(SqliteStore, RollbackToSavepointUndoesOneFileAndKeepsTheRest) {
  TempDir dir;
  auto store = OpenStore(dir);
  ASSERT_TRUE(store->Begin().ok());
  AddStory(*store, "aaaaaaaa", At(1), At(1), "Kept");
  ASSERT_TRUE(store->Savepoint("merge_file").ok());
  AddStory(*store, "bbbbbbbb", At(1), At(1), "Undone");
  ASSERT_TRUE(store->RollbackToSavepoint("merge_file").ok());
  EXPECT_TRUE(store->InTransaction());
  ASSERT_TRUE(store->Commit().ok());
  EXPECT_EQ(*store->CountStories(), 1);
  EXPECT_TRUE(store->LoadStoryBySuffix("aaaaaaaa")->has_value());
  EXPECT_FALSE(store->LoadStoryBySuffix("bbbbbbbb")->has_value());
  EXPECT_FALSE(store->Savepoint("bad name; DROP TABLE stories").ok());
}

TEST(SqliteStore, InsertsAStoryUnlessItsSuffixIsTaken) {
  TempDir dir;
  auto store = OpenStore(dir);
  const int64_t first = AddStory(*store, "aaaaaaaa", At(1), At(1), "First");
  // Another story with the same suffix: nothing written, and no error.
  StoryHead same{0, "tag:y,aaaaaaaa", "aaaaaaaa", At(2), At(2), At(2), 1};
  Result<std::optional<int64_t>> taken = store->InsertStoryUnlessSuffixTaken(same);
  ASSERT_TRUE(taken.ok()) << taken.status().message();
  EXPECT_FALSE(taken->has_value());
  EXPECT_EQ(*store->CountStories(), 1);
  EXPECT_EQ(store->FindStoryHead(first).value()->id, "tag:x,aaaaaaaa");
  // A free suffix: the story is inserted and its key returned.
  StoryHead other{0, "tag:y,bbbbbbbb", "bbbbbbbb", At(2), At(2), At(2), 1};
  Result<std::optional<int64_t>> inserted = store->InsertStoryUnlessSuffixTaken(other);
  ASSERT_TRUE(inserted.ok()) << inserted.status().message();
  ASSERT_TRUE(inserted->has_value());
  EXPECT_EQ(store->FindStoryHead(**inserted).value()->suffix, "bbbbbbbb");
  EXPECT_EQ(*store->CountStories(), 2);
}

TEST(SqliteStore, VisitsStoriesNewestFirstAndStopsWhenAsked) {
  TempDir dir;
  auto store = OpenStore(dir);
  ASSERT_TRUE(store->Begin().ok());
  AddStory(*store, "old", At(1), At(1), "old");
  AddStory(*store, "newest", At(1), At(5), "newest");
  AddStory(*store, "tie-later-published", At(3), At(4), "b");
  AddStory(*store, "tie-a", At(2), At(4), "a1");
  AddStory(*store, "tie-b", At(2), At(4), "a2");
  ASSERT_TRUE(store->Commit().ok());
  std::vector<std::string> order;
  ASSERT_TRUE(store
                  ->ForEachStoryNewestFirst([&](const Story& s) {
                    order.push_back(s.suffix);
                    return true;
                  })
                  .ok());
  EXPECT_EQ(order,
            (std::vector<std::string>{"newest", "tie-later-published", "tie-a", "tie-b", "old"}));
  order.clear();
  ASSERT_TRUE(store
                  ->ForEachStoryNewestFirst([&](const Story& s) {
                    order.push_back(s.suffix);
                    return order.size() < 2;
                  })
                  .ok());
  EXPECT_EQ(order.size(), 2u);
}

TEST(SqliteStore, VisitReadsOnlyTheArticlesAskedFor) {
  TempDir dir;
  auto store = OpenStore(dir);
  ASSERT_TRUE(store->Begin().ok());
  AddStory(*store, "old", At(1), At(1), "Old title");
  AddStory(*store, "newest", At(1), At(5), "Newest title");
  AddStory(*store, "middle", At(1), At(3), "Middle title");
  ASSERT_TRUE(store->Commit().ok());
  std::vector<std::string> asked, titles;
  ASSERT_TRUE(store
                  ->VisitStoriesNewestFirst(
                      [&](const Story& s) {
                        EXPECT_TRUE(s.article.title.empty()) << "asked before reading";
                        EXPECT_EQ(s.revision, 1);
                        EXPECT_EQ(s.updated, s.suffix == "newest"   ? At(5)
                                             : s.suffix == "middle" ? At(3)
                                                                    : At(1));
                        asked.push_back(s.suffix);
                        return s.suffix != "middle";
                      },
                      [&](const Story& s) {
                        titles.push_back(s.suffix + ":" + s.article.title);
                        return true;
                      })
                  .ok());
  EXPECT_EQ(asked, (std::vector<std::string>{"newest", "middle", "old"}));
  EXPECT_EQ(titles, (std::vector<std::string>{"newest:Newest title", "middle:", "old:Old title"}));
}

TEST(SqliteStore, VisitReadsNoRevisionForADeclinedArticle) {
  // A story whose revision row is missing: declined, its head alone is visited (nothing of the
  // revision is read); wanted, the visit stops with an error naming it.
  TempDir dir;
  auto store = OpenStore(dir);
  ASSERT_TRUE(store->Begin().ok());
  StoryHead head{0, "tag:x,lost", "lost", At(1), At(1), At(2), 1};
  ASSERT_TRUE(store->InsertStory(head).ok());
  ASSERT_TRUE(store->Commit().ok());
  int visited = 0;
  const auto visit = [&](const Story&) { return ++visited > 0; };
  EXPECT_TRUE(store->VisitStoriesNewestFirst([](const Story&) { return false; }, visit).ok());
  EXPECT_EQ(visited, 1);
  const Status wanted = store->VisitStoriesNewestFirst([](const Story&) { return true; }, visit);
  ASSERT_FALSE(wanted.ok());
  EXPECT_EQ(wanted.code(), ErrorCode::kCorrupt);
  EXPECT_NE(wanted.message().find("tag:x,lost"), std::string::npos) << wanted.message();
  EXPECT_EQ(visited, 1);
}

TEST(SqliteStore, LoadsStoriesBySuffixWithTheirCurrentRevision) {
  TempDir dir;
  auto store = OpenStore(dir);
  ASSERT_TRUE(store->Begin().ok());
  const int64_t key = AddStory(*store, "7k3f9q2m", At(1), At(1), "v1");
  AddRevision(*store, key, 2, "v2", At(2));
  ASSERT_TRUE(store->UpdateStoryHead({key, "", "", {}, {}, At(2), 2}).ok());
  ASSERT_TRUE(store->Commit().ok());
  Result<std::optional<Story>> s = store->LoadStoryBySuffix("7k3f9q2m");
  ASSERT_TRUE(s.ok() && *s);
  EXPECT_EQ((*s)->article.title, "v2");
  EXPECT_EQ((*s)->revision, 2);
  EXPECT_EQ((*s)->updated, At(2));
  EXPECT_EQ((*s)->published, At(1));
  EXPECT_EQ(*store->LoadSignature(key), std::vector<uint8_t>{9});
  EXPECT_TRUE(*store->StoryHasFingerprint(key, "fp-7k3f9q2m"));
  EXPECT_TRUE(*store->StoryHasFingerprint(key, "fp2"));
  EXPECT_FALSE(*store->StoryHasFingerprint(key, "fp3"));
  EXPECT_FALSE(*store->StoryHasFingerprint(key + 1, "fp2"));
  EXPECT_FALSE(store->LoadStoryBySuffix("nope")->has_value());
  EXPECT_EQ(store->LoadSignature(999).status().code(), ErrorCode::kNotFound);
}

TEST(SqliteStore, IdentityKeepsNamingItsFirstStory) {
  TempDir dir;
  auto store = OpenStore(dir);
  ASSERT_TRUE(store->Begin().ok());
  const int64_t a = AddStory(*store, "a", At(1), At(1), "a");
  const int64_t b = AddStory(*store, "b", At(1), At(1), "b");
  ASSERT_TRUE(store->PutIdentity("ext:1", a).ok());
  ASSERT_TRUE(store->PutIdentity("ext:1", b).ok());
  EXPECT_EQ(*store->FindIdentity("ext:1"), std::optional<int64_t>(a));
  EXPECT_FALSE(store->FindIdentity("ext:2")->has_value());
}

TEST(SqliteStore, EventsGetIncreasingSequenceNumbersAndUniqueIds) {
  TempDir dir;
  auto store = OpenStore(dir);
  ASSERT_TRUE(store->Begin().ok());
  const int64_t key = AddStory(*store, "a", At(1), At(1), "a");
  const int64_t s1 = *store->AppendEvent({0, "msg_a_1", EventType::kCreated, key, 1, At(1), "p1"});
  const int64_t s2 = *store->AppendEvent({0, "msg_a_2", EventType::kUpdated, key, 2, At(3), "p2"});
  EXPECT_LT(s1, s2);
  EXPECT_FALSE(store->AppendEvent({0, "msg_a_2", EventType::kUpdated, key, 2, At(3), "p"}).ok());
  ASSERT_TRUE(store->Commit().ok());
  std::vector<Event> after = *store->EventsAfter(s1, 10);
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].id, "msg_a_2");
  EXPECT_EQ(after[0].type, EventType::kUpdated);
  EXPECT_EQ(after[0].payload, "p2");
  EXPECT_EQ(after[0].time, At(3));
  EXPECT_EQ(store->EventsSince(At(2), 10)->size(), 1u);
  EXPECT_EQ(store->EventsAfter(0, 1)->size(), 1u);
  EXPECT_EQ((*store->FindEvent("msg_a_1"))->seq, s1);
}

// An event appended as an envelope keeps no copy of the article: the body is rendered from the
// revision it reports, so a later revision of the story does not change an earlier event's body.
TEST(SqliteStore, AnEventStoredAsAnEnvelopeReadsBackWithItsOwnRevisionsArticle) {
  TempDir dir;
  auto store = OpenStore(dir);
  ASSERT_TRUE(store->Begin().ok());
  const int64_t key = AddStory(*store, "a", At(1), At(1), "First title");
  AddRevision(*store, key, 2, "Second title", At(2));
  const std::string envelope = R"({"type":"article.created","data":{"id":"x","revision":1}})";
  const std::size_t at = envelope.find(",\"revision\"");
  ASSERT_TRUE(
      store->AppendEvent({0, "msg_a_1", EventType::kCreated, key, 1, At(1), envelope, at}).ok());
  const std::string envelope2 = R"({"data":{"id":"x"}})";
  ASSERT_TRUE(store
                  ->AppendEvent({0, "msg_a_2", EventType::kUpdated, key, 2, At(2), envelope2,
                                 envelope2.find("}}")})
                  .ok());
  ASSERT_TRUE(store->AppendEvent({0, "old", EventType::kCreated, key, 1, At(2), "whole"}).ok());
  ASSERT_TRUE(store->Commit().ok());
  EXPECT_LT(*store->db().QueryInt("SELECT max(length(payload)) FROM events"), 80);

  std::vector<Event> events = *store->EventsAfter(0, 10);
  ASSERT_EQ(events.size(), 3u);
  Article first, second;
  first.title = "First title";
  second.title = "Second title";
  EXPECT_EQ(events[0].payload, R"({"type":"article.created","data":{"id":"x",)" +
                                   EventArticleFields(first) + R"(,"revision":1}})");
  EXPECT_FALSE(events[0].article_at);
  EXPECT_EQ(events[1].payload, R"({"data":{"id":"x",)" + EventArticleFields(second) + "}}");
  EXPECT_EQ(events[2].payload, "whole");  // stored whole, as before schema version 5
  EXPECT_EQ((*store->FindEvent("msg_a_1"))->payload, events[0].payload);
  EXPECT_EQ(store->EventsSince(At(2), 10)->at(0).payload, events[1].payload);
}

TEST(SqliteStore, ReadersDoNotWaitForAWriterAndASecondWriterTimesOut) {
  TempDir dir;
  auto writer = OpenStore(dir);
  ASSERT_TRUE(writer->Begin().ok());
  AddStory(*writer, "a", At(1), At(1), "uncommitted");
  auto other = OpenStore(dir, SqliteStoreOptions{std::chrono::milliseconds(50)});
  ASSERT_TRUE(other);
  Result<int64_t> count = other->CountStories();
  ASSERT_TRUE(count.ok()) << count.status().message();
  EXPECT_EQ(*count, 0);  // the reader sees the last commit, not the open transaction
  Status busy = other->Begin();
  ASSERT_FALSE(busy.ok());
  EXPECT_NE(busy.message().find("s.db"), std::string::npos) << busy.message();
  ASSERT_TRUE(writer->Commit().ok());
  EXPECT_EQ(*other->CountStories(), 1);
  EXPECT_TRUE(other->Begin().ok());
}

TEST(SqliteStore, ReportsACorruptStoredArticleByStory) {
  TempDir dir;
  auto store = OpenStore(dir);
  ASSERT_TRUE(store->Begin().ok());
  const int64_t key = AddStory(*store, "a", At(1), At(1), "a");
  ASSERT_TRUE(store->db().Exec("UPDATE revisions SET article = 'not json'").ok());
  Result<std::optional<Story>> s = store->LoadStory(key);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), ErrorCode::kCorrupt);
  EXPECT_NE(s.status().message().find("tag:x,a"), std::string::npos) << s.status().message();
}

TEST(SqliteStore, RefusesAFileThatIsNotADatabase) {
  TempDir dir;
  testing::WriteFile(dir / "s.db", std::string(8192, 'x'));
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(dir / "s.db");
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find("s.db"), std::string::npos);
}

}  // namespace
}  // namespace synd

#include "feeds/store/sqlite_schema.hpp"

#include <gtest/gtest.h>

#include "feeds/store/sqlite_store.hpp"
#include "feeds/store/sqlite_time.hpp"
#include "tests/support/temp_dir.hpp"

namespace synd {
namespace {

using testing::TempDir;

std::unique_ptr<SqliteDb> OpenDb(const TempDir& dir) {
  Result<std::unique_ptr<SqliteDb>> db = SqliteDb::Open(dir / "m.db");
  EXPECT_TRUE(db.ok()) << db.status().message();
  return std::move(*db);
}

bool HasTable(SqliteDb& db, const char* name) {
  Result<Query> q = db.Prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1");
  q->Bind(1, std::string_view(name));
  return *q->Step();
}

constexpr Migration kV1[] = {{1, "CREATE TABLE a (x INTEGER);"}};
constexpr Migration kV2[] = {{1, "CREATE TABLE a (x INTEGER);"},
                             {2, "CREATE TABLE b (y INTEGER); INSERT INTO a VALUES (1);"}};
constexpr Migration kBroken[] = {{1, "CREATE TABLE a (x INTEGER);"},
                                 {2, "CREATE TABLE b (y INTEGER); CREATE TABLE a (z);"}};

TEST(Migrate, RunsEachMigrationOnceInOrderAcrossReopening) {
  TempDir dir;
  {
    auto db = OpenDb(dir);
    ASSERT_TRUE(Migrate(*db, kV1).ok());
    EXPECT_EQ(*db->QueryInt("PRAGMA user_version"), 1);
    EXPECT_TRUE(HasTable(*db, "a"));
  }
  auto db = OpenDb(dir);
  ASSERT_TRUE(Migrate(*db, kV2).ok());  // only 1 -> 2 runs; creating `a` again would fail
  EXPECT_EQ(*db->QueryInt("PRAGMA user_version"), 2);
  EXPECT_TRUE(HasTable(*db, "b"));
  ASSERT_TRUE(Migrate(*db, kV2).ok());
  EXPECT_EQ(*db->QueryInt("SELECT count(*) FROM a"), 1);
}

TEST(Migrate, AFailedMigrationLeavesTheVersionAndNoPartialChange) {
  TempDir dir;
  auto db = OpenDb(dir);
  Status s = Migrate(*db, kBroken);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("schema version 2"), std::string::npos) << s.message();
  EXPECT_EQ(*db->QueryInt("PRAGMA user_version"), 1);
  EXPECT_FALSE(HasTable(*db, "b"));
}

TEST(Migrate, RefusesASchemaNewerThanTheBinary) {
  TempDir dir;
  auto db = OpenDb(dir);
  ASSERT_TRUE(Migrate(*db, kV2).ok());
  Status s = Migrate(*db, kV1);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), ErrorCode::kCorrupt);
  EXPECT_NE(s.message().find("newer"), std::string::npos) << s.message();
}

TEST(SqliteStore, MigratesAVersion1StoreKeepingItsStoriesAndDroppingTheShingles) {
  TempDir dir;
  {
    auto db = OpenDb(dir);
    ASSERT_TRUE(Migrate(*db, SqliteMigrations().first(1)).ok());
    ASSERT_TRUE(db->Exec("INSERT INTO stories VALUES (1, 'tag:x,2025-04-01:story/a', 'a', 0, 0, 0,"
                         " 1); INSERT INTO revisions VALUES (1, 1, 1, 'fp', '{\"title\":\"T\"}',"
                         " x'01000000', x'02000000', 'h', 0);")
                    .ok());
  }
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(dir / "m.db");
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_EQ(*(*store)->db().QueryInt("PRAGMA user_version"), SqliteMigrations().back().version);
  Result<std::optional<Story>> story = (*store)->LoadStory(1);
  ASSERT_TRUE(story.ok() && *story) << story.status().message();
  EXPECT_EQ((*story)->article.title, "T");
  EXPECT_TRUE(*(*store)->StoryHasFingerprint(1, "fp"));
  EXPECT_EQ(*(*store)->LoadSignature(1), (std::vector<uint8_t>{1, 0, 0, 0}));
  EXPECT_EQ(*(*store)->db().QueryInt(
                "SELECT count(*) FROM pragma_table_info('revisions') WHERE name = 'shingles'"),
            0);
}

// Binaries before schema version 3 created the delivery tables outside the migrations: such a
// store has them, with rows, and must keep them.
TEST(SqliteStore, MigratesAVersion2StoreKeepingTheDeliveriesAnEarlierBinaryMade) {
  TempDir dir;
  {
    auto db = OpenDb(dir);
    ASSERT_TRUE(Migrate(*db, SqliteMigrations().first(2)).ok());
    ASSERT_TRUE(
        db->Exec("CREATE TABLE webhook_cursors (webhook TEXT PRIMARY KEY, last_seq INTEGER"
                 " NOT NULL, disabled_reason TEXT, disabled_at_ms INTEGER);"
                 " CREATE TABLE deliveries (id INTEGER PRIMARY KEY, webhook TEXT NOT NULL,"
                 " event_seq INTEGER NOT NULL, state INTEGER NOT NULL, attempts INTEGER NOT"
                 " NULL, next_attempt_ms INTEGER NOT NULL, last_attempt_ms INTEGER,"
                 " last_status INTEGER, last_error TEXT);"
                 " INSERT INTO webhook_cursors VALUES ('crm', 7, NULL, NULL);"
                 " INSERT INTO deliveries VALUES (1, 'crm', 7, 0, 2, 1000, NULL, NULL, NULL);")
            .ok());
  }
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(dir / "m.db");
  ASSERT_TRUE(store.ok()) << store.status().message();
  SqliteDb& db = (*store)->db();
  EXPECT_EQ(*db.QueryInt("PRAGMA user_version"), SqliteMigrations().back().version);
  EXPECT_EQ(*db.QueryInt("SELECT attempts FROM deliveries WHERE id = 1"), 2);
  EXPECT_EQ(*db.QueryInt("SELECT last_seq FROM webhook_cursors WHERE webhook = 'crm'"), 7);
  EXPECT_EQ(*db.QueryInt("SELECT count(*) FROM sqlite_master WHERE name = 'deliveries_due'"), 1);
}

// Version 4 rebuilds the stories table without the UNIQUE index on id; the rows that refer to
// stories (revisions, identity keys, events) must still find them by the same keys.
TEST(SqliteStore, MigratesAVersion3StoreKeepingStoryKeysIdsAndReferences) {
  TempDir dir;
  {
    auto db = OpenDb(dir);
    ASSERT_TRUE(Migrate(*db, SqliteMigrations().first(3)).ok());
    ASSERT_TRUE(db->Exec("INSERT INTO stories VALUES (7, 'tag:x,2025-04-01:story/a', 'a', 1, 2,"
                         " 3, 1); INSERT INTO revisions VALUES (1, 7, 1, 'fp', '{\"title\":\"T\"}',"
                         " x'01000000', 'h', 0); INSERT INTO identity_keys VALUES ('url', 7);"
                         " INSERT INTO events (id, type, story, revision, time, payload) VALUES"
                         " ('msg_a_1', 'article.created', 7, 1, 5, '{}');")
                    .ok());
  }
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(dir / "m.db");
  ASSERT_TRUE(store.ok()) << store.status().message();
  SqliteDb& db = (*store)->db();
  EXPECT_EQ(*db.QueryInt("PRAGMA user_version"), SqliteMigrations().back().version);
  EXPECT_EQ(*db.QueryInt("PRAGMA foreign_keys"), 1);
  EXPECT_EQ(*db.QueryInt("SELECT count(*) FROM pragma_foreign_key_check"), 0);
  Result<std::optional<Story>> story = (*store)->LoadStory(7);
  ASSERT_TRUE(story.ok() && *story) << story.status().message();
  EXPECT_EQ((*story)->id, "tag:x,2025-04-01:story/a");
  EXPECT_EQ((*story)->updated, FromUnixSeconds(3));
  EXPECT_EQ((*story)->article.title, "T");
  EXPECT_EQ(**(*store)->FindIdentity("url"), 7);
  EXPECT_EQ((*store)->EventsAfter(0, 10)->at(0).story_key, 7);
  // Indexes now: the suffix's (still UNIQUE) and newest-first; none on id alone.
  EXPECT_EQ(*db.QueryInt("SELECT count(*) FROM pragma_index_list('stories')"), 2);
  EXPECT_EQ(*db.QueryInt("SELECT count(*) FROM pragma_index_list('stories') WHERE name ="
                         " 'stories_newest_first'"),
            1);
  ASSERT_TRUE((*store)->Begin().ok());
  StoryHead same_suffix{0, "tag:y,2025-04-02:story/a", "a", {}, {}, {}, 1};
  EXPECT_FALSE((*store)->InsertStory(same_suffix).ok());
  StoryHead next{0, "tag:x,2025-04-02:story/b", "b", {}, {}, {}, 1};
  EXPECT_EQ(*(*store)->InsertStory(next), 8);  // keys continue after the migrated ones
  ASSERT_TRUE((*store)->Rollback().ok());
}

// Version 5 stores new events as envelopes; the events already there keep their whole bodies
// and are delivered byte for byte as before.
TEST(SqliteStore, MigratesAVersion4StoreKeepingItsEventsWholeBodies) {
  TempDir dir;
  const std::string body = R"({"type":"article.created","data":{"id":"x","title":"T"}})";
  {
    auto db = OpenDb(dir);
    ASSERT_TRUE(Migrate(*db, SqliteMigrations().first(4)).ok());
    ASSERT_TRUE(db->Exec("INSERT INTO stories VALUES (7, 'tag:x,2025-04-01:story/a', 'a', 1, 2,"
                         " 3, 1); INSERT INTO revisions VALUES (1, 7, 1, 'fp', '{\"title\":\"U\"}',"
                         " x'01000000', 'h', 0); INSERT INTO events (id, type, story, revision,"
                         " time, payload) VALUES ('msg_a_1', 'article.created', 7, 1, 5, '" +
                         body + "');")
                    .ok());
  }
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(dir / "m.db");
  ASSERT_TRUE(store.ok()) << store.status().message();
  SqliteDb& db = (*store)->db();
  EXPECT_EQ(*db.QueryInt("PRAGMA user_version"), SqliteMigrations().back().version);
  EXPECT_EQ(*db.QueryInt("SELECT count(*) FROM events WHERE article_at IS NULL"), 1);
  Result<std::vector<Event>> events = (*store)->EventsAfter(0, 10);
  ASSERT_TRUE(events.ok()) << events.status().message();
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ(events->at(0).payload, body);
}

// The rebuild runs with enforcement off, so it checks the references itself before committing.
TEST(SqliteStore, LeavesAVersion3StoreWithABrokenReferenceAtVersion3) {
  TempDir dir;
  {
    auto db = OpenDb(dir);
    ASSERT_TRUE(Migrate(*db, SqliteMigrations().first(3)).ok());
    ASSERT_TRUE(db->Exec("INSERT INTO revisions VALUES (1, 99, 1, 'fp', '{}', x'', 'h', 0);").ok());
  }
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(dir / "m.db");
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find("schema version 4"), std::string::npos)
      << store.status().message();
  auto db = OpenDb(dir);
  EXPECT_EQ(*db->QueryInt("PRAGMA user_version"), 3);
  EXPECT_EQ(*db->QueryInt("SELECT count(*) FROM pragma_index_list('stories')"), 3);
}

TEST(SqliteStore, RefusesAStoreWrittenByANewerBinary) {
  TempDir dir;
  {
    auto db = OpenDb(dir);
    ASSERT_TRUE(db->Exec("PRAGMA user_version = 999").ok());
  }
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(dir / "m.db");
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find("999"), std::string::npos);
}

}  // namespace
}  // namespace synd

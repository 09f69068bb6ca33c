#include "feeds/dedupe/merger.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <deque>

#include "feeds/dedupe/event_payload.hpp"
#include "feeds/dedupe/identity.hpp"
#include "tests/feeds/dedupe/failing_store.hpp"
#include "tests/feeds/dedupe/merge_fixture.hpp"

namespace synd {
namespace {

using testing::MergeFixture;
using testing::SyntheticArticle;
using testing::Words;

using MergerTest = MergeFixture;

TEST_F(MergerTest, NewArticleBecomesAStoryWithATagIdAndACreatedEvent) {
  Article a = SyntheticArticle(1);
  a.updated = FromCivil(2025, 3, 28);
  const FileResult r = Apply({a}, "a.txt");
  ASSERT_EQ(r.decisions.size(), 1u);
  EXPECT_EQ(r.decisions[0].decision, Decision::kCreated);
  EXPECT_EQ(r.record.counts, (FileCounts{1, 1, 0, 0}));
  const Story s = Load(r.decisions[0].story_key);
  EXPECT_EQ(s.id, "tag:news.example.org,2025-03-28:story/" + s.suffix);
  EXPECT_EQ(s.suffix.size(), 8u);
  EXPECT_EQ(s.published, FromCivil(2025, 3, 28));
  EXPECT_EQ(s.updated, FromCivil(2025, 3, 28));
  EXPECT_EQ(s.revision, 1);
  const std::vector<Event> events = *store_->EventsAfter(0, 10);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].type, EventType::kCreated);
  EXPECT_EQ(events[0].id, "msg_" + s.suffix + "_1");
  const auto payload = boost::json::parse(events[0].payload);
  EXPECT_EQ(payload.at("data").at("id"), s.id.c_str());
  EXPECT_EQ(payload.at("data").at("revision"), 1);
  EXPECT_EQ(payload.at("data").at("title"), a.title.c_str());
}

// The outbox row keeps the body's envelope; the article's fields come from the revision row, so
// the article is stored once, and the body read back has them where EventPayload puts them.
TEST_F(MergerTest, EventRowHoldsNoSecondCopyOfTheArticle) {
  const Article a = SyntheticArticle(1);
  const FileResult r = Apply({a}, "a.txt");
  const Story s = Load(r.decisions[0].story_key);
  SqliteDb& db = store_->db();
  EXPECT_LT(*db.QueryInt("SELECT length(payload) FROM events"), 400);
  EXPECT_GT(*db.QueryInt("SELECT length(article) FROM revisions"), 400);
  const std::vector<Event> events = *store_->EventsAfter(0, 10);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_NE(events[0].payload.find(
                ",\"url\":" + std::string("\"https://news.example.org/articles/") + s.suffix +
                ".html\"," + EventArticleFields(s.article) + ",\"published\":"),
            std::string::npos)
      << events[0].payload.substr(0, 300);
}

TEST_F(MergerTest, SameFileContentTwiceIsKnownAndChangesNothing) {
  Apply({SyntheticArticle(1)}, "a.txt");
  const FileResult again = Apply({SyntheticArticle(1)}, "renamed.txt", {}, "hash-a.txt");
  EXPECT_TRUE(again.already_ingested);
  EXPECT_EQ(again.record.name, "a.txt");
  EXPECT_EQ(*store_->CountStories(), 1);
  EXPECT_EQ(store_->EventsAfter(0, 10)->size(), 1u);
}

TEST_F(MergerTest, ExactRepeatInAnotherFileIsARepeatWithoutEvent) {
  const FileResult first = Apply({SyntheticArticle(1)}, "a.txt");
  const FileResult second = Apply({SyntheticArticle(1), SyntheticArticle(2)}, "b.txt");
  ASSERT_EQ(second.decisions.size(), 2u);
  EXPECT_EQ(second.decisions[0].decision, Decision::kRepeat);
  EXPECT_EQ(second.decisions[0].story_key, first.decisions[0].story_key);
  EXPECT_EQ(second.record.counts, (FileCounts{2, 1, 0, 1}));
  EXPECT_EQ(store_->EventsAfter(0, 10)->size(), 2u);
}

TEST_F(MergerTest, EditedParagraphIsARevisionThatMovesUpdatedAndKeepsTheId) {
  Article v1 = SyntheticArticle(7, 12);
  v1.published = FromCivil(2025, 4, 20, 9);
  const FileResult r1 = Apply({v1}, "a.txt", FromCivil(2025, 4, 20, 10));
  Article v2 = v1;
  v2.body[5].text = Words(99, 60);
  v2.published = FromCivil(2025, 4, 20, 9);  // the same stated date: updated moves anyway
  const FileResult r2 = Apply({v2}, "b.txt", FromCivil(2025, 4, 20, 8));
  ASSERT_EQ(r2.decisions[0].decision, Decision::kRevised);
  EXPECT_EQ(r2.decisions[0].story_key, r1.decisions[0].story_key);
  const Story s = Load(r1.decisions[0].story_key);
  EXPECT_EQ(s.id, r1.decisions[0].story_id);
  EXPECT_EQ(s.revision, 2);
  EXPECT_EQ(s.published, FromCivil(2025, 4, 20, 9));
  EXPECT_EQ(s.updated, FromCivil(2025, 4, 20, 9, 0, 1));  // one second past the previous
  EXPECT_EQ(s.article.body[5].text, Words(99, 60));
  const std::vector<Event> events = *store_->EventsAfter(0, 10);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].type, EventType::kUpdated);
  EXPECT_EQ(events[1].revision, 2);
}

TEST_F(MergerTest, RevisionUpdatedIsTheLaterOfStatedDateAndReferenceTime) {
  Article v1 = SyntheticArticle(7, 12);
  const FileResult r1 = Apply({v1}, "a.txt", FromCivil(2025, 4, 20));
  Article v2 = v1;
  v2.body.push_back({BlockType::kParagraph, Words(5, 40)});
  v2.updated = FromCivil(2025, 4, 25);
  Apply({v2}, "b.txt", FromCivil(2025, 4, 21));
  EXPECT_EQ(Load(r1.decisions[0].story_key).updated, FromCivil(2025, 4, 25));
  Article v3 = v2;
  v3.body.push_back({BlockType::kParagraph, Words(6, 40)});
  v3.updated = FromCivil(2025, 4, 22);
  Apply({v3}, "c.txt", FromCivil(2025, 4, 26, 6));
  EXPECT_EQ(Load(r1.decisions[0].story_key).updated, FromCivil(2025, 4, 26, 6));
}

TEST_F(MergerTest, SameCanonicalUrlIsARevisionEvenWhenTheTextDiffers) {
  Article v1 = SyntheticArticle(1);
  v1.url = "https://example.org/story?utm_source=feed";
  const FileResult r1 = Apply({v1}, "a.txt");
  Article v2 = SyntheticArticle(2);  // unrelated text
  v2.url = "https://EXAMPLE.org:443/story#top";
  const FileResult r2 = Apply({v2}, "b.txt");
  EXPECT_EQ(r2.decisions[0].decision, Decision::kRevised);
  EXPECT_EQ(r2.decisions[0].story_key, r1.decisions[0].story_key);
}

TEST_F(MergerTest, SameExternalIdIsARevision) {
  Article v1 = SyntheticArticle(1);
  v1.external_id = "urn:uuid:42";
  const FileResult r1 = Apply({v1}, "a.txt");
  Article v2 = SyntheticArticle(2);
  v2.external_id = "urn:uuid:42";
  EXPECT_EQ(Apply({v2}, "b.txt").decisions[0].story_key, r1.decisions[0].story_key);
}

TEST_F(MergerTest, StoriesSharingOneParagraphStayTwoStories) {
  Article a = SyntheticArticle(1, 10);
  Article b = SyntheticArticle(2, 10);
  b.body[3] = a.body[3];  // a shared quote
  const FileResult r = Apply({a, b}, "a.txt");
  EXPECT_EQ(r.decisions[0].decision, Decision::kCreated);
  EXPECT_EQ(r.decisions[1].decision, Decision::kCreated);
  EXPECT_EQ(*store_->CountStories(), 2);
}

TEST_F(MergerTest, GrownStoryIsARevisionByContainment) {
  Article v1 = SyntheticArticle(3, 6);
  const FileResult r1 = Apply({v1}, "a.txt");
  Article v2 = v1;
  for (uint32_t p = 0; p < 3; ++p) v2.body.push_back({BlockType::kParagraph, Words(500 + p, 60)});
  const FileResult r2 = Apply({v2}, "b.txt");  // Jaccard about 0.67, containment 1
  EXPECT_EQ(r2.decisions[0].decision, Decision::kRevised);
  EXPECT_EQ(r2.decisions[0].story_key, r1.decisions[0].story_key);
}

TEST_F(MergerTest, RevisionOfAStorySeenEarlierInTheSameFile) {
  Article v1 = SyntheticArticle(4);
  Article v2 = v1;
  v2.title = "A new title " + Words(1234, 3);
  Article v3 = v2;
  v3.body.push_back({BlockType::kParagraph, Words(77, 30)});
  const FileResult r = Apply({v1, v2, v1, v3}, "a.txt");
  ASSERT_EQ(r.decisions.size(), 4u);
  EXPECT_EQ(r.decisions[0].decision, Decision::kCreated);
  EXPECT_EQ(r.decisions[1].decision, Decision::kRevised);
  EXPECT_EQ(r.decisions[2].decision, Decision::kRepeat);  // an older version re-sent
  EXPECT_EQ(r.decisions[3].decision, Decision::kRevised);
  const Story s = Load(r.decisions[0].story_key);
  EXPECT_EQ(s.revision, 3);
  EXPECT_EQ(s.article.title, v2.title);
  EXPECT_EQ(r.record.counts, (FileCounts{4, 1, 2, 1}));
}

TEST_F(MergerTest, IdsAndDecisionsSurviveReopeningAndANewIdAuthority) {
  const FileResult r1 = Apply({SyntheticArticle(1)}, "a.txt");
  MergeOptions changed = DefaultOptions();
  changed.site.id_authority = "other.example.com";
  changed.site.base_url = "https://other.example.com/";
  Reopen(changed);
  Article v2 = SyntheticArticle(1);
  v2.body[0].text += " with one more sentence";
  const FileResult r2 = Apply({SyntheticArticle(1), v2, SyntheticArticle(9)}, "b.txt");
  EXPECT_EQ(r2.decisions[0].decision, Decision::kRepeat);
  EXPECT_EQ(r2.decisions[1].decision, Decision::kRevised);
  EXPECT_EQ(r2.decisions[1].story_id, r1.decisions[0].story_id);  // old authority kept
  EXPECT_EQ(r2.decisions[2].story_id.rfind("tag:other.example.com,", 0), 0u);
}

TEST_F(MergerTest, SuffixCollisionGetsALongerSuffix) {
  // Two stories whose fingerprints share their first 40 bits cannot both take 8 characters.
  const FileResult r1 = Apply({SyntheticArticle(1)}, "a.txt");
  const Story first = Load(r1.decisions[0].story_key);
  Article clash = SyntheticArticle(2);
  PreparedFile file{"h2", "b.txt", FromCivil(2025, 4, 22), {testing::Prepare(clash)}};
  const std::string wanted = Base32FromHex(file.articles[0].article.fingerprint).substr(0, 8);
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->db().Exec("UPDATE stories SET suffix = '" + wanted + "'").ok());
  ASSERT_TRUE(store_->Commit().ok());
  ASSERT_TRUE(merger_->Begin().ok());
  Result<FileResult> r = merger_->ApplyFile(file, {});
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_TRUE(merger_->Commit().ok());
  const Story second = Load(r->decisions[0].story_key);
  EXPECT_EQ(second.suffix, Base32FromHex(file.articles[0].article.fingerprint).substr(0, 9));
  EXPECT_NE(first.id, second.id);
}

// A failure belongs to the build that parsed the file: the same bytes dropped again are tried
// again, and once they parse they are ingested like any new file.
TEST_F(MergerTest, ContentThatFailedIsTriedAgainWhenDroppedAgain) {
  ASSERT_TRUE(merger_->Begin().ok());
  Result<FileResult> r =
      merger_->RecordFailure("hx", "bad.txt", FromCivil(2025, 4, 1), "no article");
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->already_ingested);
  ASSERT_TRUE(merger_->Commit().ok());

  ASSERT_TRUE(merger_->Begin().ok());
  Result<FileResult> again = merger_->RecordFailure("hx", "bad2.txt", {}, "other");
  ASSERT_TRUE(merger_->Commit().ok());
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->already_ingested);
  EXPECT_EQ(again->record.reason, "other");
  EXPECT_EQ(store_->FindFile("hx")->value().reason, "other");

  ASSERT_TRUE(merger_->Begin().ok());
  PreparedFile parsed{
      "hx", "bad3.txt", FromCivil(2025, 4, 22), {testing::Prepare(SyntheticArticle(1))}};
  Result<FileResult> taken = merger_->ApplyFile(parsed, {});
  ASSERT_TRUE(merger_->Commit().ok());
  ASSERT_TRUE(taken.ok());
  EXPECT_FALSE(taken->already_ingested);
  EXPECT_EQ(taken->record.outcome, FileOutcome::kDone);
  EXPECT_EQ(taken->record.counts.created, 1);
  EXPECT_EQ(store_->FindFile("hx")->value().outcome, FileOutcome::kDone);

  // Ingested content stays ingested, whatever a later parse says.
  ASSERT_TRUE(merger_->Begin().ok());
  Result<FileResult> known = merger_->RecordFailure("hx", "bad4.txt", {}, "broken");
  Result<FileResult> repeat = merger_->ApplyFile(parsed, {});
  ASSERT_TRUE(merger_->Commit().ok());
  ASSERT_TRUE(known.ok() && repeat.ok());
  EXPECT_TRUE(known->already_ingested);
  EXPECT_EQ(known->record.outcome, FileOutcome::kDone);
  EXPECT_TRUE(repeat->already_ingested);
}

TEST_F(MergerTest, RollbackUndoesTheIndexSoTheSameFilesGiveTheSameDecisions) {
  ASSERT_TRUE(merger_->Begin().ok());
  PreparedFile f{"h1", "a.txt", FromCivil(2025, 4, 22), {testing::Prepare(SyntheticArticle(1))}};
  ASSERT_TRUE(merger_->ApplyFile(f, {}).ok());
  ASSERT_TRUE(merger_->Rollback().ok());
  EXPECT_EQ(*store_->CountStories(), 0);
  const FileResult r = Apply({SyntheticArticle(1)}, "a.txt");
  EXPECT_EQ(r.decisions[0].decision, Decision::kCreated)
      << "the index forgot the rolled-back story";
}

// The merger keeps the shingle sets of stories it wrote; one written by a rolled-back revision
// must not stand in for the story's stored version afterwards.
TEST_F(MergerTest, RolledBackRevisionIsNotWhatLaterArticlesAreComparedWith) {
  Article v1 = SyntheticArticle(1);
  v1.url = "https://example.org/a";
  const FileResult r1 = Apply({v1}, "a.txt");
  Article v2 = v1;  // a revision by its URL whose text shares only 6 of 8 paragraphs
  v2.body[0].text = Words(77, 60);
  v2.body[1].text = Words(78, 60);
  ASSERT_TRUE(merger_->Begin().ok());
  PreparedFile f{"h2", "b.txt", FromCivil(2025, 4, 22), {testing::Prepare(v2)}};
  Result<FileResult> revised = merger_->ApplyFile(f, {});
  ASSERT_TRUE(revised.ok()) << revised.status().message();
  ASSERT_EQ(revised->decisions[0].decision, Decision::kRevised);
  ASSERT_TRUE(merger_->Rollback().ok());
  // Near the undone v2, not near the stored v1: a new story.
  Article near_v2 = v2;
  near_v2.url.reset();
  near_v2.body[5].text += " and one more word";
  const FileResult r3 = Apply({near_v2}, "c.txt");
  EXPECT_EQ(r3.decisions[0].decision, Decision::kCreated);
  EXPECT_NE(r3.decisions[0].story_key, r1.decisions[0].story_key);
}

TEST_F(MergerTest, IndexStaysUnderFiveHundredTwelveBytesPerStory) {
  std::deque<PreparedFile> files;  // alive until the commit, as ApplyFile requires
  ASSERT_TRUE(merger_->Begin().ok());
  for (uint32_t batch = 0; batch < 20; ++batch) {
    PreparedFile& f = files.emplace_back(
        PreparedFile{"h" + std::to_string(batch), "f", FromCivil(2025, 4, 22), {}});
    for (uint32_t i = 0; i < 150; ++i) {
      f.articles.push_back(testing::Prepare(SyntheticArticle(batch * 1000 + i + 1, 2)));
    }
    ASSERT_TRUE(merger_->ApplyFile(f, {}).ok());
  }
  ASSERT_TRUE(merger_->Commit().ok());
  const double per_story = static_cast<double>(merger_->IndexBytes()) / 3000;
  EXPECT_LE(per_story, 512) << merger_->IndexBytes();
  Reopen();
  EXPECT_LE(static_cast<double>(merger_->IndexBytes()) / 3000, 512);
}

}  // namespace
}  // namespace synd

namespace synd {
namespace {

PreparedFile FileOf(const std::string& name, std::vector<uint32_t> seeds) {
  PreparedFile f{"hash-" + name, name, FromCivil(2025, 4, 22), {}};
  for (uint32_t seed : seeds) f.articles.push_back(testing::Prepare(SyntheticArticle(seed)));
  return f;
}

TEST_F(MergerTest, AFailureMidFileUndoesThatFileOnlyInStoreAndMemory) {
  testing::FailingStore failing(*store_);
  auto merger = Merger::Open(failing, DefaultOptions());
  ASSERT_TRUE(merger.ok());
  failing.FailAppendEventAfter(2);  // file a: one event; file b: one, then the failure
  const PreparedFile a = FileOf("a.txt", {1});
  const PreparedFile b = FileOf("b.txt", {2, 3});
  ASSERT_TRUE((*merger)->Begin().ok());
  Result<FileResult> ra = (*merger)->ApplyFile(a, {});
  ASSERT_TRUE(ra.ok());
  ASSERT_TRUE((*merger)->RecordFailure("hash-bad", "bad.txt", {}, "unreadable").ok());
  Result<FileResult> rb = (*merger)->ApplyFile(b, {});
  ASSERT_FALSE(rb.ok());
  EXPECT_NE(rb.status().message().find("b.txt"), std::string::npos) << rb.status().message();
  EXPECT_TRUE((*merger)->InTransaction()) << "file a is still pending";
  ASSERT_TRUE((*merger)->Commit().ok());
  EXPECT_EQ(*store_->CountStories(), 1);
  EXPECT_EQ(Load(ra->decisions[0].story_key).id, ra->decisions[0].story_id)
      << "file a stays as it was decided";
  EXPECT_EQ(store_->EventsAfter(0, 10)->size(), 1u) << "file a's event, once";
  EXPECT_TRUE(store_->FindFile("hash-bad")->has_value());
  EXPECT_FALSE(store_->FindFile("hash-b.txt")->has_value());

  ASSERT_TRUE((*merger)->Begin().ok());
  const PreparedFile b_again = FileOf("b.txt", {2, 3, 1});
  Result<FileResult> again = (*merger)->ApplyFile(b_again, {});
  ASSERT_TRUE(again.ok()) << again.status().message();
  ASSERT_TRUE((*merger)->Commit().ok());
  EXPECT_EQ(again->record.counts, (FileCounts{3, 2, 0, 1}))
      << "memory must not remember the undone stories of b.txt";
}

}  // namespace
}  // namespace synd

namespace synd {
namespace {

TEST_F(MergerTest, EventFeedsComeFromThePreparedArticleElseFromTheOption) {
  MergeOptions options = DefaultOptions();
  options.feeds_of = [](const Article&) { return std::vector<std::string>{"all"}; };
  Reopen(options);
  PreparedFile f = FileOf("a.txt", {1, 2});
  f.articles[1].feeds = std::vector<std::string>{"china", "all"};
  ASSERT_TRUE(merger_->Begin().ok());
  ASSERT_TRUE(merger_->ApplyFile(f, {}).ok());
  ASSERT_TRUE(merger_->Commit().ok());
  const std::vector<Event> events = *store_->EventsAfter(0, 10);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(boost::json::parse(events[0].payload).at("data").at("feeds"),
            (boost::json::array{"all"}));
  EXPECT_EQ(boost::json::parse(events[1].payload).at("data").at("feeds"),
            (boost::json::array{"china", "all"}));
}

}  // namespace
}  // namespace synd

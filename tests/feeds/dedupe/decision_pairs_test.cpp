// The dedupe decision on labelled pairs built from the reference dump (issue [2/6]): each case
// ingests a first file, then a variant, through the real parser, fingerprint and merger on a
// real SQLite store, and checks repeat / revision / new story.
#include <gtest/gtest.h>

#include <string>

#include "feeds/dedupe/fingerprint.hpp"
#include "feeds/ingest/ingest.hpp"
#include "feeds/store/content_hash.hpp"
#include "tests/feeds/dedupe/merge_fixture.hpp"

namespace synd {
namespace {

using testing::MergeFixture;

const TimePoint kReference = FromCivil(2025, 4, 22, 12);

std::string ReferenceDump() { return testing::ReadFile(testing::DataFile("reference_dump.txt")); }

// Replaces the first occurrence of `from`; fails the test when it is missing.
std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

std::string ReplaceAll(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
    text.replace(at, from.size(), to);
    at += to.size();
  }
  return text;
}

// One article of the dump: the text from its first title line to the next article's.
std::string ArticleText(const std::string& dump, const std::string& title,
                        const std::string& next_title) {
  const std::size_t start = dump.find(title);
  const std::size_t end = next_title.empty() ? dump.size() : dump.find(next_title, start + 1);
  EXPECT_NE(start, std::string::npos);
  return dump.substr(start, end - start);
}

const char kMyanmar[] = "Myanmar rebels disrupt China rare earth trade, sparking regional scramble";
const char kTreasury[] =
    "US Treasury secretary says trade war with China is not \xE2\x80\x98sustainable\xE2\x80\x99";
const char kUkraine[] = "Ukraine ready for direct talks with Russia only after ceasefire: Zelensky";

class DecisionPairs : public MergeFixture {
 protected:
  // Parses `text` as the inbox file `name` and applies it; returns the decisions.
  std::vector<Decision> Ingest(const std::string& text, const std::string& name,
                               TimePoint reference = kReference) {
    Result<ParsedDump> parsed = ParseDump(DumpInput{text, name, reference});
    EXPECT_TRUE(parsed.ok()) << name << ": " << parsed.status().message();
    if (!parsed.ok()) return {};
    PreparedFile file{ContentHash(text), name, reference, {}};
    for (Article& a : parsed->articles) {
      const std::string fp_text = FingerprintText(a);
      file.articles.push_back(PrepareArticle(std::move(a), fp_text));
    }
    EXPECT_TRUE(merger_->Begin().ok());
    Result<FileResult> r = merger_->ApplyFile(file, reference);
    EXPECT_TRUE(r.ok()) << r.status().message();
    EXPECT_TRUE(merger_->Commit().ok());
    last_ = r.ok() ? *r : FileResult{};
    std::vector<Decision> out;
    for (const ArticleDecision& d : last_.decisions) out.push_back(d.decision);
    return out;
  }

  int64_t Events() { return static_cast<int64_t>(store_->EventsAfter(0, 1000)->size()); }

  FileResult last_;
};

using D = Decision;

TEST_F(DecisionPairs, TheReferenceDumpIsSixNewStories) {
  EXPECT_EQ(Ingest(ReferenceDump(), "dump.txt"), std::vector<D>(6, D::kCreated));
  EXPECT_EQ(*store_->CountStories(), 6);
  EXPECT_EQ(Events(), 6);
}

TEST_F(DecisionPairs, ExactResendIsARepeat) {
  const std::string dump = ReferenceDump();
  Ingest(dump, "dump.txt");
  EXPECT_EQ(Ingest(ArticleText(dump, kTreasury, kUkraine), "resend.txt"),
            (std::vector<D>{D::kRepeat}));
  EXPECT_EQ(Events(), 6);
}

TEST_F(DecisionPairs, ResendWithAnotherUpdatedLineIsARepeatThatMovesNothing) {
  const std::string dump = ReferenceDump();
  Ingest(dump, "dump.txt");
  const int64_t key = last_.decisions[0].story_key;
  const Story before = Load(key);
  const std::string resend = Replace(ArticleText(dump, kMyanmar, kTreasury),
                                     "Updated 28 March 2025", "Updated 30 March 2025");
  EXPECT_EQ(Ingest(resend, "resend.txt", kReference + std::chrono::hours(5)),
            (std::vector<D>{D::kRepeat}));
  const Story after = Load(key);
  EXPECT_EQ(after.updated, before.updated);
  EXPECT_EQ(after.revision, 1);
  EXPECT_EQ(Events(), 6);
}

TEST_F(DecisionPairs, OneParagraphEditedIsARevision) {
  const std::string dump = ReferenceDump();
  Ingest(dump, "dump.txt");
  const std::string edited =
      Replace(ArticleText(dump, kMyanmar, kTreasury), "jumped 21.9 percent to 6,550 yuan per kg",
              "rose by more than a fifth, to 6,550 yuan a kilogram,");
  EXPECT_EQ(Ingest(edited, "edit.txt"), (std::vector<D>{D::kRevised}));
  EXPECT_EQ(last_.decisions[0].story_key, 1);
  EXPECT_EQ(Load(1).revision, 2);
  EXPECT_EQ(Events(), 7);
}

TEST_F(DecisionPairs, OneParagraphAddedIsARevision) {
  const std::string dump = ReferenceDump();
  Ingest(dump, "dump.txt");
  const std::string added =
      Replace(ArticleText(dump, kTreasury, kUkraine), "The S&P 500 stock index rose",
              "Markets in Asia were little changed in early trading on Wednesday.\nThe S&P 500 "
              "stock index rose");
  EXPECT_EQ(Ingest(added, "added.txt"), (std::vector<D>{D::kRevised}));
  EXPECT_EQ(last_.decisions[0].story_id, Load(2).id);
}

TEST_F(DecisionPairs, TitleEditedWithTheSameBodyIsARevisionWithTheNewTitle) {
  const std::string dump = ReferenceDump();
  Ingest(dump, "dump.txt");
  const std::string id = Load(3).id;
  const std::string retitled =
      ReplaceAll(ArticleText(dump, kUkraine, "FACTBOX-Major"), kUkraine,
                 "Zelensky says Ukraine will talk to Russia only after a ceasefire");
  EXPECT_EQ(Ingest(retitled, "retitled.txt"), (std::vector<D>{D::kRevised}));
  const Story s = Load(3);
  EXPECT_EQ(s.id, id);
  EXPECT_EQ(s.article.title, "Zelensky says Ukraine will talk to Russia only after a ceasefire");
  EXPECT_EQ(s.revision, 2);
}

TEST_F(DecisionPairs, DifferentStoriesSharingOneParagraphStayTwoStories) {
  const std::string dump = ReferenceDump();
  Ingest(ArticleText(dump, kMyanmar, kTreasury), "myanmar.txt");
  const std::string shared =
      "Reuters spoke to nine people with knowledge of Myanmar\xE2\x80\x99s rare earths industry "
      "and its four-year civil war about turmoil in the mining belt.";
  const std::string treasury =
      Replace(ArticleText(dump, kTreasury, kUkraine), "The S&P 500 stock index rose",
              shared + "\nThe S&P 500 stock index rose");
  EXPECT_EQ(Ingest(treasury, "treasury.txt"), (std::vector<D>{D::kCreated}));
  EXPECT_EQ(*store_->CountStories(), 2);
}

TEST_F(DecisionPairs, CrlfAndStraightQuotesAreRepeats) {
  const std::string dump = ReferenceDump();
  Ingest(dump, "dump.txt");
  EXPECT_EQ(Ingest(ReplaceAll(dump, "\n", "\r\n"), "crlf.txt"), std::vector<D>(6, D::kRepeat));
  std::string straight = dump;
  for (const char* curly : {"\xE2\x80\x9C", "\xE2\x80\x9D"})
    straight = ReplaceAll(straight, curly, "\"");
  for (const char* curly : {"\xE2\x80\x98", "\xE2\x80\x99"})
    straight = ReplaceAll(straight, curly, "'");
  ASSERT_NE(straight, dump);
  EXPECT_EQ(Ingest(straight, "straight.txt"), std::vector<D>(6, D::kRepeat));
  EXPECT_EQ(Events(), 6);
}

// A Japanese article in the reference layout (written for this test).
std::string JapaneseArticle(const std::string& fifth_paragraph) {
  const std::string title = "市立図書館が全面改装を終えて再開、利用者数は初日で過去最多に";
  return title + "\n\n" + title + "\nUpdated 22 April 2025\nFollow\n\n" + title + "\n\n" + title +
         "\n  • 改装後初日の来館者数は過去最多\n  • 子ども向け読書室と歴史展示室を新設\n\n"
         "東京：市立中央図書館は二年間の改装工事を終え、月曜日に再び開館した。初日には開館前から長"
         "い列が"
         "でき、職員によると来館者数は一日で過去最多を記録したという。\n"
         "改装後の館内には、子ども向けの読書室と、地域の歴史資料を集めた展示室が新たに設けられた。"
         "蔵書の"
         "数は以前より約三割増えている。\n"
         "館長は記者会見で「本を読む人だけでなく、勉強や仕事の場を探す人にも来てほしい」と話した。"
         "\n"
         "市によると、工事費の大部分は国の補助金でまかなわれた。一方で、開館時間の短縮を心配する声"
         "も"
         "一部の利用者から上がっていた。\n" +
         fifth_paragraph +
         "\n近くに住む大学生の女性は「静かに勉強できる席が増えたのがうれしい」と笑顔を見せた。\n"
         "市は今後、駅前の分館についても同じような改装を検討している。";
}

TEST_F(DecisionPairs, JapaneseArticleWithOneSentenceEditedIsARevision) {
  EXPECT_EQ(Ingest(JapaneseArticle("新しい図書館では、夜九時まで開館する日を週に三日設ける予定だ。"
                                   "電子書籍の貸し出しサービスも来月から始まる。"),
                   "ja1.txt"),
            (std::vector<D>{D::kCreated}));
  EXPECT_EQ(Ingest(JapaneseArticle("新しい図書館では、夜九時まで開館する日を週に三日設ける予定だ。"
                                   "電子書籍の貸し出しは秋以降に始める方針だ。"),
                   "ja2.txt"),
            (std::vector<D>{D::kRevised}));
  EXPECT_EQ(*store_->CountStories(), 1);
}

}  // namespace
}  // namespace synd

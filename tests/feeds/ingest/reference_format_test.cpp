// The reference dump (tests/data/reference_dump.txt) parsed through ParseDump, to the letter of
// issue [1/6].
#include <gtest/gtest.h>

#include <cctype>
#include <sstream>

#include "feeds/ingest/ingest.hpp"
#include "feeds/normalize/text.hpp"
#include "tests/support/temp_dir.hpp"

namespace synd {
namespace {

const TimePoint kReference = FromCivil(2025, 4, 22, 12, 0, 0);

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// A page-chrome line of the dump: "N / M", "Short Url", "Updated ...", "Follow". (Not with
// std::regex: g++ 12 warns inside <regex> under the sanitizers, and warnings are errors.)
bool IsChrome(std::string_view text) {
  const std::size_t slash = text.find(" / ");
  if (slash != std::string_view::npos && AllDigits(text.substr(0, slash)) &&
      AllDigits(text.substr(slash + 3))) {
    return true;
  }
  return text == "Short Url" || text == "Follow" || text.rfind("Updated ", 0) == 0;
}

class ReferenceDump : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    bytes_ = new std::string(testing::ReadFile(testing::DataFile("reference_dump.txt")));
    Result<ParsedDump> parsed = ParseDump(DumpInput{*bytes_, "reference_dump.txt", kReference});
    ASSERT_TRUE(parsed.ok()) << parsed.status().message();
    dump_ = new ParsedDump(std::move(*parsed));
  }
  static void TearDownTestSuite() {
    delete dump_;
    delete bytes_;
  }
  static const std::vector<Article>& articles() { return dump_->articles; }

  static std::string* bytes_;
  static ParsedDump* dump_;
};
std::string* ReferenceDump::bytes_ = nullptr;
ParsedDump* ReferenceDump::dump_ = nullptr;

const std::vector<std::string> kTitles = {
    "Myanmar rebels disrupt China rare earth trade, sparking regional scramble",
    "US Treasury secretary says trade war with China is not ‘sustainable’",
    "Ukraine ready for direct talks with Russia only after ceasefire: Zelensky",
    "FACTBOX-Major militant attacks in Indian-controlled Kashmir",
    "Pentagon says leak probe may lead to US prosecutions",
    "Ghana in fresh drive to woo back Sahel states to West African bloc",
};

std::vector<std::string> BlockTexts(const Article& a, BlockType type) {
  std::vector<std::string> out;
  for (const Block& b : a.body) {
    if (b.type == type) out.push_back(b.text);
  }
  return out;
}

TEST_F(ReferenceDump, DetectsReferenceFormatAndFindsExactlySixTitles) {
  EXPECT_EQ(dump_->format, "reference");
  std::vector<std::string> titles;
  for (const Article& a : articles()) titles.push_back(a.title);
  EXPECT_EQ(titles, kTitles);
}

TEST_F(ReferenceDump, FillsSourceFingerprintAndNoWarnings) {
  for (std::size_t i = 0; i < articles().size(); ++i) {
    const Article& a = articles()[i];
    EXPECT_EQ(a.source, (SourceRef{"reference_dump.txt", "reference", static_cast<int>(i)}));
    EXPECT_EQ(a.fingerprint.size(), 32u) << a.title;
    EXPECT_TRUE(a.warnings.empty()) << a.title;
    EXPECT_FALSE(a.url || a.site || a.language || a.section || a.published) << a.title;
    EXPECT_TRUE(a.authors.empty()) << a.title;
  }
  EXPECT_TRUE(dump_->warnings.empty());
}

TEST_F(ReferenceDump, KeepsChromeAndTitleRepeatsOutOfBody) {
  for (const Article& a : articles()) {
    for (const Block& b : a.body) {
      EXPECT_FALSE(IsChrome(b.text)) << a.title << ": " << b.text;
      EXPECT_NE(b.text, a.title);
      EXPECT_EQ(b.text.find("•"), std::string::npos) << b.text;
    }
  }
}

TEST_F(ReferenceDump, TurnsBulletsIntoSummaryWithoutMarks) {
  ASSERT_EQ(articles().size(), 6u);
  for (const Article& a : articles()) {
    ASSERT_EQ(a.summary.size(), 2u) << a.title;
    for (const std::string& s : a.summary) {
      EXPECT_NE(s.substr(0, 3), "•") << s;
      EXPECT_EQ(s, NormalizeInline(s)) << s;
    }
  }
  EXPECT_EQ(articles()[0].summary[0],
            "Ethnic army controls area accounting for nearly half of global heavy rare earths "
            "production");
  // The trailing NBSP of the factbox's second bullet is gone.
  EXPECT_EQ(articles()[3].summary[1],
            "India and Pakistan, who administer parts of Kashmir but claim it in entirety, have "
            "fought two wars over Kashmir");
  EXPECT_EQ(articles()[5].summary[0],
            "John Mahama: ‘The recent decision by Mali, Burkina Faso and Niger to withdraw from "
            "ECOWAS is a regrettable development’");
}

// Independent of the parser: every fixture line that is not blank, a title, chrome or a
// bullet must appear exactly once across the bodies, in file order.
TEST_F(ReferenceDump, KeepsEveryOtherBodyLineOnceAndInOrder) {
  std::vector<std::string> expected;
  std::istringstream in(*bytes_);
  for (std::string line; std::getline(in, line);) {
    const std::string text = NormalizeInline(line);
    const bool is_title = std::find(kTitles.begin(), kTitles.end(), text) != kTitles.end();
    if (text.empty() || is_title || IsChrome(text) || line.rfind("  • ", 0) == 0) {
      continue;
    }
    expected.push_back(text);
  }
  std::vector<std::string> actual;
  for (const Article& a : articles()) {
    for (const Block& b : a.body) actual.push_back(b.text);
  }
  EXPECT_EQ(actual, expected);
  EXPECT_EQ(actual.size(), 37u + 12u + 32u + 16u + 16u + 14u);
}

TEST_F(ReferenceDump, ResolvesUpdatedDatesWithTheirPrecision) {
  ASSERT_EQ(articles().size(), 6u);
  EXPECT_EQ(articles()[0].updated, FromCivil(2025, 3, 28));
  EXPECT_EQ(articles()[0].date_precision, DatePrecision::kDay);
  // "Updated 49 min 12 sec ago" against 2025-04-22T12:00:00Z.
  EXPECT_EQ(articles()[1].updated, FromCivil(2025, 4, 22, 11, 10, 48));
  EXPECT_EQ(articles()[1].date_precision, DatePrecision::kSecond);
  for (std::size_t i = 2; i < 6; ++i) {
    EXPECT_EQ(articles()[i].updated, FromCivil(2025, 4, 22)) << i;
    EXPECT_EQ(articles()[i].date_precision, DatePrecision::kDay) << i;
  }
}

TEST_F(ReferenceDump, RelativeDateIsDeterministicForAReferenceTime) {
  const TimePoint other = FromCivil(2030, 1, 1, 0, 0, 0);
  Result<ParsedDump> a = ParseDump(DumpInput{*bytes_, "x", other});
  Result<ParsedDump> b = ParseDump(DumpInput{*bytes_, "x", other});
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->articles, b->articles);
  EXPECT_EQ(a->articles[1].updated, other - std::chrono::minutes{49} - std::chrono::seconds{12});
  // The fingerprint ignores dates.
  EXPECT_EQ(a->articles[1].fingerprint, articles()[1].fingerprint);
}

TEST_F(ReferenceDump, RecognizesDatelinesAndKeepsTheParagraphAsWritten) {
  const std::vector<std::pair<std::string, std::optional<std::string>>> expected = {
      {"BANGKOK", std::nullopt}, {"WASHINGTON", std::nullopt}, {"KYIV", std::nullopt},
      {"NEW DELHI", "April 22"}, {"WASHINGTON", std::nullopt}, {"ACCRA", std::nullopt}};
  ASSERT_EQ(articles().size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const Article& a = articles()[i];
    ASSERT_TRUE(a.dateline) << a.title;
    EXPECT_EQ(a.dateline->place, expected[i].first) << a.title;
    EXPECT_EQ(a.dateline->date, expected[i].second) << a.title;
    const std::vector<std::string> paragraphs = BlockTexts(a, BlockType::kParagraph);
    ASSERT_FALSE(paragraphs.empty());
    EXPECT_EQ(paragraphs[0].rfind(expected[i].first, 0), 0u) << paragraphs[0];
  }
  EXPECT_EQ(BlockTexts(articles()[3], BlockType::kParagraph)[0].substr(0, 24),
            "NEW DELHI, April 22 : At");
}

TEST_F(ReferenceDump, MarksCapitalizedSectionHeadings) {
  EXPECT_EQ(BlockTexts(articles()[0], BlockType::kHeading),
            (std::vector<std::string>{"PRICE SPIKE", "EXPORT PLUNGE", "India alternative?"}));
  EXPECT_EQ(BlockTexts(articles()[3], BlockType::kHeading),
            (std::vector<std::string>{"NOVEMBER 2024", "OCTOBER 2024", "JUNE 2024", "MAY 2024",
                                      "FEBRUARY 2019", "JULY 2017", "SEPTEMBER 2016"}));
  for (std::size_t i : {1u, 2u, 4u, 5u}) {
    EXPECT_TRUE(BlockTexts(articles()[i], BlockType::kHeading).empty()) << i;
  }
}

TEST_F(ReferenceDump, MakesGalleryAndInlineCaptionsImageBlocks) {
  const std::vector<std::string> captions = BlockTexts(articles()[0], BlockType::kImage);
  EXPECT_EQ(captions,
            (std::vector<std::string>{
                "A view shows a rare earth mine in Kachin state, Myanmar, on December 21, 2020. "
                "(Global Witness Handout via REUTERS)",
                "Laborers work on a rare earth mine in Kachin state, Myanmar, on February 20, "
                "2021. (Global Witness Handout via REUTERS)"}));
  EXPECT_EQ(articles()[0].body[0].type, BlockType::kImage);  // the gallery comes first
  for (std::size_t i = 1; i < 6; ++i) {
    EXPECT_TRUE(BlockTexts(articles()[i], BlockType::kImage).empty()) << i;
  }
}

TEST_F(ReferenceDump, KeepsTickerCodesAndTypographicQuotes) {
  std::vector<std::string> with_ticker;
  std::vector<std::string> with_quote;
  for (const Block& b : articles()[0].body) {
    if (b.text.find("<SMM-REO-TXO>") != std::string::npos) with_ticker.push_back(b.text);
    if (b.text.rfind("“They want to use rare earth reserves", 0) == 0) with_quote.push_back(b.text);
  }
  ASSERT_EQ(with_ticker.size(), 1u);
  EXPECT_NE(with_ticker[0].find("terbium oxide <SMM-REO-TXO>, whose"), std::string::npos);
  EXPECT_NE(with_ticker[0].find("dysprosium oxide <SMM-REO-DXO>, which"), std::string::npos);
  ASSERT_EQ(with_quote.size(), 1u);
  EXPECT_NE(with_quote[0].find("negotiation with China,” said"), std::string::npos);
  EXPECT_EQ(articles()[1].title.substr(articles()[1].title.size() - 17), "‘sustainable’");
}

TEST_F(ReferenceDump, TreatsAcronymLinesAndNonDatelineColonsAsParagraphs) {
  auto find = [](const Article& a, std::string_view prefix) -> const Block* {
    for (const Block& b : a.body) {
      if (b.text.rfind(prefix, 0) == 0) return &b;
    }
    return nullptr;
  };
  const std::pair<std::size_t, std::string_view> cases[] = {
      {0, "IREL did not return requests for comment."},
      {5, "ECOWAS earlier said"},
      {4, "Asked about Ullyot’s remarks, Hegseth said:"},
      {0, "Reopening the minerals sector would be a major financial lifeline to the rebels:"},
      {1, "The Trump administration has met"},  // ends without a final period
  };
  for (const auto& [index, prefix] : cases) {
    const Block* b = find(articles()[index], prefix);
    ASSERT_NE(b, nullptr) << prefix;
    EXPECT_EQ(b->type, BlockType::kParagraph) << prefix;
  }
  EXPECT_EQ(articles()[5].body.back().text.substr(0, 22), "Together the three cou");
}

}  // namespace
}  // namespace synd

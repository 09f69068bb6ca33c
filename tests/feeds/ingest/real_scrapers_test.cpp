// The scraper outputs under tests/data/real/ through ParseDump, as the daemon reads them: each
// file's articles with their titles, URLs, authors, dates and paragraph counts.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "feeds/ingest/ingest.hpp"
#include "tests/support/temp_dir.hpp"

namespace synd {
namespace {

const TimePoint kReference = FromCivil(2025, 4, 22, 12, 0, 0);

struct Expected {
  std::string title;
  std::optional<std::string> url;
  std::vector<std::string> authors;
  std::optional<std::string> published;  // RFC 3339
  std::optional<std::string> updated;
  std::size_t paragraphs = 0;
  std::string format;  // source.format
};

struct FileCase {
  std::string path;  // under tests/data/
  std::vector<Expected> articles;
};

std::optional<std::string> Rfc3339(const std::optional<TimePoint>& t) {
  if (!t) return std::nullopt;
  return FormatRfc3339(*t);
}

std::size_t Paragraphs(const Article& a) {
  return static_cast<std::size_t>(std::count_if(a.body.begin(), a.body.end(), [](const Block& b) {
    return b.type == BlockType::kParagraph;
  }));
}

Result<ParsedDump> ParseFixture(const std::string& path) {
  static std::map<std::string, std::string> files;  // the bytes must outlive the parse
  std::string& bytes = files[path];
  bytes = testing::ReadFile(testing::DataFile(path));
  return ParseDump(DumpInput{bytes, path, kReference});
}

const std::vector<FileCase>& Cases() {
  static const std::vector<FileCase> cases = {
      {"real/fundus/Reuters.json",
       {{"Nepal says 'no proof' flydubai plane suffered bird strike",
         std::nullopt,
         {"Gopal Sharma"},
         "2023-04-25T12:26:15Z",
         std::nullopt,
         7,
         "fundus"},
        {"Israeli tank 'likely' fired machine gun at reporters after deadly shelling, report "
         "finds",
         std::nullopt,
         {"Maya Gebeily", "Anthony Deutsch"},
         "2024-03-07T07:55:25Z",
         std::nullopt,
         29,
         "fundus"}}},
      {"real/news-please/sample.json",
       {{"Moscow to Kiev: Stick to Minsk ceasefire, stop making false ‘invasion’ claims",
         "https://www.rt.com/news/203203-ukraine-russia-troops-border/",
         {},
         "2017-07-17T17:03:00Z",
         std::nullopt,
         1,
         "news-please"}}},
      {"real/newspaper4k/time_001.json",
       {{"James Hansen Calls for Geoengineering as a Climate Solution",
         "https://time.com/6330957/james-hansen-climate-warning-geoengineering-study/",
         {"Alejandro de la Garza"},
         "2023-11-02T19:53:52Z",
         std::nullopt,
         18,
         "newspaper4k"}}},
      {"real/rss/harbour_news.rss",
       {{"Ferry timetable cut as council weighs ‘painful’ savings",
         "https://harbourgazette.example/2025/04/22/ferry-timetable-cut/",
         {"Priya Raman"},
         "2025-04-22T08:30:00Z",
         std::nullopt,
         5,
         "rss"},
        {"Lifeboat crew rescue two kayakers off Gull Rock",
         "https://harbourgazette.example/2025/04/21/lifeboat-gull-rock/"
         "?utm_source=rss&utm_medium=rss",
         {"Tom Ellery"},
         "2025-04-21T16:05:00Z",
         std::nullopt,
         3,
         "rss"},
        {"Harbour festival returns with tall ships and a night market",
         "https://harbourgazette.example/2025/04/20/harbour-festival-returns/",
         {"Priya Raman", "Harbour Gazette"},
         "2025-04-20T12:00:00Z",
         std::nullopt,
         3,
         "rss"}}},
      {"real/atom/field_notes.atom",
       {{"Glacier retreat doubles in a decade, survey finds",
         "https://fieldnotes.example/2025/04/glacier-retreat/",
         {"Marta Lindqvist", "Jonas Berg"},
         "2025-04-21T04:00:00Z",
         "2025-04-22T07:45:00Z",
         3,
         "atom"},
        {"Heat pumps outsell gas boilers for the first time",
         "https://fieldnotes.example/2025/04/heat-pumps/",
         {"Field Notes Desk"},
         std::nullopt,
         "2025-04-19T15:30:00Z",
         4,
         "atom"},
        {"Notes from the spring flood season",
         "https://fieldnotes.example/2025/04/spring-floods/",
         {"Field Notes Desk"},
         "2025-04-15T08:00:00Z",
         "2025-04-15T08:00:00Z",
         2,
         "atom"}}},
  };
  return cases;
}

// trafilatura's three outputs of one page read alike.
const Expected kRover = {"Rover finds layered rock that may record an ancient lake",
                         "https://skyandstone.example/news/2024/03/layered-rock-lake",
                         {"Elena Duarte", "Sam Whitfield"},
                         "2024-03-02T00:00:00Z",
                         std::nullopt,
                         5,
                         "trafilatura"};

void ExpectArticle(const Article& a, const Expected& e, const std::string& where) {
  EXPECT_EQ(a.title, e.title) << where;
  EXPECT_EQ(a.url, e.url) << where;
  EXPECT_EQ(a.authors, e.authors) << where;
  EXPECT_EQ(Rfc3339(a.published), e.published) << where;
  EXPECT_EQ(Rfc3339(a.updated), e.updated) << where;
  EXPECT_EQ(Paragraphs(a), e.paragraphs) << where;
  EXPECT_EQ(a.source.format, e.format) << where;
  EXPECT_EQ(a.fingerprint.size(), 32u) << where;
}

TEST(RealScraperFiles, ParseWithTheirTitlesUrlsAuthorsDatesAndParagraphs) {
  for (const FileCase& c : Cases()) {
    const Result<ParsedDump> dump = ParseFixture(c.path);
    ASSERT_TRUE(dump.ok()) << c.path << ": " << dump.status().message();
    ASSERT_EQ(dump->articles.size(), c.articles.size()) << c.path;
    for (std::size_t i = 0; i < c.articles.size(); ++i) {
      ExpectArticle(dump->articles[i], c.articles[i], c.path + " #" + std::to_string(i));
      EXPECT_EQ(dump->articles[i].source.index, static_cast<int>(i)) << c.path;
    }
  }
}

TEST(RealScraperFiles, TrafilaturaJsonXmlAndTextOutputsOfOnePageAgree) {
  const struct {
    const char* path;
    const char* format;
    const char* dump_format;
  } outputs[] = {{"real/trafilatura/rover_dust.json", "trafilatura", "json"},
                 {"real/trafilatura/rover_dust.xml", "trafilatura", "xml"},
                 {"real/trafilatura/rover_dust.txt", "header-text", "header-text"}};
  for (const auto& output : outputs) {
    const Result<ParsedDump> dump = ParseFixture(output.path);
    ASSERT_TRUE(dump.ok()) << output.path << ": " << dump.status().message();
    EXPECT_EQ(dump->format, output.dump_format) << output.path;
    ASSERT_EQ(dump->articles.size(), 1u) << output.path;
    Expected expected = kRover;
    expected.format = output.format;
    const Article& a = dump->articles[0];
    ExpectArticle(a, expected, output.path);
    EXPECT_EQ(a.date_precision, DatePrecision::kDay) << output.path;
    EXPECT_EQ(a.site, "Sky and Stone") << output.path;
    EXPECT_EQ(a.language, "en") << output.path;
    EXPECT_EQ(a.section, "Space") << output.path;
    EXPECT_EQ(a.tags,
              (std::vector<std::string>{"Space", "Planetary science", "mars", "rover", "geology"}))
        << output.path;
    EXPECT_EQ(a.summary, std::vector<std::string>{"A ledge of finely layered rock may be the "
                                                  "clearest sign yet of a long-lived lake."})
        << output.path;
    ASSERT_GE(a.body.size(), 3u) << output.path;
    EXPECT_EQ(a.body[2], (Block{BlockType::kHeading, "What the layers show"})) << output.path;
    EXPECT_EQ(a.image_url, "https://skyandstone.example/media/layered-rock.jpg") << output.path;
    EXPECT_TRUE(a.warnings.empty()) << output.path << ": " << a.warnings.at(0);
  }
}

TEST(RealScraperFiles, FundusReutersHoldsOneArticlePerParserVersionWithoutUrls) {
  const Result<ParsedDump> dump = ParseFixture("real/fundus/Reuters.json");
  ASSERT_TRUE(dump.ok()) << dump.status().message();
  ASSERT_EQ(dump->articles.size(), 2u);
  const Article& v1 = dump->articles[0];
  EXPECT_EQ(v1.summary.size(), 1u);
  EXPECT_TRUE(v1.summary[0].starts_with("KATHMANDU, April 25 (Reuters) - ")) << v1.summary[0];
  EXPECT_EQ(v1.section, "Aerospace & Defense");
  EXPECT_EQ(v1.tags.size(), 4u);
  const Article& v1_1 = dump->articles[1];
  std::vector<std::string> headings;
  for (const Block& b : v1_1.body) {
    if (b.type == BlockType::kHeading) headings.push_back(b.text);
  }
  EXPECT_EQ(headings, (std::vector<std::string>{"IDENTIFIED AS PRESS", "FULL INQUIRY"}));
  for (const Article& a : dump->articles) {
    EXPECT_FALSE(a.url) << a.title;
    EXPECT_FALSE(a.external_id) << a.title;
    EXPECT_TRUE(a.warnings.empty()) << a.title;
  }
  EXPECT_NE(v1.fingerprint, v1_1.fingerprint);
}

TEST(RealScraperFiles, NewsPleaseDateWithoutZoneIsUtcWithAWarning) {
  const Result<ParsedDump> dump = ParseFixture("real/news-please/sample.json");
  ASSERT_TRUE(dump.ok()) << dump.status().message();
  const Article& a = dump->articles.at(0);
  EXPECT_EQ(a.warnings, std::vector<std::string>{
                            "date_publish \"2017-07-17 17:03:00\" has no time zone: taken as UTC"});
  EXPECT_EQ(a.site, "www.rt.com");
  EXPECT_EQ(a.language, "en");
  EXPECT_EQ(a.image_url,
            "https://img.rt.com/files/news/31/9c/30/00/canada-russia-troops-buildup-.si.jpg");
  // The description repeats the text: not a summary of its own.
  EXPECT_TRUE(a.summary.empty());
}

TEST(RealScraperFiles, NewspaperVideoArticleWithoutTextIsNoUsableArticle) {
  const Result<ParsedDump> dump = ParseFixture("real/newspaper4k/video_article_01.json");
  ASSERT_FALSE(dump.ok());
  EXPECT_EQ(dump.status().message(),
            "no usable article: record 1 (\"Let me Google that for you: 2014's most popular "
            "food-related searches\") has no text");
}

// The same record with a text: its other mess is handled with warnings.
TEST(RealScraperFiles, NewspaperVideoArticleMessBecomesWarnings) {
  std::string bytes =
      testing::ReadFile(testing::DataFile("real/newspaper4k/video_article_01.json"));
  bytes.insert(bytes.find('{') + 1,
               "\n    \"text\": \"Chia seeds are the new kale.\\n\\nPizza "
               "was searched more than the World Cup.\",");
  const Result<ParsedDump> dump = ParseDump(DumpInput{bytes, "video.json", kReference});
  ASSERT_TRUE(dump.ok()) << dump.status().message();
  const Article& a = dump->articles.at(0);
  EXPECT_EQ(a.authors, (std::vector<std::string>{"National Desk", "The Plain Dealer"}));
  EXPECT_TRUE(a.tags.size() == 13 && a.tags[0] == "tiny") << a.tags.size();
  EXPECT_EQ(Rfc3339(a.published), "2014-12-27T12:06:00Z");
  EXPECT_FALSE(a.url);
  EXPECT_EQ(a.site, "cleveland.com");
  EXPECT_EQ(Paragraphs(a), 2u);
  const std::vector<std::string> expected_warnings = {
      "field \"tags\" is the string \"set()\" (a Python collection): read as 0 item(s)",
      "publish_date \"2014-12-27 12:06:00\" has no time zone: taken as UTC",
      "authors dropped as not names: \"on December\" (starts in lower case), \"at PM\" (starts in "
      "lower case), \"updated\" (starts in lower case), \"December\" (a month or weekday), "
      "\"Print\" (a single word among full names)",
      "URL \"8003098\" is not an absolute http(s) URL: dropped",
  };
  EXPECT_EQ(a.warnings, expected_warnings);
}

TEST(RealScraperFiles, RssItemWithoutTitleIsSkippedWithAWarningAndItsSiblingsKept) {
  const Result<ParsedDump> dump = ParseFixture("real/rss/harbour_news.rss");
  ASSERT_TRUE(dump.ok()) << dump.status().message();
  EXPECT_EQ(dump->warnings, std::vector<std::string>{"item 3 has no title: skipped"});
  ASSERT_EQ(dump->articles.size(), 3u);
  const Article& ferry = dump->articles[0];
  EXPECT_EQ(ferry.external_id, "https://harbourgazette.example/?p=48213");
  EXPECT_EQ(ferry.site, "Harbour Gazette – Local News");
  EXPECT_EQ(ferry.language, "en-GB");
  EXPECT_EQ(ferry.section, "Transport");
  EXPECT_EQ(ferry.tags, (std::vector<std::string>{"Transport", "Council"}));
  ASSERT_TRUE(ferry.dateline);
  EXPECT_EQ(ferry.dateline->place, "HARBOURTON");
  EXPECT_EQ(ferry.summary.size(), 1u);
  EXPECT_EQ(ferry.body.at(2), (Block{BlockType::kHeading, "What changes"}));
  EXPECT_EQ(ferry.body.at(5),
            (Block{BlockType::kImage, "The Kellan Point ferry leaving the harbour."}));
  EXPECT_EQ(ferry.warnings, dump->warnings);
  const Article& lifeboat = dump->articles[1];
  EXPECT_EQ(lifeboat.image_url,
            "https://harbourgazette.example/wp-content/uploads/2025/04/lifeboat.jpg");
  EXPECT_EQ(
      lifeboat.body.back().text,
      "The station reminded visitors to check tide times & carry a means of calling for help.");
}

TEST(RealScraperFiles, AtomEntriesCarryTheirIdsLanguageAndCategories) {
  const Result<ParsedDump> dump = ParseFixture("real/atom/field_notes.atom");
  ASSERT_TRUE(dump.ok()) << dump.status().message();
  ASSERT_EQ(dump->articles.size(), 3u);
  const Article& glacier = dump->articles[0];
  EXPECT_EQ(glacier.external_id, "tag:fieldnotes.example,2025-04-21:/2025/04/glacier-retreat");
  EXPECT_EQ(glacier.language, "en");
  EXPECT_EQ(glacier.site, "Field Notes");
  EXPECT_EQ(glacier.section, "Climate");
  EXPECT_EQ(glacier.tags, (std::vector<std::string>{"Climate", "glaciers"}));
  EXPECT_EQ(glacier.image_url, "https://fieldnotes.example/img/glacier.jpg");
  EXPECT_EQ(glacier.body.at(1).text,
            "The team measured the glacier’s front at 41 points and found it had retreated an "
            "average of 18 metres a year.");
  const Article& pumps = dump->articles[1];
  EXPECT_EQ(pumps.external_id, "urn:uuid:4f2e9b8a-6c1d-4e57-9a0b-2d7c5f1e8a33");
  EXPECT_EQ(pumps.body.at(1).text,
            "Installers said demand was strongest in new-build homes, where grants cover most of "
            "the cost.");
}

// meta.info is the corpus's note about the pages fundus read, not an input; every other file
// under real/ is covered above.
TEST(RealScraperFiles, EveryFixtureIsCovered) {
  std::set<std::string> covered = {
      "real/newspaper4k/video_article_01.json", "real/trafilatura/rover_dust.json",
      "real/trafilatura/rover_dust.xml", "real/trafilatura/rover_dust.txt"};
  for (const FileCase& c : Cases()) covered.insert(c.path);
  const std::filesystem::path root = testing::DataFile("");
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root / "real")) {
    if (!entry.is_regular_file()) continue;
    const std::string name = entry.path().filename().string();
    if (name == "meta.info" || name == "README.md") continue;
    const std::string relative = std::filesystem::relative(entry.path(), root).string();
    EXPECT_TRUE(covered.contains(relative)) << relative << " has no expectations";
  }
}

}  // namespace
}  // namespace synd

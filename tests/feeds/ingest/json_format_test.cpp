// JSON dumps through ParseDump: arrays, wrappers and JSON Lines, the scraper mappers and the
// generic aliases, real-world mess as warnings, and syntax errors with line and column.
#include "feeds/ingest/json_format.hpp"

#include <gtest/gtest.h>

#include "feeds/ingest/ingest.hpp"
#include "feeds/model/article_json.hpp"

namespace synd {
namespace {

const TimePoint kReference = FromCivil(2025, 4, 22, 12, 0, 0);

Result<ParsedDump> Parse(std::string_view bytes) {
  return ParseDump(DumpInput{bytes, "dump.json", kReference});
}

std::string JsonLine(int i) {
  return "{\"title\": \"Story number " + std::to_string(i) +
         "\", \"text\": \"First paragraph of story " + std::to_string(i) +
         ".\\nSecond paragraph.\", \"url\": \"https://news.example/" + std::to_string(i) +
         "\", \"published_at\": \"2025-04-22T10:00:00Z\", \"author\": \"Jane Doe\"}\n";
}

TEST(JsonLines, ReadsAThousandRecordsInOrder) {
  std::string bytes;
  for (int i = 0; i < 1000; ++i) bytes += JsonLine(i);
  const Result<ParsedDump> dump = Parse(bytes);
  ASSERT_TRUE(dump.ok()) << dump.status().message();
  EXPECT_EQ(dump->format, "json");
  ASSERT_EQ(dump->articles.size(), 1000u);
  for (int i = 0; i < 1000; ++i) {
    const Article& a = dump->articles[static_cast<std::size_t>(i)];
    ASSERT_EQ(a.title, "Story number " + std::to_string(i));
    ASSERT_EQ(a.url, "https://news.example/" + std::to_string(i));
    ASSERT_EQ(a.body.size(), 2u) << i;
    ASSERT_EQ(a.source.index, i);
    ASSERT_EQ(a.source.format, "json");
    ASSERT_EQ(a.authors, std::vector<std::string>{"Jane Doe"});
    ASSERT_TRUE(a.warnings.empty()) << a.warnings.at(0);
  }
  EXPECT_TRUE(dump->warnings.empty());
}

// Records are filled in reused slots, 32 to a batch: a field one record has must not show up in
// a later record that lacks it.
TEST(JsonLines, ARecordGetsNothingFromTheRecordsBeforeIt) {
  std::string bytes;
  for (int i = 0; i < 100; ++i) {
    if (i % 3 == 0) {
      bytes += "{\"title\": \"Bare " + std::to_string(i) + "\", \"text\": \"Text.\"}\n";
    } else {
      bytes +=
          "{\"title\": \"Full\", \"text\": \"Text.\", \"url\": \"https://x.example/\", "
          "\"published_at\": \"2025-04-22T10:00:00\", \"updated_at\": \"2025-04-22T11:00:00Z\", "
          "\"author\": \"Jane Doe\", \"tags\": \"a,b\", \"summary\": \"Sum.\", "
          "\"language\": \"en\", \"site\": \"X\", \"image\": \"https://x.example/i.jpg\", "
          "\"id\": \"x-1\", \"section\": \"World\"}\n";
    }
  }
  const Result<ParsedDump> dump = Parse(bytes);
  ASSERT_TRUE(dump.ok()) << dump.status().message();
  ASSERT_EQ(dump->articles.size(), 100u);
  for (int i = 0; i < 100; ++i) {
    const Article& a = dump->articles[static_cast<std::size_t>(i)];
    if (i % 3 != 0) {
      ASSERT_EQ(a.title, "Full");
      ASSERT_TRUE(a.url && a.published && a.updated && a.language && a.site && a.image_url &&
                  a.external_id && a.section);
      ASSERT_EQ(a.tags.size(), 3u);      // the section is a tag too
      ASSERT_EQ(a.warnings.size(), 1u);  // published_at has no time zone
      continue;
    }
    Article expected;
    expected.title = "Bare " + std::to_string(i);
    expected.body = {Block{BlockType::kParagraph, "Text."}};
    expected.source = a.source;
    expected.fingerprint = a.fingerprint;
    ASSERT_EQ(SerializeArticle(a), SerializeArticle(expected)) << i;
  }
}

TEST(JsonLines, SkipsARecordWithoutTextNamingItsLineAndKeepsTheOthers) {
  const std::string bytes = JsonLine(1) + "\n" + "{\"title\": \"Only a title\"}\n" +
                            "{\"text\": \"Only text\"}\n" + "[1]\n" + JsonLine(2);
  const Result<ParsedDump> dump = Parse(bytes);
  ASSERT_TRUE(dump.ok()) << dump.status().message();
  ASSERT_EQ(dump->articles.size(), 2u);
  EXPECT_EQ(dump->articles[1].title, "Story number 2");
  EXPECT_EQ(dump->articles[1].source.index, 1);
  EXPECT_EQ(dump->warnings, (std::vector<std::string>{
                                "line 3 (\"Only a title\") has no text: skipped",
                                "line 4 has no title: skipped",
                                "line 5 is an array, not an object: skipped",
                            }));
}

TEST(JsonLines, CountsSkippedRecordsPastTenInOneWarning) {
  std::string bytes = JsonLine(0);
  for (int i = 0; i < 15; ++i) bytes += "{\"title\": \"No text\"}\n";
  const Result<ParsedDump> dump = Parse(bytes);
  ASSERT_TRUE(dump.ok()) << dump.status().message();
  ASSERT_EQ(dump->warnings.size(), 11u);
  EXPECT_EQ(dump->warnings[9], "line 11 (\"No text\") has no text: skipped");
  EXPECT_EQ(dump->warnings[10], "… and 5 more records skipped");
}

TEST(JsonErrors, NameTheLineAndColumn) {
  struct Case {
    std::string bytes;
    std::string message;
  };
  const Case cases[] = {
      {"{\"title\": \"x\",\n  \"text\": \"y\"\n  \"url\": 1}",
       "invalid JSON at line 3, column 3, at \"\"url\": 1}\": syntax error"},
      {"[{\"title\": \"a\"}, ]", "invalid JSON at line 1, column 18, at \"]\": syntax error"},
      {"{\"title\": \"Café\", x}", "invalid JSON at line 1, column 19, at \"x}\": syntax error"},
      {"{\"title\": \"abc",
       "invalid JSON at line 1, column 15, at the end of the file: "
       "incomplete JSON"},
      {JsonLine(1) + "{\"title\": \"c\", \"text\": }\n" + JsonLine(3),
       "invalid JSON at line 2, column 24, at \"}\": syntax error"},
      {JsonLine(1) + "{\"title\": \"c\",\n\"text\": \"d\"}\n",
       "invalid JSON at line 2, column 15, at the end of the line: incomplete JSON"},
      {JsonLine(1) + "{\"title\": \"c\"} {\"title\": \"d\"}\n",
       "invalid JSON Lines at line 2, column 16: a second value on the line"},
      {"{\n \"title\": \"a\"\n}\n{\"title\": \"b\"}",
       "invalid JSON at line 4, column 1: text after the JSON value (JSON Lines holds one "
       "object per line)"},
      // Two values on the file's only line, with no LF at its end.
      {"{\"title\": \"a\"} {\"title\": \"b\"}",
       "invalid JSON at line 1, column 16: text after the JSON value (JSON Lines holds one "
       "object per line)"},
      {"[" + std::string(40, '[') + std::string(41, ']'),
       "invalid JSON at line 1, column 33, at \"[[[[[[[[[]]]]]]]\": nested too deeply"},
  };
  for (const Case& c : cases) {
    const Result<ParsedDump> dump = Parse(c.bytes);
    ASSERT_FALSE(dump.ok()) << c.bytes;
    EXPECT_EQ(dump.status().message(), c.message) << c.bytes;
  }
}

TEST(JsonErrors, SayWhyNoRecordIsUsable) {
  struct Case {
    std::string bytes;
    std::string message;
  };
  const Case cases[] = {
      {"[]", "no usable article: the JSON array is empty"},
      {"{}", "no usable article: record 1 has no title and no text"},
      {"{\"articles\": []}", "no usable article: the JSON object holds no article"},
      {"[1, \"two\"]",
       "no usable article: none of the 2 records has both a title and text (record 1 is not an "
       "object; record 2 is not an object)"},
      {"[{\"title\": \"A\"}, {\"body\": \"text\"}, {}, {\"title\": \"D\"}]",
       "no usable article: none of the 4 records has both a title and text (record 1 (\"A\") has "
       "no text; record 2 has no title; record 3 has no title and no text; …)"},
  };
  for (const Case& c : cases) {
    const Result<ParsedDump> dump = Parse(c.bytes);
    ASSERT_FALSE(dump.ok()) << c.bytes;
    EXPECT_EQ(dump.status().message(), c.message) << c.bytes;
  }
  const Result<ParsedDump> number = ParseDumpAs(DumpInput{"42", "n.json", kReference}, "json");
  ASSERT_FALSE(number.ok());
  EXPECT_EQ(number.status().message(),
            "JSON holds a number, not an object, an array of objects or JSON Lines");
}

TEST(JsonMappers, GenericAliasesFillTheArticle) {
  const std::string bytes = R"json({
    "headline": "Council &amp; port agree <em>new</em> ferry deal",
    "content": "<p>HARBOURTON: The deal was signed on Monday.</p><p>It runs for ten years.</p>",
    "link": "https://news.example/ferry-deal",
    "published_at": "2025-04-21T09:30:00+01:00",
    "updated_at": "3 hours ago",
    "author": {"name": "Jane Doe"},
    "id": 48213,
    "lang": "en_GB",
    "tags": "ferries, council",
    "section": "Transport",
    "image": {"url": "https://news.example/ferry.jpg"},
    "publisher": {"name": "Harbour Gazette"}
  })json";
  const Result<ParsedDump> dump = Parse(bytes);
  ASSERT_TRUE(dump.ok()) << dump.status().message();
  const Article& a = dump->articles.at(0);
  EXPECT_EQ(a.source.format, "json");
  EXPECT_EQ(a.title, "Council & port agree new ferry deal");
  ASSERT_EQ(a.body.size(), 2u);
  EXPECT_EQ(a.body[1].text, "It runs for ten years.");
  ASSERT_TRUE(a.dateline);
  EXPECT_EQ(a.dateline->place, "HARBOURTON");
  EXPECT_EQ(a.url, "https://news.example/ferry-deal");
  EXPECT_EQ(a.published, FromCivil(2025, 4, 21, 8, 30, 0));
  EXPECT_EQ(a.updated, FromCivil(2025, 4, 22, 9, 0, 0));
  EXPECT_EQ(a.date_precision, DatePrecision::kSecond);
  EXPECT_EQ(a.authors, std::vector<std::string>{"Jane Doe"});
  EXPECT_EQ(a.external_id, "48213");
  EXPECT_EQ(a.language, "en-GB");
  EXPECT_EQ(a.section, "Transport");
  EXPECT_EQ(a.tags, (std::vector<std::string>{"Transport", "ferries", "council"}));
  EXPECT_EQ(a.image_url, "https://news.example/ferry.jpg");
  EXPECT_EQ(a.site, "Harbour Gazette");
  EXPECT_TRUE(a.warnings.empty()) << a.warnings.at(0);
}

TEST(JsonMappers, OddValuesBecomeWarningsNotFailures) {
  const std::string bytes = R"json({
    "title": "Storm closes the coast road",
    "maintext": "The road was shut at noon.\nIt reopens tomorrow.",
    "date_publish": "None",
    "date_modify": "sometime last week",
    "authors": ["on Monday", "Ana Blake", "harbourgazette.example"],
    "language": "English (UK)",
    "url": "/local/storm",
    "image_url": ["a.jpg"]
  })json";
  const Result<ParsedDump> dump = Parse(bytes);
  ASSERT_TRUE(dump.ok()) << dump.status().message();
  const Article& a = dump->articles.at(0);
  EXPECT_EQ(a.source.format, "news-please");
  EXPECT_FALSE(a.published);
  EXPECT_FALSE(a.updated);
  EXPECT_EQ(a.body.size(), 2u);
  EXPECT_EQ(a.authors, std::vector<std::string>{"Ana Blake"});
  const std::vector<std::string> expected = {
      "field \"image_url\" is an array, not text: ignored",
      "date_modify ignored: unrecognized date \"sometime last week\"",
      "date_publish is \"None\": no date",
      "authors dropped as not names: \"on Monday\" (starts in lower case), "
      "\"harbourgazette.example\" (a domain name)",
      "URL \"/local/storm\" is not an absolute http(s) URL: dropped",
      "language \"English (UK)\" is not a language tag: dropped",
  };
  EXPECT_EQ(a.warnings, expected);
}

TEST(JsonMappers, ADateThatCannotBeStoredIsDroppedWithAWarning) {
  // 23:30 on 31 December 9999 at UTC-5 is in the year 10000 in UTC: its RFC 3339 text would not
  // read back, and a stored article that cannot be read back stops the feeds and the webhook
  // deliveries that render it.
  const std::string bytes = R"json({
    "title": "A date at the end of time",
    "maintext": "The clock ran out.",
    "date_publish": "9999-12-31T23:30:00-05:00"
  })json";
  const Result<ParsedDump> dump = Parse(bytes);
  ASSERT_TRUE(dump.ok()) << dump.status().message();
  const Article& a = dump->articles.at(0);
  EXPECT_FALSE(a.published);
  ASSERT_EQ(a.warnings.size(), 1u);
  EXPECT_NE(a.warnings[0].find("outside the years 0001 to 9999"), std::string::npos)
      << a.warnings[0];
  EXPECT_TRUE(ParseArticle(SerializeArticle(a)).ok());
}

// Plain http(s) URLs skip the URL parser; these cases hold both paths to one answer.
TEST(JsonMappers, KeepOnlyAbsoluteHttpUrlsWithAHost) {
  const struct {
    std::string_view url;  // as JSON string content
    bool kept;
  } cases[] = {
      {"https://news.example/2025/04/storm", true},
      {"http://News.Example/a/b?id=3&x=y;z", true},
      {"https://news.example", true},
      {"https://news.example?q=1", true},
      {"https://news.example/a'b(c)*!$,+=@:~-._/", true},
      {"https://news.example/%7Euser", true},
      {"https://news.example:8080/a", true},
      {"https://user@news.example/a", true},
      {"https://127.0.0.1/a", true},
      {"https://[::1]/a", true},
      {"https://news_example/a", true},
      {"HTTPS://NEWS.EXAMPLE/A", true},
      {"https://news.example/a#top", false},
      {"https://news.example/a b", false},
      {"https://news.example/a|b", false},
      {"https://news.example/a\\\\b", false},
      {"https://news.example/a%zz", false},
      {"https://news.example/\u00e4", false},
      {"https:///a", false},
      {"https:/news.example/a", false},
      {"//news.example/a", false},
      {"ftp://news.example/a", false},
      {"news.example/a", false},
  };
  for (const auto& c : cases) {
    const std::string bytes =
        R"({"title": "T", "text": "Body.", "url": ")" + std::string(c.url) + "\"}";
    const Result<ParsedDump> dump = Parse(bytes);
    ASSERT_TRUE(dump.ok()) << c.url << ": " << dump.status().message();
    const Article& a = dump->articles.at(0);
    EXPECT_EQ(a.url.has_value(), c.kept) << c.url;
    EXPECT_EQ(a.warnings.empty(), c.kept) << c.url;
  }
}

TEST(JsonMappers, PickTheDialectOfEachRecordByItsKeys) {
  const std::string bytes = R"json([
    {"title": "A", "maintext": "Text A.", "date_publish": "2025-04-01 10:00:00", "source_domain": "a.example"},
    {"title": "B", "text": "Text B.", "publish_date": "2025-04-02T10:00:00Z", "top_image": "https://b.example/i.jpg", "meta_lang": "de"},
    {"title": "C", "body": {"summary": ["Lead C."], "sections": [{"headline": ["Part"], "paragraphs": ["P1.", "P2."]}]}, "publishing_date": "2025-04-03 10:00:00+00:00", "topics": ["World"]},
    {"title": "D", "text": "Text D.", "source": "https://d.example/x", "source-hostname": "D News", "categories": "Politics;Europe", "tags": "eu;vote"},
    {"title": "E", "body": "Text E."}
  ])json";
  const Result<ParsedDump> dump = Parse(bytes);
  ASSERT_TRUE(dump.ok()) << dump.status().message();
  ASSERT_EQ(dump->articles.size(), 5u);
  const char* formats[] = {"news-please", "newspaper4k", "fundus", "trafilatura", "json"};
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(dump->articles[i].source.format, formats[i]) << i;
  }
  EXPECT_EQ(dump->articles[0].site, "a.example");
  EXPECT_EQ(dump->articles[1].language, "de");
  EXPECT_EQ(dump->articles[1].image_url, "https://b.example/i.jpg");
  const Article& c = dump->articles[2];
  EXPECT_EQ(c.summary, std::vector<std::string>{"Lead C."});
  EXPECT_EQ(c.body, (std::vector<Block>{{BlockType::kHeading, "Part"},
                                        {BlockType::kParagraph, "P1."},
                                        {BlockType::kParagraph, "P2."}}));
  EXPECT_EQ(c.section, "World");
  const Article& d = dump->articles[3];
  EXPECT_EQ(d.url, "https://d.example/x");
  EXPECT_EQ(d.site, "D News");
  EXPECT_EQ(d.section, "Politics");
  EXPECT_EQ(d.tags, (std::vector<std::string>{"Politics", "Europe", "eu", "vote"}));
}

TEST(JsonMappers, ReadWrappersOfSeveralArticles) {
  struct Case {
    const char* name;
    std::string bytes;
    std::vector<std::string> titles;
    std::string format;
  };
  const Case cases[] = {
      {"fundus parser versions",
       R"json({"V1": {"title": "A", "body": {"sections": [{"paragraphs": ["a"]}]}, "publishing_date": null},
           "V2": {"title": "B", "body": {"sections": [{"paragraphs": ["b"]}]}, "topics": []}})json",
       {"A", "B"},
       "fundus"},
      {"JSON Feed",
       R"json({"version": "https://jsonfeed.org/version/1.1", "title": "The Feed", "items": [
           {"id": "1", "url": "https://f.example/1", "title": "One", "content_html": "<p>x</p>"},
           {"id": "2", "title": "Two", "content_text": "y", "authors": [{"name": "Jane Doe"}]}]})json",
       {"One", "Two"},
       "json-feed"},
      {"API response",
       R"json({"status": "ok", "totalResults": 2, "articles": [
           {"source": {"id": null, "name": "BBC News"}, "title": "One", "content": "x", "publishedAt": "2025-04-22T08:00:00Z"},
           {"title": "Two", "description": "y", "content": "z"}]})json",
       {"One", "Two"},
       "json"},
  };
  for (const Case& c : cases) {
    const Result<ParsedDump> dump = Parse(c.bytes);
    ASSERT_TRUE(dump.ok()) << c.name << ": " << dump.status().message();
    std::vector<std::string> titles;
    for (const Article& a : dump->articles) {
      titles.push_back(a.title);
      EXPECT_EQ(a.source.format, c.format) << c.name;
    }
    EXPECT_EQ(titles, c.titles) << c.name;
  }
  const Result<ParsedDump> feed = Parse(cases[1].bytes);
  ASSERT_TRUE(feed.ok());
  EXPECT_EQ(feed->articles[0].external_id, "1");
  EXPECT_EQ(feed->articles[0].site, "The Feed");
  EXPECT_EQ(feed->articles[1].authors, std::vector<std::string>{"Jane Doe"});
  const Result<ParsedDump> api = Parse(cases[2].bytes);
  ASSERT_TRUE(api.ok());
  EXPECT_EQ(api->articles[0].site, "BBC News");
  EXPECT_EQ(api->articles[1].summary, std::vector<std::string>{"y"});
}

TEST(JsonMappers, ReadPythonReprsOfCollections) {
  const std::string bytes = R"json([
    {"title": "A", "text": "a", "tags": "set()"},
    {"title": "B", "text": "b", "tags": "{'ferries', \"council\"}"},
    {"title": "C", "text": "c", "tags": "['x', 'y']"}
  ])json";
  const Result<ParsedDump> dump = Parse(bytes);
  ASSERT_TRUE(dump.ok()) << dump.status().message();
  EXPECT_TRUE(dump->articles[0].tags.empty());
  EXPECT_EQ(dump->articles[0].warnings,
            std::vector<std::string>{
                "field \"tags\" is the string \"set()\" (a Python collection): read as 0 item(s)"});
  EXPECT_EQ(dump->articles[1].tags, (std::vector<std::string>{"ferries", "council"}));
  EXPECT_EQ(dump->articles[2].tags, (std::vector<std::string>{"x", "y"}));
}

TEST(SniffJson, TakesObjectsAndArraysOfValuesButNotBracketedTitles) {
  struct Case {
    const char* text;
    int score;
  };
  const Case cases[] = {
      {"{", 95},
      {"  \n{\"a\": 1}", 95},
      {"[{\"a\": 1}]", 95},
      {"[\n  {", 95},
      {"[]", 95},
      {"[\"x\"]", 95},
      {"[1, 2]", 95},
      {"[null]", 95},
      {"[Update] Storm closes road\n\nText.", 0},
      {"Title\n\n{", 0},
      {"", 0},
  };
  for (const Case& c : cases) EXPECT_EQ(SniffJson(c.text), c.score) << c.text;
}

}  // namespace
}  // namespace synd

namespace synd {
namespace {

// The body text's scan for markup and line breaks looks at 16 bytes at a time: each mark is
// placed at every offset around two such steps, so a mark in any lane or across a step is seen.
TEST(JsonTextFields, SeeEveryLineBreakAndCharacterReferenceWhereverItFalls) {
  struct Mark {
    std::string in_json;                  // as written inside the JSON string
    std::string second_paragraph_starts;  // what the second paragraph starts with
  };
  const Mark marks[] = {
      {"\\r", "Second"},     {"\\r\\n", "Second"}, {"\\u2028", "Second"},
      {"\\u2029", "Second"}, {"&#10;", "Second"},
  };
  for (const Mark& mark : marks) {
    for (const bool reference : {false, true}) {  // with a reference, the decoded text is scanned
      for (std::size_t pad = 0; pad < 40; ++pad) {
        const std::string first =
            "First paragraph" + std::string(pad, 'x') + (reference ? " & more." : " and more.");
        const std::string json =
            "{\"title\": \"T\", \"text\": \"First paragraph" + std::string(pad, 'x') +
            (reference ? " &amp; more." : " and more.") + mark.in_json + "Second paragraph.\"}";
        if (!reference && mark.in_json[0] == '&') continue;
        const Result<ParsedDump> dump = Parse(json);
        ASSERT_TRUE(dump.ok()) << json << "\n" << dump.status().message();
        const std::vector<Block>& body = dump->articles.at(0).body;
        ASSERT_EQ(body.size(), 2u) << json;
        EXPECT_EQ(body[0].text, first) << json;
        EXPECT_EQ(body[1].text.rfind(mark.second_paragraph_starts, 0), 0u) << json;
      }
    }
  }
}

TEST(JsonTextFields, ReadHtmlWhereverTheFirstTagFalls) {
  for (std::size_t pad = 0; pad < 40; ++pad) {
    const std::string json = "{\"title\": \"T\", \"text\": \"" + std::string(pad, 'y') +
                             " lead<p>Second paragraph.</p>\"}";
    const Result<ParsedDump> dump = Parse(json);
    ASSERT_TRUE(dump.ok()) << json << "\n" << dump.status().message();
    const std::vector<Block>& body = dump->articles.at(0).body;
    ASSERT_EQ(body.size(), 2u) << json;
    EXPECT_EQ(body[1].text, "Second paragraph.") << json;
  }
}

// A line outside the fast reader's subset (a fraction) is read by Boost.JSON, whose value lives for
// that line only; its article is built later, with the rest of its batch, and must still have its
// text.
TEST(JsonLines, ArticlesOfLinesReadByBoostJsonKeepTheirText) {
  std::string bytes;
  for (int i = 0; i < 40; ++i) {
    bytes += "{\"title\": \"Story " + std::to_string(i) + "\", \"text\": \"Paragraph " +
             std::to_string(i) + " of the story.\\nSecond paragraph " + std::to_string(i) +
             ".\", \"score\": " + std::to_string(i) + ".5}\n";
  }
  const Result<ParsedDump> dump = Parse(bytes);
  ASSERT_TRUE(dump.ok()) << dump.status().message();
  ASSERT_EQ(dump->articles.size(), 40u);
  for (int i = 0; i < 40; ++i) {
    const Article& a = dump->articles[static_cast<std::size_t>(i)];
    ASSERT_EQ(a.body.size(), 2u) << i;
    EXPECT_EQ(a.body[0].text, "Paragraph " + std::to_string(i) + " of the story.");
    EXPECT_EQ(a.body[1].text, "Second paragraph " + std::to_string(i) + ".");
  }
}

// The fast reader hands an article's text over with its escapes, and the body is built from it
// line by line; Boost.JSON (which reads any record with a fraction) hands it over
// unescaped. Both must give the same article, whatever the text holds.
TEST(JsonText, EscapedTextGivesTheArticleUnescapedTextGives) {
  const std::string_view texts[] = {
      R"(First line.\nSecond line.)",
      R"(A \"quoted\" word, caf\u00e9, \ud83d\ude00 and a tab\there.\n\nAfter a blank line.)",
      R"(A literal backslash-n: \\n stays on this line.\nNext.)",
      R"(S&P rose; AT&amp;T fell.\nQ&A: &#8220;yes&#8221;\n&#10;split&#10;here)",
      R"(Prices of oxide <SMM-REO-TXO> rose.\nA < B and C > D.)",
      R"(<p>An HTML paragraph with <a href=\"https://x.example\">a link</a>.</p><p>Second.</p>)",
      R"(Windows lines.\r\nSecond.\rThird.)",
      R"(Separators\u2028second\u2029third\u000afourth)",
      "Raw separator\xE2\x80\xA8second &amp; third",
      R"(\u003cp\u003eEscaped tags\u003c/p\u003e\u0026amp;)",
      R"(   Spaces\n\t \n  and\u00a0blank lines  \n)",
      R"(Ends with an escape\\)",
  };
  for (std::string_view text : texts) {
    const std::string flat = "{\"title\": \"T\", \"text\": \"" + std::string(text) + "\"}";
    const std::string nested =
        "{\"title\": \"T\", \"text\": \"" + std::string(text) + "\", \"x\": 0.5}";
    const Result<ParsedDump> a = Parse(flat);
    const Result<ParsedDump> b = Parse(nested);
    ASSERT_TRUE(a.ok()) << text << ": " << a.status().message();
    ASSERT_TRUE(b.ok()) << text << ": " << b.status().message();
    ASSERT_EQ(a->articles.size(), 1u);
    ASSERT_EQ(b->articles.size(), 1u);
    Article from_flat = a->articles[0];
    Article from_boost = b->articles[0];
    EXPECT_EQ(ArticleToJson(from_flat), ArticleToJson(from_boost)) << text;
    EXPECT_FALSE(from_flat.body.empty()) << text;
  }
}

}  // namespace
}  // namespace synd

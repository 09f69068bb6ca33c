// ParseDump on synthetic dumps: encodings, line ends, missing parts, dates, bad inputs.
#include "feeds/ingest/ingest.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "feeds/dedupe/fingerprint.hpp"
#include "feeds/model/article_json.hpp"

namespace synd {
namespace {

const TimePoint kReference = FromCivil(2025, 4, 22, 12, 0, 0);

struct Parts {
  std::string title = "Ghana in fresh drive to woo back Sahel states";
  std::vector<std::string> masthead = {"Short Url", "Updated 22 April 2025", "Follow"};
  std::vector<std::string> bullets = {"First bullet point", "Second bullet point"};
  std::vector<std::string> body = {"ACCRA: Ghana’s new leader said Tuesday he started a bid.",
                                   "President John Mahama said: “We must respond.”"};
};

// One article in the reference shape, LF line ends, no final newline.
std::string ReferenceArticle(const Parts& p) {
  std::string s = p.title + "\n\n" + p.title + "\n";
  for (const std::string& line : p.masthead) s += line + "\n";
  s += "\n" + p.title + "\n\n" + p.title + "\n";
  for (const std::string& b : p.bullets) s += "  • " + b + "\n";
  s += "\n";
  for (std::size_t i = 0; i < p.body.size(); ++i) s += (i ? "\n" : "") + p.body[i];
  return s;
}

std::string Replace(std::string s, std::string_view from, std::string_view to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

Result<ParsedDump> Parse(std::string_view bytes, std::string name = "dump.txt") {
  return ParseDump(DumpInput{bytes, std::move(name), kReference});
}

TEST(ParseDumpEdgeCases, NormalizeToTheSameArticlesAsPlainUtf8) {
  Parts base;
  const std::string lf = ReferenceArticle(base) + "\n\n\n" + ReferenceArticle(Parts{});
  Result<ParsedDump> expected = Parse(lf);
  ASSERT_TRUE(expected.ok()) << expected.status().message();
  ASSERT_EQ(expected->articles.size(), 2u);
  struct Case {
    const char* name;
    std::string bytes;
  };
  const Case cases[] = {
      {"CRLF", Replace(lf, "\n", "\r\n")},
      {"CR", Replace(lf, "\n", "\r")},
      {"BOM", "\xEF\xBB\xBF" + lf},
      {"NBSP in text and on blank lines",
       Replace(Replace(lf, "\n\n", "\n\xC2\xA0\n"), "said Tuesday", "said\xC2\xA0Tuesday")},
      {"spaces around lines", Replace(lf, "\n", " \t\n  ")},
      {"zero-width space and word joiner",
       Replace(lf, "Ghana’s", "Gha\xE2\x80\x8Bna\xE2\x81\xA0’s")},
  };
  for (const Case& c : cases) {
    Result<ParsedDump> got = Parse(c.bytes);
    ASSERT_TRUE(got.ok()) << c.name << ": " << got.status().message();
    EXPECT_EQ(got->articles, expected->articles) << c.name;
  }
}

TEST(ParseDumpEdgeCases, DecodesWindows1252WithAWarning) {
  Parts p;
  p.title = "Caf\xE9 owners say \x93no\x94 to \x80 levy";
  p.body = {"PARIS: Owners of caf\xE9s protested \x96 loudly.", "More text follows here."};
  p.bullets = {"Owners protest"};
  // A Windows-1252 file has its bullet as byte 0x95.
  Result<ParsedDump> got = Parse(Replace(ReferenceArticle(p), "•", "\x95"));
  ASSERT_TRUE(got.ok()) << got.status().message();
  const Article& a = got->articles.at(0);
  EXPECT_EQ(a.summary, std::vector<std::string>{"Owners protest"});
  EXPECT_EQ(a.title, "Café owners say “no” to € levy");
  EXPECT_EQ(a.body.at(0).text, "PARIS: Owners of cafés protested – loudly.");
  ASSERT_EQ(got->warnings.size(), 1u);
  EXPECT_NE(got->warnings[0].find("Windows-1252"), std::string::npos) << got->warnings[0];
  EXPECT_EQ(a.warnings, got->warnings);
}

TEST(ParseDumpEdgeCases, HandlesMissingShortUrlBulletsAndUpdated) {
  struct Case {
    const char* name;
    std::vector<std::string> masthead;
    std::vector<std::string> bullets;
    std::optional<TimePoint> updated;
  };
  const Case cases[] = {
      {"no Short Url", {"Updated 22 April 2025", "Follow"}, {"One", "Two"}, FromCivil(2025, 4, 22)},
      {"no bullets", {"Short Url", "Updated 22 April 2025", "Follow"}, {}, FromCivil(2025, 4, 22)},
      {"no Updated", {"Short Url", "Follow"}, {"One"}, std::nullopt},
      {"gallery only", {"1 / 1", "A caption of the photo. (REUTERS)", "Follow"}, {}, std::nullopt},
  };
  for (const Case& c : cases) {
    Parts p;
    p.masthead = c.masthead;
    p.bullets = c.bullets;
    Result<ParsedDump> got = Parse(ReferenceArticle(p));
    ASSERT_TRUE(got.ok()) << c.name << ": " << got.status().message();
    ASSERT_EQ(got->articles.size(), 1u) << c.name;
    const Article& a = got->articles[0];
    EXPECT_EQ(a.title, p.title) << c.name;
    EXPECT_EQ(a.summary, c.bullets) << c.name;
    EXPECT_EQ(a.updated, c.updated) << c.name;
    ASSERT_GE(a.body.size(), 2u) << c.name;
    EXPECT_EQ(a.body[a.body.size() - 2].text, p.body[0]) << c.name;
    EXPECT_EQ(a.body.back().text, p.body[1]) << c.name;
    ASSERT_TRUE(a.dateline) << c.name;
    EXPECT_EQ(a.dateline->place, "ACCRA") << c.name;
  }
}

TEST(ParseDumpEdgeCases, ResolvesRelativeUpdatedLines) {
  struct Case {
    const char* line;
    TimePoint updated;
    DatePrecision precision;
  };
  using std::chrono::hours;
  using std::chrono::minutes;
  using std::chrono::seconds;
  const Case cases[] = {
      {"Updated 49 min 12 sec ago", kReference - minutes{49} - seconds{12}, DatePrecision::kSecond},
      {"Updated 3 hours ago", kReference - hours{3}, DatePrecision::kHour},
      {"Updated an hour ago", kReference - hours{1}, DatePrecision::kHour},
      {"Updated 2 days ago", kReference - hours{48}, DatePrecision::kDay},
      {"Updated 5 minutes ago", kReference - minutes{5}, DatePrecision::kMinute},
      {"Updated 28 March 2025", FromCivil(2025, 3, 28), DatePrecision::kDay},
  };
  for (const Case& c : cases) {
    Parts p;
    p.masthead = {"Short Url", c.line, "Follow"};
    Result<ParsedDump> got = Parse(ReferenceArticle(p));
    ASSERT_TRUE(got.ok()) << c.line << ": " << got.status().message();
    EXPECT_EQ(got->articles[0].updated, c.updated) << c.line;
    EXPECT_EQ(got->articles[0].date_precision, c.precision) << c.line;
  }
}

TEST(ParseDumpEdgeCases, WarnsAboutAnUnreadableUpdatedLine) {
  Parts p;
  p.masthead = {"Updated sometime last spring", "Follow"};
  Result<ParsedDump> got = Parse(ReferenceArticle(p));
  ASSERT_TRUE(got.ok()) << got.status().message();
  EXPECT_FALSE(got->articles[0].updated);
  ASSERT_EQ(got->articles[0].warnings.size(), 1u);
  EXPECT_NE(got->articles[0].warnings[0].find("sometime last spring"), std::string::npos);
}

TEST(ParseDumpEdgeCases, KeepsAmpersandAngleBracketsAndArabicInTitles) {
  const std::string titles[] = {
      "Trade & tariffs <update>: الحرب التجارية بين الصين وأمريكا",
      "AT&T <T.N> shares fall 3% & more",
      "مصر تعلن عن خطة جديدة للطاقة",
  };
  for (const std::string& title : titles) {
    Parts p;
    p.title = title;
    Result<ParsedDump> got = Parse(ReferenceArticle(p));
    ASSERT_TRUE(got.ok()) << title << ": " << got.status().message();
    EXPECT_EQ(got->articles[0].title, title);
    const std::string json = boost::json::serialize(ArticleToJson(got->articles[0]));
    EXPECT_EQ(boost::json::parse(json).at("title").as_string(), title) << json;
  }
}

TEST(ParseDumpEdgeCases, DetectsTheFormatFromContentNotTheFileName) {
  const std::string reference = ReferenceArticle(Parts{});
  const std::string text = "A plain title\n\nA paragraph of text.";
  for (const char* name : {"dump.json", "dump.xml", "dump.txt", "noextension"}) {
    Result<ParsedDump> r = Parse(reference, name);
    Result<ParsedDump> t = Parse(text, name);
    ASSERT_TRUE(r.ok() && t.ok()) << name;
    EXPECT_EQ(r->format, "reference") << name;
    EXPECT_EQ(t->format, "text") << name;
    EXPECT_EQ(t->articles[0].source.file, name);
  }
}

TEST(ParseDumpBadInput, FailsWithAClearReason) {
  const std::string good = ReferenceArticle(Parts{});
  std::string binary;
  // Like a compressed file: any byte but NUL, so not UTF-8.
  for (int i = 0; i < 600; ++i) binary.push_back(static_cast<char>((i * 151) % 255 + 1));
  struct Case {
    const char* name;
    std::string bytes;
    const char* message;
  };
  const Case cases[] = {
      {"empty", "", "empty file"},
      {"white space", " \n\r\n\t\xC2\xA0\n", "empty file"},
      {"NUL byte", std::string("Title\n\nTi\0tle", 13), "binary data (NUL byte at offset 9)"},
      {"control bytes", binary, "binary data ("},
      {"only controls", "\x01\x02\x1B\x7F\n", "empty file"},
      {"one line", "Just a sentence with no title line.", "no recognizable article"},
      {"no blank after title", "Title\nParagraph one.\nParagraph two.", "no recognizable article"},
      {"header only", "Title\n\nTitle", "truncated article 1 (\"Title\"): the file ends before"},
      {"masthead only", "Title\n\nTitle\nUpdated 22 April 2025\nFollow\n",
       "truncated article 1 (\"Title\"): the file ends before its body"},
      {"second article cut after its bullets",
       good + "\n\n\nNext story\n\nNext story\nFollow\n\nNext story\n\nNext story\n  • A point",
       "truncated article 2 (\"Next story\")"},
      {"empty article in the middle", "Empty\n\nEmpty\nFollow\n\n\n" + good,
       "article 1 (\"Empty\") has no body"},
      {"cut inside a UTF-8 character", good + " caf\xC3\xA9 \xE2\x80",
       "truncated: the file ends inside a UTF-8 character"},
  };
  for (const Case& c : cases) {
    Result<ParsedDump> got = Parse(c.bytes);
    ASSERT_FALSE(got.ok()) << c.name;
    EXPECT_NE(got.status().message().find(c.message), std::string::npos)
        << c.name << ": " << got.status().message();
    EXPECT_EQ(got.status().code(), ErrorCode::kInvalidInput) << c.name;
  }
}

TEST(ParseDumpAs, UsesTheNamedParserOrRejectsAnUnknownName) {
  const std::string text = "A plain title\n\nA paragraph of text.";
  Result<ParsedDump> as_text = ParseDumpAs(DumpInput{text, "f", kReference}, "text");
  ASSERT_TRUE(as_text.ok());
  EXPECT_EQ(as_text->format, "text");
  Result<ParsedDump> as_reference = ParseDumpAs(DumpInput{text, "f", kReference}, "reference");
  ASSERT_FALSE(as_reference.ok());
  EXPECT_NE(as_reference.status().message().find("no recognizable article"), std::string::npos);
  Result<ParsedDump> unknown = ParseDumpAs(DumpInput{text, "f", kReference}, "yaml");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().message(), "unknown format \"yaml\"");
}

}  // namespace
}  // namespace synd

namespace synd {
namespace {

TEST(ParseDump, KeepsEachArticlesFingerprintText) {
  Parts second;
  second.title = "Second story";
  const std::string dump = ReferenceArticle(Parts{}) + "\n\n\n" + ReferenceArticle(second);
  Result<ParsedDump> parsed = Parse(dump);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  ASSERT_EQ(parsed->fingerprint_texts.size(), parsed->articles.size());
  for (std::size_t i = 0; i < parsed->articles.size(); ++i) {
    EXPECT_EQ(parsed->fingerprint_texts[i], FingerprintText(parsed->articles[i])) << i;
    EXPECT_EQ(FingerprintHex(parsed->fingerprint_texts[i]), parsed->articles[i].fingerprint) << i;
  }
}

}  // namespace
}  // namespace synd

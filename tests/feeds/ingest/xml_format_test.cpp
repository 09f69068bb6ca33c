// XML dumps through ParseDump: RSS 2.0 and 1.0, Atom 1.0 and trafilatura <doc> shapes, and
// broken XML with line and column.
#include "feeds/ingest/xml_format.hpp"

#include <gtest/gtest.h>

#include "feeds/ingest/ingest.hpp"

namespace synd {
namespace {

const TimePoint kReference = FromCivil(2025, 4, 22, 12, 0, 0);

Result<ParsedDump> Parse(std::string_view bytes) {
  return ParseDump(DumpInput{bytes, "feed.xml", kReference});
}

TEST(XmlErrors, NameTheLineAndColumn) {
  struct Case {
    std::string bytes;
    std::string message;
  };
  const Case cases[] = {
      {"<rss version=\"2.0\"><channel>\n  <item><title>Ferry</titl></item>\n</channel></rss>",
       "invalid XML at line 2, column 23, at \"titl></item>\": start-end tags mismatch"},
      {"<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<entry>\n",
       "invalid XML at line 3, column 8, at end of line: start-end tags mismatch"},
      {"<doc title=\"Café\" author=\"x>\n<main/></doc>",
       "invalid XML at line 1, column 27, at \"x>\": error parsing element attribute"},
      {"<rss>\n<channel>\n<item><title>x</title><description>y</description></item>\n</rss>",
       "invalid XML at line 4, column 3, at \"rss>\": start-end tags mismatch"},
  };
  for (const Case& c : cases) {
    const Result<ParsedDump> dump = Parse(c.bytes);
    ASSERT_FALSE(dump.ok()) << c.bytes;
    EXPECT_EQ(dump.status().message(), c.message) << c.bytes;
  }
}

TEST(XmlErrors, SayWhatTheRootIsOrThatNothingIsUsable) {
  struct Case {
    std::string bytes;
    std::string message;
  };
  const Case cases[] = {
      {"<html><body><p>Hello</p></body></html>",
       "XML root element <html> is not RSS (<rss>, <rdf:RDF>), Atom (<feed>) or a trafilatura "
       "document (<doc>)"},
      {"<rss version=\"2.0\"><channel><title>Empty</title></channel></rss>",
       "no usable article: the RSS file has no items"},
      {"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Empty</title></feed>",
       "no usable article: the Atom feed has no entries"},
      {"<rss><channel><item><title>Only a title</title></item></channel></rss>",
       "no usable article: item 1 (\"Only a title\") has no text"},
      {"<doc title=\"T\"><main><p> </p></main></doc>",
       "no usable article: the document (\"T\") has no text"},
      {"<!-- nothing -->", "invalid XML: no root element"},
  };
  for (const Case& c : cases) {
    const Result<ParsedDump> dump = Parse(c.bytes);
    ASSERT_FALSE(dump.ok()) << c.bytes;
    EXPECT_EQ(dump.status().message(), c.message) << c.bytes;
  }
}

TEST(RssItems, TakeTheirPermalinkGuidAsUrlAndKeepEscapedHtmlAsBlocks) {
  const std::string bytes = R"xml(<?xml version="1.0"?>
<rss version="2.0" xmlns:c="http://purl.org/rss/1.0/modules/content/">
<channel><title>Site</title>
<item>
  <title>Storm &amp;amp; floods</title>
  <guid>https://site.example/storm</guid>
  <description>&lt;p&gt;Lead.&lt;/p&gt;&lt;p&gt;Second &amp;ndash; para.&lt;/p&gt;</description>
  <pubDate>Tue, 22 Apr 2025 08:30:00 EST</pubDate>
</item>
<item>
  <title>Prefixed content</title>
  <link>https://site.example/prefixed</link>
  <description>Teaser.</description>
  <c:encoded><![CDATA[<p>Body one.</p><p>Body two.</p>]]></c:encoded>
  <pubDate>yesterday-ish</pubDate>
</item>
</channel></rss>)xml";
  const Result<ParsedDump> dump = Parse(bytes);
  ASSERT_TRUE(dump.ok()) << dump.status().message();
  ASSERT_EQ(dump->articles.size(), 2u);
  const Article& storm = dump->articles[0];
  EXPECT_EQ(storm.title, "Storm & floods");
  EXPECT_EQ(storm.url, "https://site.example/storm");
  EXPECT_EQ(storm.external_id, "https://site.example/storm");
  EXPECT_EQ(storm.body, (std::vector<Block>{{BlockType::kParagraph, "Lead."},
                                            {BlockType::kParagraph, "Second – para."}}));
  EXPECT_EQ(storm.published, FromCivil(2025, 4, 22, 13, 30, 0));
  EXPECT_EQ(storm.site, "Site");
  const Article& prefixed = dump->articles[1];
  EXPECT_EQ(prefixed.summary, std::vector<std::string>{"Teaser."});
  EXPECT_EQ(prefixed.body.size(), 2u);
  EXPECT_FALSE(prefixed.published);
  EXPECT_EQ(prefixed.warnings,
            std::vector<std::string>{"pubDate ignored: unrecognized date \"yesterday-ish\""});
}

TEST(RssItems, ReadRss1Items) {
  const std::string bytes = R"xml(<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://old.example/"><title>Old Site</title></channel>
  <item rdf:about="https://old.example/1">
    <title>First</title><link>https://old.example/1</link>
    <description>Text one.</description>
    <dc:date>2004-05-01T12:00:00+00:00</dc:date><dc:creator>Ann Old</dc:creator>
  </item>
</rdf:RDF>)xml";
  const Result<ParsedDump> dump = Parse(bytes);
  ASSERT_TRUE(dump.ok()) << dump.status().message();
  ASSERT_EQ(dump->articles.size(), 1u);
  EXPECT_EQ(dump->articles[0].url, "https://old.example/1");
  EXPECT_EQ(dump->articles[0].published, FromCivil(2004, 5, 1, 12, 0, 0));
  EXPECT_EQ(dump->articles[0].authors, std::vector<std::string>{"Ann Old"});
  EXPECT_EQ(dump->articles[0].site, "Old Site");
}

TEST(AtomEntries, ReadAPrefixedFeedAndOutOfLineContent) {
  const std::string bytes = R"xml(<atom:feed xmlns:atom="http://www.w3.org/2005/Atom">
  <atom:title>Prefixed</atom:title>
  <atom:entry xml:lang="fr">
    <atom:title type="text">Un titre</atom:title>
    <atom:id>tag:p.example,2025:1</atom:id>
    <atom:link rel="self" href="https://p.example/self"/>
    <atom:link rel="alternate" href="https://p.example/1"/>
    <atom:updated>2025-04-20T10:00:00Z</atom:updated>
    <atom:content src="https://p.example/1.pdf" type="application/pdf"/>
    <atom:summary type="html">&lt;p&gt;Le résumé.&lt;/p&gt;</atom:summary>
  </atom:entry>
</atom:feed>)xml";
  const Result<ParsedDump> dump = Parse(bytes);
  ASSERT_TRUE(dump.ok()) << dump.status().message();
  ASSERT_EQ(dump->articles.size(), 1u);
  const Article& a = dump->articles[0];
  EXPECT_EQ(a.title, "Un titre");
  EXPECT_EQ(a.url, "https://p.example/1");
  EXPECT_EQ(a.external_id, "tag:p.example,2025:1");
  EXPECT_EQ(a.language, "fr");
  EXPECT_EQ(a.body, (std::vector<Block>{{BlockType::kParagraph, "Le résumé."}}));
  EXPECT_EQ(a.site, "Prefixed");
  EXPECT_EQ(a.source.format, "atom");
}

TEST(AtomEntries, KeepTypeTextLiteral) {
  const std::string bytes = R"xml(<feed xmlns="http://www.w3.org/2005/Atom"><entry>
    <title>Less than</title><id>urn:x</id>
    <content type="text">Use a &lt;p&gt; tag &amp;amp; more.</content></entry></feed>)xml";
  const Result<ParsedDump> dump = Parse(bytes);
  ASSERT_TRUE(dump.ok()) << dump.status().message();
  EXPECT_EQ(dump->articles.at(0).body.at(0).text, "Use a <p> tag &amp; more.");
}

TEST(TrafilaturaXml, SurvivesDeepNestingWithoutRecursion) {
  std::string bytes = "<doc title=\"Deep\"><main><p>";
  for (int i = 0; i < 100000; ++i) bytes += "<hi>";
  bytes += "deep text";
  for (int i = 0; i < 100000; ++i) bytes += "</hi>";
  bytes += "</p></main></doc>";
  const Result<ParsedDump> dump = Parse(bytes);
  ASSERT_TRUE(dump.ok()) << dump.status().message();
  EXPECT_EQ(dump->articles.at(0).body.at(0).text, "deep text");
}

TEST(TrafilaturaXml, ReadsListsQuotesTablesAndLeavesCommentsOut) {
  const std::string bytes = R"xml(<doc title="Lists" date="2024-03-02T10:00:00">
  <main>
    <list rend="ul"><item>First <ref target="x">point</ref></item><item>Second point</item></list>
    <quote><p>A quoted paragraph.</p></quote>
    <table><row><cell>Q1</cell><cell>61,200</cell></row></table>
    <p>Ends with a literal &lt;tag&gt;.</p>
  </main>
  <comments><p>A reader's comment.</p></comments>
</doc>)xml";
  const Result<ParsedDump> dump = Parse(bytes);
  ASSERT_TRUE(dump.ok()) << dump.status().message();
  const Article& a = dump->articles.at(0);
  EXPECT_EQ(a.body, (std::vector<Block>{{BlockType::kParagraph, "First point"},
                                        {BlockType::kParagraph, "Second point"},
                                        {BlockType::kParagraph, "A quoted paragraph."},
                                        {BlockType::kParagraph, "Q1 61,200"},
                                        {BlockType::kParagraph, "Ends with a literal <tag>."}}));
  EXPECT_EQ(a.warnings, std::vector<std::string>{
                            "date \"2024-03-02T10:00:00\" has no time zone: taken as UTC"});
}

TEST(SniffXml, TakesDeclarationsCommentsAndElements) {
  struct Case {
    const char* text;
    int score;
  };
  const Case cases[] = {
      {"<?xml version=\"1.0\"?><rss/>", 95},
      {"\n  <rss>", 95},
      {"<!-- c --><feed/>", 95},
      {"<doc>", 95},
      {"< not a tag", 0},
      {"<", 0},
      {"Title <b>bold</b>", 0},
      {"<5% growth\n\nText", 0},
  };
  for (const Case& c : cases) EXPECT_EQ(SniffXml(c.text), c.score) << c.text;
}

}  // namespace
}  // namespace synd

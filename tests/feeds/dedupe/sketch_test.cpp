// The shingle set of a stored story is recomputed from its stored article (the store keeps no
// shingles): it must equal the set the worker computed from the parser's fingerprint text, or
// confirmation would judge a candidate on different text than the article had.
#include "feeds/dedupe/sketch.hpp"

#include <gtest/gtest.h>

#include "feeds/ingest/ingest.hpp"
#include "feeds/model/article_json.hpp"
#include "tests/feeds/dedupe/merge_fixture.hpp"

namespace synd {
namespace {

TEST(ArticleShingleSet, OfTheStoredArticleEqualsTheSetFromTheParsersFingerprintText) {
  const std::string dump = testing::ReadFile(testing::DataFile("reference_dump.txt"));
  // CRLF and Windows quotes reach the store normalized; the set must not depend on them either.
  std::string crlf;
  for (char c : dump) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  for (const std::string& text : {dump, crlf}) {
    Result<ParsedDump> parsed = ParseDump(DumpInput{text, "dump.txt", FromCivil(2025, 4, 22, 12)});
    ASSERT_TRUE(parsed.ok()) << parsed.status().message();
    ASSERT_GE(parsed->articles.size(), 5u);
    for (std::size_t i = 0; i < parsed->articles.size(); ++i) {
      const Article& article = parsed->articles[i];
      const ArticleSketch sketch = SketchFingerprintText(parsed->fingerprint_texts[i]);
      Result<Article> stored = ParseArticle(SerializeArticle(article));
      ASSERT_TRUE(stored.ok()) << article.title << ": " << stored.status().message();
      EXPECT_FALSE(sketch.shingles.empty()) << article.title;
      EXPECT_EQ(ArticleShingleSet(*stored), sketch.shingles) << article.title;
    }
  }
}

}  // namespace
}  // namespace synd

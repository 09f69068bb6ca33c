// Feed selection (DESIGN.md §5): which configured feeds an article belongs to. Render stage;
// also called at ingest for the webhook's `data.feeds`. Pure: no I/O, no clock.
//
// Semantics, per feed (words as words.hpp defines them):
// - A filter has four keys: keywords, sections, sources, languages. An empty list does not
//   constrain. `include` passes when, for every non-empty key, at least one listed value
//   matches (keys are AND-ed, values OR-ed); an empty `include` passes everything. `exclude`
//   rejects when any listed value of any key matches. A feed holds an article when `include`
//   passes and `exclude` does not reject.
// - keywords: whole words, case-insensitively (NFKC + Unicode case folding), in the title, the
//   summary bullets and the body blocks (paragraphs, headings, captions). A keyword of several
//   words ("rare earth", "rare-earth") matches those words in a row within one field;
//   punctuation between words does not matter, so "China" matches "China's". In scripts
//   written without spaces each character is a word (see WordCursor), so "北京" matches the
//   two characters in a row. A keyword without letters or digits matches nothing.
// - sections: the article's `section` or any of its `tags` (categories, topics), compared whole
//   and case-insensitively.
// - sources: the article's `site` when it has one, compared whole and case-insensitively;
//   otherwise its URL's host, which matches a listed domain or any subdomain of it
//   ("reuters.com" matches www.reuters.com). No site and no URL: no source matches.
// - languages: the article's `language`, else `site.language`, against each listed language
//   range as RFC 4647 basic filtering does: case-insensitive, "en" matches "en" and "en-GB".
#pragma once

#include <bitset>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "feeds/model/article.hpp"
#include "feeds/model/site.hpp"

namespace synd {

// The filters of every feed, folded and split once. Matching an article folds and splits its
// text once however many feeds and keywords there are (one hash look-up per word). Keeps no
// reference to its arguments; safe to share between threads once built.
class FeedMatcher {
 public:
  FeedMatcher(const std::vector<FeedDef>& feeds, const SiteDef& site);

  std::size_t size() const { return feeds_.size(); }

  // One entry per feed in configuration order: 1 when the feed holds `article`.
  std::vector<char> Match(const Article& article) const;

  // Names of the feeds that hold `article`, in configuration order.
  std::vector<std::string> FeedsOf(const Article& article) const;

  struct Facts;  // what an article offers to the filters, computed once per article

 private:
  struct Filter {
    std::vector<uint32_t> keywords;                         // indexes into keywords_
    std::vector<std::string> sections, sources, languages;  // folded
  };
  struct CompiledFeed {
    std::string name;
    Filter include, exclude;
  };
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  Filter Compile(const FeedFilter& filter);
  uint32_t AddKeyword(const std::string& keyword);
  Facts Examine(const Article& article) const;
  void ScanKeywords(std::string_view text, std::string& folded, Facts& facts) const;
  static std::size_t FilterSlot(std::string_view word);
  static bool Passes(const CompiledFeed& feed, const Facts& facts);

  std::string site_language_;  // folded
  std::vector<CompiledFeed> feeds_;
  std::vector<std::vector<std::string>> keywords_;  // each keyword as folded words
  // First word of a keyword → the keywords that start with it.
  std::unordered_map<std::string, std::vector<uint32_t>, StringHash, std::equal_to<>> by_first_;
  // FilterSlot of every first word: most article words fail this test and are never hashed.
  std::bitset<4096> first_word_slots_;
  bool uses_sections_ = false;
  bool uses_sources_ = false;
};

// One feed's verdict; builds a matcher, so prefer FeedMatcher when matching many articles.
bool MatchesFeed(const FeedDef& feed, const SiteDef& site, const Article& article);

// Names of the feeds in `feeds` that hold `article`, in configuration order.
std::vector<std::string> FeedsOf(const std::vector<FeedDef>& feeds, const SiteDef& site,
                                 const Article& article);

}  // namespace synd

#include "feeds/render/feed_filter.hpp"

#include <boost/url/parse.hpp>

#include "feeds/render/words.hpp"

namespace synd {

struct FeedMatcher::Facts {
  std::vector<char> keyword_hits;     // one per keyword of the matcher
  std::vector<std::string> sections;  // folded section and tags
  std::string site;                   // folded; empty when the article names none
  std::string host;                   // lower-case URL host, only when there is no site
  std::string language;               // folded
};

namespace {

std::string Trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\n\r");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\n\r");
  return std::string(s.substr(first, last - first + 1));
}

std::string FoldValue(std::string_view s) { return FoldCase(Trimmed(s)); }

std::string UrlHost(const std::string& url) {
  const auto parsed = boost::urls::parse_uri(url);
  if (!parsed) return {};
  std::string host = FoldCase(std::string_view(parsed->encoded_host()));
  while (!host.empty() && host.back() == '.') host.pop_back();
  return host;
}

bool HostInDomain(std::string_view host, std::string_view domain) {
  if (domain.empty() || host.size() < domain.size()) return false;
  if (host.size() == domain.size()) return host == domain;
  return host.ends_with(domain) && host[host.size() - domain.size() - 1] == '.';
}

// RFC 4647 §3.3.1 basic filtering.
bool LanguageInRange(std::string_view tag, std::string_view range) {
  if (range == "*") return !tag.empty();
  if (tag.size() == range.size()) return tag == range;
  return tag.size() > range.size() && tag.starts_with(range) && tag[range.size()] == '-';
}

bool AnyKeyword(const std::vector<uint32_t>& ids, const FeedMatcher::Facts& facts) {
  for (const uint32_t id : ids) {
    if (facts.keyword_hits[id]) return true;
  }
  return false;
}

bool AnySection(const std::vector<std::string>& values, const FeedMatcher::Facts& facts) {
  for (const std::string& value : values) {
    for (const std::string& section : facts.sections) {
      if (section == value) return true;
    }
  }
  return false;
}

bool AnySource(const std::vector<std::string>& values, const FeedMatcher::Facts& facts) {
  for (const std::string& value : values) {
    if (!facts.site.empty() ? facts.site == value : HostInDomain(facts.host, value)) return true;
  }
  return false;
}

bool AnyLanguage(const std::vector<std::string>& values, const FeedMatcher::Facts& facts) {
  for (const std::string& value : values) {
    if (LanguageInRange(facts.language, value)) return true;
  }
  return false;
}

}  // namespace

FeedMatcher::FeedMatcher(const std::vector<FeedDef>& feeds, const SiteDef& site)
    : site_language_(FoldValue(site.language)) {
  feeds_.reserve(feeds.size());
  for (const FeedDef& feed : feeds) {
    CompiledFeed compiled{feed.name, Compile(feed.include), Compile(feed.exclude)};
    feeds_.push_back(std::move(compiled));
  }
}

FeedMatcher::Filter FeedMatcher::Compile(const FeedFilter& filter) {
  Filter out;
  for (const std::string& keyword : filter.keywords) out.keywords.push_back(AddKeyword(keyword));
  for (const std::string& s : filter.sections) out.sections.push_back(FoldValue(s));
  for (const std::string& s : filter.sources) out.sources.push_back(FoldValue(s));
  for (const std::string& s : filter.languages) out.languages.push_back(FoldValue(s));
  uses_sections_ = uses_sections_ || !out.sections.empty();
  uses_sources_ = uses_sources_ || !out.sources.empty();
  return out;
}

uint32_t FeedMatcher::AddKeyword(const std::string& keyword) {
  const std::string folded = FoldCase(keyword);
  std::vector<std::string_view> views;
  SplitWords(folded, views);
  const auto id = static_cast<uint32_t>(keywords_.size());
  keywords_.emplace_back(views.begin(), views.end());
  // A keyword without words stays unreachable from by_first_, so it never matches.
  if (!views.empty()) {
    by_first_[std::string(views.front())].push_back(id);
    first_word_slots_.set(FilterSlot(views.front()));
  }
  return id;
}

std::size_t FeedMatcher::FilterSlot(std::string_view word) {
  const auto first = static_cast<unsigned char>(word.front());
  const auto last = static_cast<unsigned char>(word.back());
  return (first * 31u + last * 7u + word.size()) & 4095u;
}

void FeedMatcher::ScanKeywords(std::string_view text, std::string& folded, Facts& facts) const {
  folded.clear();
  AppendFolded(text, folded);
  WordCursor cursor(folded);
  std::string_view word;
  while (cursor.Next(word)) {
    if (!first_word_slots_.test(FilterSlot(word))) continue;
    const auto found = by_first_.find(word);
    if (found == by_first_.end()) continue;
    for (const uint32_t id : found->second) {
      if (facts.keyword_hits[id]) continue;
      const std::vector<std::string>& kw = keywords_[id];
      WordCursor rest = cursor;
      std::string_view next;
      bool all = true;
      for (std::size_t k = 1; k < kw.size() && all; ++k) all = rest.Next(next) && next == kw[k];
      if (all) facts.keyword_hits[id] = 1;
    }
  }
}

FeedMatcher::Facts FeedMatcher::Examine(const Article& article) const {
  Facts facts;
  if (!keywords_.empty()) {
    facts.keyword_hits.assign(keywords_.size(), 0);
    std::string folded;
    ScanKeywords(article.title, folded, facts);
    for (const std::string& bullet : article.summary) ScanKeywords(bullet, folded, facts);
    for (const Block& block : article.body) ScanKeywords(block.text, folded, facts);
  }
  if (uses_sections_) {
    if (article.section) facts.sections.push_back(FoldValue(*article.section));
    for (const std::string& tag : article.tags) facts.sections.push_back(FoldValue(tag));
  }
  if (uses_sources_) {
    if (article.site) facts.site = FoldValue(*article.site);
    if (facts.site.empty() && article.url) facts.host = UrlHost(Trimmed(*article.url));
  }
  facts.language = article.language ? FoldValue(*article.language) : site_language_;
  if (facts.language.empty()) facts.language = site_language_;
  return facts;
}

bool FeedMatcher::Passes(const CompiledFeed& feed, const Facts& facts) {
  const Filter& in = feed.include;
  if (!in.keywords.empty() && !AnyKeyword(in.keywords, facts)) return false;
  if (!in.sections.empty() && !AnySection(in.sections, facts)) return false;
  if (!in.sources.empty() && !AnySource(in.sources, facts)) return false;
  if (!in.languages.empty() && !AnyLanguage(in.languages, facts)) return false;
  const Filter& ex = feed.exclude;
  return !(AnyKeyword(ex.keywords, facts) || AnySection(ex.sections, facts) ||
           AnySource(ex.sources, facts) || AnyLanguage(ex.languages, facts));
}

std::vector<char> FeedMatcher::Match(const Article& article) const {
  const Facts facts = Examine(article);
  std::vector<char> out(feeds_.size(), 0);
  for (std::size_t i = 0; i < feeds_.size(); ++i) out[i] = Passes(feeds_[i], facts) ? 1 : 0;
  return out;
}

std::vector<std::string> FeedMatcher::FeedsOf(const Article& article) const {
  const std::vector<char> matched = Match(article);
  std::vector<std::string> names;
  for (std::size_t i = 0; i < feeds_.size(); ++i) {
    if (matched[i]) names.push_back(feeds_[i].name);
  }
  return names;
}

bool MatchesFeed(const FeedDef& feed, const SiteDef& site, const Article& article) {
  return FeedMatcher({feed}, site).Match(article)[0] != 0;
}

std::vector<std::string> FeedsOf(const std::vector<FeedDef>& feeds, const SiteDef& site,
                                 const Article& article) {
  return FeedMatcher(feeds, site).FeedsOf(article);
}

}  // namespace synd

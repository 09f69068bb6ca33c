// Feed items: the per-story values every feed format shares (DESIGN.md §6), computed once per
// story and cleaned for XML (CleanText), plus the addresses and the order of a feed. Render
// stage; pure: no I/O, no clock.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "feeds/model/site.hpp"
#include "feeds/model/story.hpp"
#include "feeds/model/time.hpp"

namespace synd {

enum class FeedFormat { kRss, kAtom, kJson };

// "rss", "atom", "json": the file extension of each format.
const char* FeedExtension(FeedFormat format);

// site.base_url, ending in '/': the index page (output/index.html).
std::string SiteHome(const SiteDef& site);

// "<base_url>feeds/<name>.<ext>": where the HTTP server serves output/<name>.<ext>.
std::string FeedUrl(const SiteDef& site, std::string_view feed_name, FeedFormat format);

// "<base_url>articles/<suffix>.html": the page the daemon writes for a story.
std::string ArticlePageUrl(const SiteDef& site, std::string_view suffix);

// The story's link in feeds and webhooks: the article's own URL when the input gave an
// absolute http(s) URL, else its article page (ArticlePageUrl).
std::string ArticleLink(const SiteDef& site, const Story& story);

// DESIGN.md §6 order: newest `updated` first, then newest `published`, then id ascending.
// A strict weak ordering.
bool NewerFirst(const Story& a, const Story& b);

struct FeedItem {
  std::string id;  // the story id: RSS guid, Atom id, JSON Feed id
  TimePoint published{};
  TimePoint updated{};
  std::string title;
  std::string link;                     // ArticleLink
  std::string summary;                  // SummaryText: bullets joined, else first paragraph
  std::string content_html;             // ContentHtml
  std::string content_text;             // blocks separated by blank lines
  std::vector<std::string> authors;     // the article's, else site.author; never empty
  std::vector<std::string> categories;  // section, then tags; no empties, no repeats
};

// The body as HTML: <p> per paragraph, <h2> per heading, <figure><figcaption> per image
// caption, separated by newlines, every text escaped (the text "<SMM-REO-TXO>" stays text).
std::string ContentHtml(const Article& article);

// The article's authors (clean, one line each, no repeats), else site.author, else site.title.
std::vector<std::string> ItemAuthors(const SiteDef& site, const Article& article);

FeedItem PrepareFeedItem(const SiteDef& site, const Story& story);

}  // namespace synd

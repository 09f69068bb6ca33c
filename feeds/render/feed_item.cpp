#include "feeds/render/feed_item.hpp"

#include <algorithm>
#include <boost/url/parse.hpp>
#include <tuple>

#include "feeds/render/text.hpp"

namespace synd {
namespace {

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    const char c = s[i] >= 'A' && s[i] <= 'Z' ? static_cast<char>(s[i] - 'A' + 'a') : s[i];
    if (c != prefix[i]) return false;
  }
  return true;
}

// The article's own URL when a reader can follow it: absolute, http(s), well-formed.
bool IsFollowableUrl(std::string_view url) {
  if (!StartsWithNoCase(url, "http://") && !StartsWithNoCase(url, "https://")) return false;
  const auto parsed = boost::urls::parse_uri(url);
  return parsed && !parsed->encoded_host().empty();
}

void AddUnique(std::vector<std::string>& values, std::string value) {
  if (value.empty() || std::find(values.begin(), values.end(), value) != values.end()) return;
  values.push_back(std::move(value));
}

void AppendBlockHtml(std::string& out, BlockType type, std::string_view clean_text) {
  if (!out.empty()) out += '\n';
  switch (type) {
    case BlockType::kParagraph:
      out += "<p>";
      AppendHtmlEscaped(out, clean_text);
      out += "</p>";
      return;
    case BlockType::kHeading:
      out += "<h2>";
      AppendHtmlEscaped(out, clean_text);
      out += "</h2>";
      return;
    case BlockType::kImage:
      out += "<figure><figcaption>";
      AppendHtmlEscaped(out, clean_text);
      out += "</figcaption></figure>";
      return;
  }
}

}  // namespace

std::string SiteHome(const SiteDef& site) {
  std::string base = CleanLine(site.base_url);
  if (base.empty() || base.back() != '/') base += '/';
  return base;
}

const char* FeedExtension(FeedFormat format) {
  switch (format) {
    case FeedFormat::kRss:
      return "rss";
    case FeedFormat::kAtom:
      return "atom";
    case FeedFormat::kJson:
      return "json";
  }
  return "rss";
}

std::string FeedUrl(const SiteDef& site, std::string_view feed_name, FeedFormat format) {
  std::string url = SiteHome(site);
  url += "feeds/";
  url += feed_name;
  url += '.';
  url += FeedExtension(format);
  return url;
}

std::string ArticlePageUrl(const SiteDef& site, std::string_view suffix) {
  std::string url = SiteHome(site);
  url += "articles/";
  url += suffix;
  url += ".html";
  return url;
}

std::string ArticleLink(const SiteDef& site, const Story& story) {
  if (story.article.url) {
    std::string own = CleanLine(*story.article.url);
    if (IsFollowableUrl(own)) return own;
  }
  return ArticlePageUrl(site, story.suffix);
}

bool NewerFirst(const Story& a, const Story& b) {
  return std::tie(b.updated, b.published, a.id) < std::tie(a.updated, a.published, b.id);
}

std::string ContentHtml(const Article& article) {
  std::string out;
  for (const Block& block : article.body) AppendBlockHtml(out, block.type, CleanText(block.text));
  return out;
}

std::vector<std::string> ItemAuthors(const SiteDef& site, const Article& article) {
  std::vector<std::string> authors;
  for (const std::string& author : article.authors) AddUnique(authors, CleanLine(author));
  if (authors.empty()) AddUnique(authors, CleanLine(site.author));
  if (authors.empty()) AddUnique(authors, CleanLine(site.title));
  return authors;
}

FeedItem PrepareFeedItem(const SiteDef& site, const Story& story) {
  const Article& article = story.article;
  FeedItem item;
  item.id = CleanText(story.id);
  item.published = story.published;
  item.updated = story.updated;
  item.title = CleanLine(article.title);
  item.link = ArticleLink(site, story);
  item.summary = CleanLine(SummaryText(article));
  std::size_t body_size = 0;
  for (const Block& block : article.body) body_size += block.text.size();
  item.content_html.reserve(body_size + body_size / 8 + 32 * article.body.size());
  item.content_text.reserve(body_size + 2 * article.body.size());
  for (const Block& block : article.body) {
    const std::string text = CleanText(block.text);
    AppendBlockHtml(item.content_html, block.type, text);
    if (!item.content_text.empty()) item.content_text += "\n\n";
    item.content_text += text;
  }
  item.authors = ItemAuthors(site, article);
  if (article.section) AddUnique(item.categories, CleanLine(*article.section));
  for (const std::string& tag : article.tags) AddUnique(item.categories, CleanLine(tag));
  return item;
}

}  // namespace synd

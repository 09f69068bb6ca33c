#include "feeds/render/html_pages.hpp"

#include "feeds/render/feed_item.hpp"
#include "feeds/render/text.hpp"

namespace synd {
namespace {

constexpr const char* kStyle =
    "body{max-width:42em;margin:2em auto;padding:0 1em;font:1.1em/1.55 Georgia,serif;"
    "color:#222}h1{line-height:1.2}.meta,figcaption{color:#555;font-size:.9em}"
    "figure{margin:1em 0;padding-left:1em;border-left:3px solid #ccc}";

// The language tag for the lang attribute: letters, digits and hyphens only, else the site's.
std::string PageLanguage(const SiteDef& site, const Article& article) {
  for (const std::string* tag : {article.language ? &*article.language : nullptr, &site.language}) {
    if (tag == nullptr || tag->empty()) continue;
    bool ok = true;
    for (const char c : *tag) {
      ok = ok &&
           ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-');
    }
    if (ok) return *tag;
  }
  return "en";
}

void AppendEscaped(std::string& out, std::string_view text) {
  AppendHtmlEscaped(out, CleanLine(text));
}

void AppendHead(std::string& out, std::string_view lang, std::string_view title) {
  out += "<!DOCTYPE html>\n<html lang=\"";
  out += lang;
  out +=
      "\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  AppendEscaped(out, title);
  out += "</title>\n<style>";
  out += kStyle;
  out += "</style>\n";
}

// "2025-03-28 14:05 UTC" inside <time datetime="2025-03-28T14:05:09Z">.
void AppendTime(std::string& out, TimePoint t) {
  const std::string rfc3339 = FormatRfc3339(t);
  out += "<time datetime=\"" + rfc3339 + "\">";
  out += rfc3339.substr(0, 10) + " " + rfc3339.substr(11, 5) + " UTC</time>";
}

void AppendMeta(std::string& out, const SiteDef& site, const Story& story) {
  const std::vector<std::string> authors = ItemAuthors(site, story.article);
  out += "<p class=\"meta\">By ";
  for (std::size_t i = 0; i < authors.size(); ++i) {
    if (i > 0) out += ", ";
    AppendHtmlEscaped(out, authors[i]);
  }
  out += ". Published ";
  AppendTime(out, story.published);
  if (story.updated != story.published) {
    out += ", updated ";
    AppendTime(out, story.updated);
  }
  out += ".</p>\n";
  const auto& dateline = story.article.dateline;
  if (dateline && !CleanLine(dateline->place).empty()) {
    out += "<p class=\"meta dateline\">";
    AppendEscaped(out, dateline->place);
    if (dateline->date && !CleanLine(*dateline->date).empty()) {
      out += ", ";
      AppendEscaped(out, *dateline->date);
    }
    out += "</p>\n";
  }
}

void AppendSummary(std::string& out, const Article& article) {
  std::string bullets;
  for (const std::string& bullet : article.summary) {
    const std::string line = CleanLine(bullet);
    if (line.empty()) continue;
    bullets += "<li>";
    AppendHtmlEscaped(bullets, line);
    bullets += "</li>\n";
  }
  if (!bullets.empty()) out += "<ul class=\"summary\">\n" + bullets + "</ul>\n";
}

}  // namespace

std::string RenderArticlePage(const SiteDef& site, const Story& story) {
  const Article& article = story.article;
  const std::string home = SiteHome(site);
  std::string out;
  out.reserve(2048 + article.body.size() * 512);
  const std::string title = CleanLine(article.title);
  AppendHead(out, PageLanguage(site, article),
             title.empty() ? site.title : title + " \u2014 " + site.title);
  const std::string link = ArticleLink(site, story);
  out += "<link rel=\"canonical\" href=\"";
  AppendHtmlEscaped(out, link);
  out += "\">\n</head>\n<body>\n<article>\n<h1>";
  AppendEscaped(out, article.title);
  out += "</h1>\n";
  AppendMeta(out, site, story);
  AppendSummary(out, article);
  out += ContentHtml(article);
  out += '\n';
  if (link != ArticlePageUrl(site, story.suffix)) {
    out += "<p class=\"meta\"><a href=\"";
    AppendHtmlEscaped(out, link);
    out += "\">Original article</a></p>\n";
  }
  out += "</article>\n<p class=\"meta\"><a href=\"";
  AppendHtmlEscaped(out, home);
  out += "\">";
  AppendEscaped(out, site.title);
  out += ": all feeds</a></p>\n</body>\n</html>\n";
  return out;
}

std::string RenderIndexPage(const SiteDef& site, const std::vector<FeedDef>& feeds) {
  struct Format {
    FeedFormat format;
    const char* type;
    const char* label;
  };
  constexpr Format kFormats[] = {{FeedFormat::kRss, "application/rss+xml", "RSS"},
                                 {FeedFormat::kAtom, "application/atom+xml", "Atom"},
                                 {FeedFormat::kJson, "application/feed+json", "JSON Feed"}};
  std::string head, list;
  for (const FeedDef& feed : feeds) {
    const std::string title = CleanLine(feed.title).empty() ? feed.name : feed.title;
    list += "<li>";
    AppendEscaped(list, title);
    for (std::size_t i = 0; i < std::size(kFormats); ++i) {
      const Format& f = kFormats[i];
      const std::string url = FeedUrl(site, feed.name, f.format);
      head += "<link rel=\"alternate\" type=\"" + std::string(f.type) + "\" title=\"";
      AppendEscaped(head, title + " (" + f.label + ")");
      head += "\" href=\"";
      AppendHtmlEscaped(head, url);
      head += "\">\n";
      list += i == 0 ? ": " : " \u00b7 ";
      list += "<a href=\"";
      AppendHtmlEscaped(list, url);
      list += "\">" + std::string(f.label) + "</a>";
    }
    list += "</li>\n";
  }
  std::string out;
  AppendHead(out, PageLanguage(site, Article{}), site.title);
  out += head + "</head>\n<body>\n<h1>";
  AppendEscaped(out, site.title);
  out += "</h1>\n<ul class=\"feeds\">\n" + list + "</ul>\n</body>\n</html>\n";
  return out;
}

}  // namespace synd

#include "feeds/ingest/plain_text_format.hpp"

#include "feeds/ingest/article_text.hpp"
#include "feeds/ingest/lines.hpp"
#include "feeds/normalize/line_shapes.hpp"

namespace synd {
namespace {

// Longer than this, a first line is a paragraph, not a title.
constexpr std::size_t kMaxTitleBytes = 400;

// Index of the title line, or lines.size() when the text does not open with "title, blank
// line, text".
std::size_t FindTitle(const NormalizedLines& lines) {
  const std::size_t title = lines.NextNonBlank(0);
  if (title + 2 >= lines.size() || !lines.blank(title + 1) ||
      lines[title].size() > kMaxTitleBytes || lines.NextNonBlank(title + 1) == lines.size()) {
    return lines.size();
  }
  return title;
}

Status NoArticle() {
  return Status::Invalid(
      "no recognizable article: expected a title line, a blank line, then paragraphs");
}

}  // namespace

int SniffPlainText(std::string_view text) {
  const std::string_view head = SniffWindow(text);
  const NormalizedLines lines(head);
  return FindTitle(lines) < lines.size() ? 10 : 0;
}

Result<std::vector<Article>> ParsePlainText(const ParseContext& context) {
  const NormalizedLines lines(context.text);
  const std::size_t title = FindTitle(lines);
  if (title == lines.size()) return NoArticle();
  Article article;
  article.title = std::string(lines[title]);
  std::size_t i = lines.NextNonBlank(title + 1);
  for (; i < lines.size(); ++i) {
    const std::optional<std::string_view> bullet = BulletText(lines[i]);
    if (!bullet) break;
    article.summary.emplace_back(*bullet);
  }
  std::vector<std::string_view> body;
  for (; i < lines.size(); ++i) {
    if (!lines.blank(i)) body.push_back(lines[i]);
  }
  AppendBodyBlocks(body, context.reference_time, article);
  if (article.body.empty()) return NoArticle();
  std::vector<Article> articles;
  articles.push_back(std::move(article));
  return articles;
}

}  // namespace synd

#include "feeds/ingest/reference_format.hpp"

#include "feeds/ingest/article_text.hpp"
#include "feeds/ingest/lines.hpp"
#include "feeds/normalize/line_shapes.hpp"

namespace synd {
namespace {

constexpr std::string_view kUpdatedPrefix = "Updated ";
constexpr std::size_t kQuotedTitleLimit = 80;

// "T, blank, T" at i.
bool IsHeaderAt(const NormalizedLines& lines, std::size_t i) {
  return i + 2 < lines.size() && !lines.blank(i) && lines.blank(i + 1) && lines[i + 2] == lines[i];
}

// A header that starts an article: at the top of the file or after a blank line.
bool IsArticleStart(const NormalizedLines& lines, std::size_t first, std::size_t i) {
  return IsHeaderAt(lines, i) && (i == first || lines.blank(i - 1));
}

std::string Quoted(std::string_view title) {
  if (title.size() <= kQuotedTitleLimit) return "\"" + std::string(title) + "\"";
  std::size_t cut = kQuotedTitleLimit;
  while (cut > 0 && (static_cast<unsigned char>(title[cut]) & 0xC0) == 0x80) --cut;
  return "\"" + std::string(title.substr(0, cut)) + "…\"";
}

// The chrome between the first header and the first blank line: gallery captions become image
// blocks; counters, title repeats, "Short Url" and "Follow" are dropped; "Updated" dates.
std::size_t ReadMasthead(const NormalizedLines& lines, std::size_t i, TimePoint reference,
                         Article& article) {
  for (; i < lines.size() && !lines.blank(i); ++i) {
    const std::string_view line = lines[i];
    if (line.substr(0, kUpdatedPrefix.size()) == kUpdatedPrefix) {
      ApplyUpdatedDate(line.substr(kUpdatedPrefix.size()), reference, article);
      continue;
    }
    if (line == article.title || ClassifyChromeLine(line) != ChromeLine::kNone) continue;
    article.body.push_back(Block{BlockType::kImage, std::string(line)});
  }
  return i;
}

struct ArticleSpan {
  Article article;
  std::size_t end;  // index of the next article's header, or lines.size()
};

ArticleSpan ReadArticle(const NormalizedLines& lines, std::size_t first, std::size_t start,
                        TimePoint reference) {
  ArticleSpan span;
  Article& article = span.article;
  article.title = std::string(lines[start]);
  std::size_t i = lines.NextNonBlank(ReadMasthead(lines, start + 3, reference, article));
  if (IsHeaderAt(lines, i) && lines[i] == article.title) i += 3;
  for (; i < lines.size(); ++i) {
    const std::optional<std::string_view> bullet = BulletText(lines[i]);
    if (!bullet) break;
    article.summary.emplace_back(*bullet);
  }
  std::vector<std::string_view> body;
  for (; i < lines.size() && !IsArticleStart(lines, first, i); ++i) {
    if (!lines.blank(i)) body.push_back(lines[i]);
  }
  AppendBodyBlocks(body, reference, article);
  span.end = i;
  return span;
}

bool HasText(const Article& article) {
  for (const Block& block : article.body) {
    if (block.type != BlockType::kImage) return true;
  }
  return false;
}

}  // namespace

int SniffReference(std::string_view text) {
  // Only the first few lines matter; normalize just those.
  const std::string_view head = SniffWindow(text);
  const NormalizedLines lines(head);
  const std::size_t first = lines.NextNonBlank(0);
  return IsHeaderAt(lines, first) ? 90 : 0;
}

Result<std::vector<Article>> ParseReference(const ParseContext& context) {
  const NormalizedLines lines(context.text);
  const std::size_t first = lines.NextNonBlank(0);
  if (!IsHeaderAt(lines, first)) {
    return Status::Invalid(
        "no recognizable article: expected a title, a blank line and the "
        "title again");
  }
  std::vector<Article> articles;
  for (std::size_t i = first; i < lines.size();) {
    ArticleSpan span = ReadArticle(lines, first, i, context.reference_time);
    if (!HasText(span.article)) {
      const std::string which = "article " + std::to_string(articles.size() + 1) + " (" +
                                Quoted(span.article.title) + ")";
      if (span.end == lines.size()) {
        return Status::Invalid("truncated " + which + ": the file ends before its body");
      }
      return Status::Invalid(which + " has no body");
    }
    articles.push_back(std::move(span.article));
    i = span.end;
  }
  return articles;
}

}  // namespace synd

#include "feeds/ingest/scraped_record.hpp"

#include <algorithm>
#include <boost/url/parse.hpp>

#include "feeds/ingest/article_text.hpp"
#include "feeds/ingest/authors.hpp"
#include "feeds/normalize/date.hpp"
#include "feeds/normalize/dateline.hpp"
#include "feeds/normalize/html_text.hpp"
#include "feeds/normalize/line_shapes.hpp"
#include "feeds/normalize/text.hpp"

namespace synd {
namespace {

constexpr std::size_t kMaxReasonsListed = 3;
// Every file warning is copied into every article of the file: a bound keeps a file of many
// broken records from multiplying into millions of strings.
constexpr std::size_t kMaxSkipWarnings = 10;

std::string FieldText(const std::string& text, bool markup) {
  return markup ? InlineFieldText(text) : NormalizeInline(text);
}

// Lines of plain text are gathered into runs so that AppendBodyBlocks sees them together (it
// looks at the next line to tell a heading by its shape). Blocks that the input marked up
// (HTML elements, fundus sections, trafilatura's XML) keep the kind the input gave them.
class BodyBuilder {
 public:
  BodyBuilder(TimePoint reference_time, Article& article)
      : reference_time_(reference_time), article_(article) {}

  void Add(const RecordPart& part) {
    switch (part.kind) {
      case RecordPart::Kind::kHeading:
        Push(BlockType::kHeading, FieldText(part.text, part.markup));
        return;
      case RecordPart::Kind::kCaption:
        Push(BlockType::kImage, FieldText(part.text, part.markup));
        return;
      case RecordPart::Kind::kParagraph:
        Push(BlockType::kParagraph, FieldText(part.text, part.markup));
        return;
      case RecordPart::Kind::kText:
        AddTextField(part);
        return;
    }
  }

  // Ends the body; finds the dateline of a marked-up first paragraph.
  void Finish() {
    Flush();
    if (article_.dateline) return;
    for (const Block& block : article_.body) {
      if (block.type != BlockType::kParagraph) continue;
      if (std::optional<DatelineMatch> match = MatchDateline(block.text)) {
        article_.dateline = std::move(match->dateline);
      }
      break;
    }
  }

 private:
  void AddTextField(const RecordPart& part) {
    if (!part.markup) {
      for (std::string& line : NormalizeLines(part.text)) run_.push_back(std::move(line));
      return;
    }
    const bool html = LooksLikeHtml(part.text);
    for (TextBlock& block : TextFieldBlocks(part.text)) {
      if (block.kind == TextBlockKind::kHeading) {
        Push(BlockType::kHeading, std::move(block.text));
      } else if (block.kind == TextBlockKind::kCaption) {
        Push(BlockType::kImage, std::move(block.text));
      } else if (html) {
        Push(BlockType::kParagraph, std::move(block.text));
      } else {
        run_.push_back(std::move(block.text));
      }
    }
  }

  void Flush() {
    if (run_.empty()) return;
    const std::vector<std::string_view> lines(run_.begin(), run_.end());
    AppendBodyBlocks(lines, reference_time_, article_);
    run_.clear();
  }

  // Page chrome ("Follow", "Short Url") is left out as AppendBodyBlocks leaves it out.
  void Push(BlockType type, std::string text) {
    if (text.empty() || (type == BlockType::kParagraph && IsBoilerplateLine(text))) return;
    Flush();
    article_.body.push_back(Block{type, std::move(text)});
  }

  TimePoint reference_time_;
  Article& article_;
  std::vector<std::string> run_;
};

// Sets `target` from a date field; everything odd about it becomes a warning.
void ApplyDate(const RecordDate& date, TimePoint reference_time, std::optional<TimePoint>& target,
               Article& article) {
  const std::string text = NormalizeInline(date.text);
  if (text.empty()) return;
  const Result<std::optional<ParsedDate>> parsed = ParseDate(text, reference_time);
  if (!parsed.ok()) {
    article.warnings.push_back(date.field + " ignored: " + parsed.status().message());
    return;
  }
  if (!parsed->has_value()) {
    article.warnings.push_back(date.field + " is " + QuoteForMessage(text) + ": no date");
    return;
  }
  const ParsedDate& d = **parsed;
  if (!d.zone_given && !d.relative && d.precision != DatePrecision::kDay) {
    article.warnings.push_back(date.field + " " + QuoteForMessage(text) +
                               " has no time zone: taken as UTC");
  }
  target = d.time;
  article.date_precision = d.precision;
}

// An absolute http(s) URL with a host, or nullopt with a warning.
std::optional<std::string> CheckedUrl(const std::string& raw, std::string_view what,
                                      Article& article) {
  std::string url = NormalizeInline(raw);
  if (url.empty()) return std::nullopt;
  const auto parsed = boost::urls::parse_absolute_uri(url);
  if (parsed &&
      (parsed->scheme_id() == boost::urls::scheme::http ||
       parsed->scheme_id() == boost::urls::scheme::https) &&
      !parsed->encoded_host().empty()) {
    return url;
  }
  article.warnings.push_back(std::string(what) + " " + QuoteForMessage(url) +
                             " is not an absolute http(s) URL: dropped");
  return std::nullopt;
}

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// A BCP 47 shape: letters, then subtags of 1..8 letters or digits ("en", "en-US", "zh-Hant").
std::optional<std::string> CheckedLanguage(const std::string& raw, Article& article) {
  std::string tag = NormalizeInline(raw);
  if (tag.empty()) return std::nullopt;
  for (char& c : tag) c = c == '_' ? '-' : c;
  bool ok = tag.size() <= 35 && tag.front() != '-' && tag.back() != '-' &&
            tag.find("--") == std::string::npos;
  std::size_t subtag = 0;
  for (char c : tag) {
    subtag = c == '-' ? 0 : subtag + 1;
    ok = ok && (c == '-' || IsAsciiAlnum(c)) && subtag <= 8;
  }
  if (ok) return tag;
  article.warnings.push_back("language " + QuoteForMessage(tag) +
                             " is not a language tag: dropped");
  return std::nullopt;
}

std::optional<std::string> NonEmpty(std::string text) {
  if (text.empty()) return std::nullopt;
  return text;
}

void ApplyAuthors(const std::vector<std::string>& candidates, Article& article) {
  CleanedAuthors authors = CleanAuthors(candidates);
  article.authors = std::move(authors.names);
  if (authors.dropped.empty()) return;
  std::string warning = "authors dropped as not names:";
  for (std::size_t i = 0; i < authors.dropped.size(); ++i) {
    warning += (i ? ", " : " ") + authors.dropped[i];
  }
  article.warnings.push_back(std::move(warning));
}

void ApplyTags(const std::vector<std::string>& raw, Article& article) {
  for (const std::string& tag : raw) {
    std::string text = InlineFieldText(tag);
    if (text.empty()) continue;
    if (std::find(article.tags.begin(), article.tags.end(), text) != article.tags.end()) continue;
    article.tags.push_back(std::move(text));
  }
}

// Scrapers often repeat the lead paragraph as the description; a summary that only repeats the
// first paragraphs says nothing the body does not.
void DropSummaryRepeatingBody(Article& article) {
  const std::size_t n = article.summary.size();
  if (n == 0 || n > article.body.size()) return;
  for (std::size_t i = 0; i < n; ++i) {
    if (article.body[i].type != BlockType::kParagraph || article.body[i].text != article.summary[i])
      return;
  }
  article.summary.clear();
}

Article BuildArticle(ScrapedRecord record, TimePoint reference_time) {
  Article article;
  article.warnings = std::move(record.warnings);
  article.title = InlineFieldText(record.title);
  for (const std::string& field : record.summary) {
    for (TextBlock& block : TextFieldBlocks(field))
      article.summary.push_back(std::move(block.text));
  }
  ApplyDate(record.updated, reference_time, article.updated, article);
  ApplyDate(record.published, reference_time, article.published, article);
  BodyBuilder body(reference_time, article);
  for (const RecordPart& part : record.body) body.Add(part);
  body.Finish();
  DropSummaryRepeatingBody(article);
  ApplyAuthors(record.authors, article);
  ApplyTags(record.tags, article);
  article.url = CheckedUrl(record.url, "URL", article);
  article.image_url = CheckedUrl(record.image_url, "image URL", article);
  article.external_id = NonEmpty(NormalizeInline(record.external_id));
  article.language = CheckedLanguage(record.language, article);
  article.section = NonEmpty(InlineFieldText(record.section));
  article.site = NonEmpty(InlineFieldText(record.site));
  article.source.format = std::move(record.format);
  return article;
}

// What a record lacks to be an article, or nullptr.
const char* MissingPart(const Article& article) {
  const bool has_text = std::any_of(article.body.begin(), article.body.end(),
                                    [](const Block& b) { return b.type != BlockType::kImage; });
  if (article.title.empty()) return has_text ? "no title" : "no title and no text";
  return has_text ? nullptr : "no text";
}

}  // namespace

void AddCategories(ScrapedRecord& record, std::vector<std::string> categories) {
  if (record.section.empty() && !categories.empty()) record.section = categories.front();
  for (std::string& category : categories) record.tags.push_back(std::move(category));
}

std::vector<std::string> SplitList(std::string_view list, char separator) {
  constexpr std::string_view kSpace = " \t\n";
  std::vector<std::string> items;
  for (std::size_t start = 0; start <= list.size();) {
    std::size_t end = list.find(separator, start);
    if (end == std::string_view::npos) end = list.size();
    std::string_view item = list.substr(start, end - start);
    const std::size_t first = item.find_first_not_of(kSpace);
    if (first != std::string_view::npos) {
      item = item.substr(first, item.find_last_not_of(kSpace) - first + 1);
      items.emplace_back(item);
    }
    start = end + 1;
  }
  return items;
}

std::string QuoteForMessage(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return "\"" + std::string(text) + "\"";
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return "\"" + std::string(text.substr(0, cut)) + "…\"";
}

void ArticleCollector::Add(ScrapedRecord record) {
  std::string label = record.label;
  Article article = BuildArticle(std::move(record), reference_time_);
  const char* missing = MissingPart(article);
  if (missing == nullptr) {
    articles_.push_back(std::move(article));
    return;
  }
  if (!article.title.empty()) label += " (" + QuoteForMessage(article.title) + ")";
  Skip(label + " has " + missing);
}

void ArticleCollector::Skip(std::string why) {
  ++skipped_;
  if (file_warnings_ != nullptr && skipped_ <= kMaxSkipWarnings) {
    file_warnings_->push_back(why + ": skipped");
  }
  if (reasons_.size() < kMaxReasonsListed) reasons_.push_back(std::move(why));
}

Result<std::vector<Article>> ArticleCollector::Finish(std::string_view empty_reason) && {
  if (!articles_.empty()) {
    if (file_warnings_ != nullptr && skipped_ > kMaxSkipWarnings) {
      file_warnings_->push_back("… and " + std::to_string(skipped_ - kMaxSkipWarnings) +
                                " more records skipped");
    }
    return std::move(articles_);
  }
  if (skipped_ == 0) return Status::Invalid("no usable article: " + std::string(empty_reason));
  if (skipped_ == 1) return Status::Invalid("no usable article: " + reasons_[0]);
  std::string reasons;
  for (std::size_t i = 0; i < reasons_.size(); ++i) reasons += (i ? "; " : "") + reasons_[i];
  if (skipped_ > reasons_.size()) reasons += "; …";
  return Status::Invalid("no usable article: none of the " + std::to_string(skipped_) +
                         " records has both a title and text (" + reasons + ")");
}

}  // namespace synd

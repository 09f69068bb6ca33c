#include "feeds/ingest/scraped_record.hpp"

#include <algorithm>
#include <boost/url/parse.hpp>
#include <cstdint>
#include <cstring>
#include <span>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "feeds/ingest/article_text.hpp"
#include "feeds/ingest/authors.hpp"
#include "feeds/ingest/json_node.hpp"
#include "feeds/normalize/date.hpp"
#include "feeds/normalize/dateline.hpp"
#include "feeds/normalize/html_entities.hpp"
#include "feeds/normalize/html_text.hpp"
#include "feeds/normalize/line_shapes.hpp"
#include "feeds/normalize/text.hpp"

namespace synd {
namespace {

constexpr std::size_t kMaxReasonsListed = 3;
// Every file warning is copied into every article of the file: a bound keeps a file of many
// broken records from multiplying into millions of strings.
constexpr std::size_t kMaxSkipWarnings = 10;
// Records built together, one step at a time (see ArticleCollector::Add).
constexpr std::size_t kBatchRecords = 32;

std::string FieldText(std::string_view text, bool markup) {
  return markup ? InlineFieldText(text) : NormalizeInline(text);
}

// One pass, sixteen (else eight) bytes a step (typographic quotes make 0xE2 common, so searching
// for each character separately is slower). It runs over every article's text: keep it lean.
TextTraits ScanText(std::string_view text) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  const auto has_zero = [](std::uint64_t x) { return ((x - kOnes) & ~x & kHigh) != 0; };
  TextTraits traits{true};
  const auto check = [&](std::size_t k) {
    const char c = text[k];
    traits.angle |= c == '<';
    traits.ampersand |= c == '&';
    traits.other_breaks |= c == '\r' || ((c == '\xA8' || c == '\xA9') && k >= 2 &&
                                         text[k - 1] == '\x80' && text[k - 2] == '\xE2');
  };
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i angle = _mm_set1_epi8('<');
  const __m128i ampersand = _mm_set1_epi8('&');
  const __m128i cr = _mm_set1_epi8('\r');
  const __m128i low_bit_off = _mm_set1_epi8(static_cast<char>(0xFE));
  const __m128i a8 = _mm_set1_epi8(static_cast<char>(0xA8));
  for (; i + 16 <= text.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    const __m128i hits = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(v, angle), _mm_cmpeq_epi8(v, ampersand)),
        _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(_mm_and_si128(v, low_bit_off), a8)));
    if (_mm_movemask_epi8(hits) == 0) continue;
    for (std::size_t k = i; k < i + 16; ++k) check(k);
    if (traits.angle && traits.ampersand && traits.other_breaks) return traits;
  }
#endif
  for (std::uint64_t word = 0; i + 8 <= text.size(); i += 8) {
    std::memcpy(&word, text.data() + i, 8);
    // '<', '&', CR, or a byte that is 0xA8 or 0xA9 (0xA8 once its low bit is cleared).
    if (!has_zero(word ^ ('<' * kOnes)) && !has_zero(word ^ ('&' * kOnes)) &&
        !has_zero(word ^ ('\r' * kOnes)) && !has_zero((word & (0xFE * kOnes)) ^ (0xA8 * kOnes))) {
      continue;
    }
    for (std::size_t k = i; k < i + 8; ++k) check(k);
    if (traits.angle && traits.ampersand && traits.other_breaks) return traits;
  }
  for (; i < text.size(); ++i) check(i);
  return traits;
}

// Lines of plain text are gathered into runs so that AppendBodyBlocks sees them together (it
// looks at the next line to tell a heading by its shape). Blocks that the input marked up
// (HTML elements, fundus sections, trafilatura's XML) keep the kind the input gave them.
class BodyBuilder {
 public:
  BodyBuilder(TimePoint reference_time, Article& article, ArticleCollector::Scratch& scratch)
      : reference_time_(reference_time), article_(article), scratch_(scratch) {
    scratch_.lines.clear();
    scratch_.spans.clear();
  }

  void Add(const RecordPart& part) {
    switch (part.kind) {
      case RecordPart::Kind::kHeading:
        Push(BlockType::kHeading, FieldText(part.view(), part.markup));
        return;
      case RecordPart::Kind::kCaption:
        Push(BlockType::kImage, FieldText(part.view(), part.markup));
        return;
      case RecordPart::Kind::kParagraph:
        Push(BlockType::kParagraph, FieldText(part.view(), part.markup));
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
  // A text field: HTML, whose elements give the blocks, or plain text, one paragraph per line,
  // with its character references decoded (when `markup`) line by line.
  void AddTextField(const RecordPart& part) {
    const std::string_view text = part.view();
    const TextTraits traits = part.traits.known ? part.traits : ScanText(text);
    const bool entities = part.markup && traits.ampersand;
    if (part.markup && traits.angle) {
      // Whether it is HTML is told from the unescaped text (an escaped quote in a tag).
      std::string unescaped;
      if (part.json_escaped) AppendUnescapedJson(text, unescaped);
      const std::string_view plain = part.json_escaped ? std::string_view(unescaped) : text;
      if (LooksLikeHtml(plain)) {
        AddHtml(plain);
        return;
      }
      if (part.json_escaped && traits.other_breaks) {
        AppendPlainLines(plain, ScanText(plain).other_breaks, entities);
        return;
      }
    }
    if (part.json_escaped && !traits.other_breaks) {
      AppendEscapedLines(text, entities);
    } else if (part.json_escaped) {
      std::string unescaped;
      AppendUnescapedJson(text, unescaped);
      AppendPlainLines(unescaped, ScanText(unescaped).other_breaks, entities);
    } else {
      AppendPlainLines(text, traits.other_breaks, entities);
    }
  }

  void AddHtml(std::string_view html) {
    for (TextBlock& block : TextFieldBlocks(html)) {
      const BlockType type = block.kind == TextBlockKind::kHeading   ? BlockType::kHeading
                             : block.kind == TextBlockKind::kCaption ? BlockType::kImage
                                                                     : BlockType::kParagraph;
      Push(type, std::move(block.text));
    }
  }

  // Plain text, one paragraph per line, normalized into one buffer (no string per line: this is
  // the hot path of scraper text). Line breaks other than LF are rare; NormalizeLines knows them.
  void AppendPlainLines(std::string_view text, bool other_breaks, bool entities) {
    if (other_breaks) {
      if (entities) {
        AppendSplitLines(DecodeHtmlEntities(text));
      } else {
        AppendSplitLines(text);
      }
      return;
    }
    scratch_.lines.reserve(scratch_.lines.size() + text.size());
    for (std::size_t start = 0; start <= text.size();) {
      std::size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      AppendLine(text.substr(start, end - start), entities);
      start = end + 1;
    }
  }

  // A JSON string's content, escapes and all, whose only line breaks are "\n" escapes: each
  // line is normalized straight from the input, and unescaped first only when it holds another
  // escape. (The same lines as unescaping the whole text and splitting it at LF.)
  void AppendEscapedLines(std::string_view raw, bool entities) {
    scratch_.lines.reserve(scratch_.lines.size() + raw.size());
    std::size_t start = 0;  // of the line
    bool escapes = false;   // in the line so far
    for (std::size_t i = 0;;) {
      const void* hit =
          i < raw.size() ? std::memchr(raw.data() + i, '\\', raw.size() - i) : nullptr;
      const std::size_t b =
          hit == nullptr ? raw.size()
                         : static_cast<std::size_t>(static_cast<const char*>(hit) - raw.data());
      if (b < raw.size() && (b + 1 == raw.size() || raw[b + 1] != 'n')) {
        escapes = true;
        i = b + 2;  // past the escaped character (a \u escape's digits hold no backslash)
        continue;
      }
      const std::string_view line = raw.substr(start, b - start);
      if (escapes) {
        scratch_.unescaped.clear();
        AppendUnescapedJson(line, scratch_.unescaped);
        AppendLine(scratch_.unescaped, entities);
      } else {
        AppendLine(line, entities);
      }
      if (b == raw.size()) return;
      start = i = b + 2;
      escapes = false;
    }
  }

  // One line of plain text, its character references decoded first when `entities`: decoding
  // the text line by line gives the lines decoding it whole would, as no reference spans an LF
  // (one that stands for a line break, "&#10;", splits its line).
  void AppendLine(std::string_view line, bool entities) {
    if (entities && line.find('&') != std::string_view::npos) {
      std::string& decoded = scratch_.decoded;
      decoded.clear();
      AppendHtmlDecoded(line, decoded);
      if (decoded.find('\n') != std::string::npos || ScanText(decoded).other_breaks) {
        AppendSplitLines(decoded);
        return;
      }
      line = decoded;
    }
    std::string& lines = scratch_.lines;
    const std::size_t offset = lines.size();
    AppendNormalizedInline(line, lines);
    if (lines.size() > offset) scratch_.spans.emplace_back(offset, lines.size() - offset);
  }

  // Text with any line breaks, through NormalizeLines.
  void AppendSplitLines(std::string_view text) {
    std::string& lines = scratch_.lines;
    for (const std::string& line : NormalizeLines(text)) {
      scratch_.spans.emplace_back(lines.size(), line.size());
      lines += line;
    }
  }

  void Flush() {
    if (scratch_.spans.empty()) return;
    scratch_.views.clear();
    for (const auto& [offset, length] : scratch_.spans) {
      scratch_.views.push_back(std::string_view(scratch_.lines).substr(offset, length));
    }
    AppendBodyBlocks(scratch_.views, reference_time_, article_);
    scratch_.lines.clear();
    scratch_.spans.clear();
  }

  // Page chrome ("Follow", "Short Url") is left out as AppendBodyBlocks leaves it out.
  void Push(BlockType type, std::string text) {
    if (text.empty() || (type == BlockType::kParagraph && IsBoilerplateLine(text))) return;
    Flush();
    article_.body.push_back(Block{type, std::move(text)});
  }

  TimePoint reference_time_;
  Article& article_;
  ArticleCollector::Scratch& scratch_;
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

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Whether `url` is "http(s)://host" and then nothing, or a path and query ('/' or '?' first)
// made only of characters that RFC 3986 allows there literally: a URL that Boost.URL accepts,
// told without it (most scraped URLs look so). The host is letters, digits, '.' and '-' with at
// least one letter (a reg-name, never an IPv4 address); no port, user, '%' or fragment.
bool IsPlainHttpUrl(std::string_view url) {
  std::size_t i = 0;
  if (url.starts_with("https://")) {
    i = 8;
  } else if (url.starts_with("http://")) {
    i = 7;
  } else {
    return false;
  }
  bool letter = false;
  for (; i < url.size() && (IsAsciiAlnum(url[i]) || url[i] == '.' || url[i] == '-'); ++i) {
    letter = letter || (url[i] | 0x20) >= 'a';
  }
  if (!letter || (i < url.size() && url[i] != '/' && url[i] != '?')) return false;
  constexpr std::string_view kPathAndQuery = "-._~!$&'()*+,;=:@/?";
  for (; i < url.size(); ++i) {
    if (!IsAsciiAlnum(url[i]) && kPathAndQuery.find(url[i]) == std::string_view::npos) {
      return false;
    }
  }
  return true;
}

// An absolute http(s) URL with a host, or nullopt with a warning.
std::optional<std::string> CheckedUrl(const std::string& raw, std::string_view what,
                                      Article& article) {
  std::string url = NormalizeInline(raw);
  if (url.empty()) return std::nullopt;
  if (IsPlainHttpUrl(url)) return url;
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

// A summary field's paragraphs. Most are one line of plain text, which is one paragraph
// normalized; the rest go through TextFieldBlocks (markup, references, several lines).
void AppendSummary(std::string_view field, Article& article) {
  const TextTraits traits = ScanText(field);
  if (!traits.angle && !traits.ampersand && !traits.other_breaks &&
      field.find('\n') == std::string_view::npos) {
    std::string text = NormalizeInline(field);
    if (!text.empty()) article.summary.push_back(std::move(text));
    return;
  }
  for (TextBlock& block : TextFieldBlocks(field)) article.summary.push_back(std::move(block.text));
}

// Calls step(record, article) for every record of the batch that is not a skip.
template <typename Step>
void ForEachRecord(std::span<ArticleCollector::Pending> batch, Article* articles, Step step) {
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (batch[i].skip.empty()) step(batch[i].record, articles[i]);
  }
}

// The batch's articles, one step at a time over all of it (see ArticleCollector::Add).
void BuildArticles(std::span<ArticleCollector::Pending> batch, Article* articles,
                   TimePoint reference_time, ArticleCollector::Scratch& scratch) {
  ForEachRecord(batch, articles, [](ScrapedRecord& record, Article& article) {
    article.warnings = std::move(record.warnings);
    article.title = InlineFieldText(record.title);
  });
  ForEachRecord(batch, articles, [](ScrapedRecord& record, Article& article) {
    for (const std::string& field : record.summary) AppendSummary(field, article);
  });
  ForEachRecord(batch, articles, [&](ScrapedRecord& record, Article& article) {
    ApplyDate(record.updated, reference_time, article.updated, article);
    ApplyDate(record.published, reference_time, article.published, article);
  });
  ForEachRecord(batch, articles, [&](ScrapedRecord& record, Article& article) {
    BodyBuilder body(reference_time, article, scratch);
    for (const RecordPart& part : record.body) body.Add(part);
    body.Finish();
    DropSummaryRepeatingBody(article);
  });
  ForEachRecord(batch, articles, [](ScrapedRecord& record, Article& article) {
    ApplyAuthors(record.authors, article);
    ApplyTags(record.tags, article);
  });
  ForEachRecord(batch, articles, [](ScrapedRecord& record, Article& article) {
    article.url = CheckedUrl(record.url, "URL", article);
    article.image_url = CheckedUrl(record.image_url, "image URL", article);
    article.external_id = NonEmpty(NormalizeInline(record.external_id));
    article.language = CheckedLanguage(record.language, article);
    article.section = NonEmpty(InlineFieldText(record.section));
    article.site = NonEmpty(InlineFieldText(record.site));
    article.source.format = std::move(record.format);
  });
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

void ScrapedRecord::Clear() {
  label.clear();
  format.clear();
  title.clear();
  summary.clear();
  body.clear();
  published.field.clear();
  published.text.clear();
  updated.field.clear();
  updated.text.clear();
  authors.clear();
  tags.clear();
  section.clear();
  url.clear();
  external_id.clear();
  language.clear();
  site.clear();
  image_url.clear();
  warnings.clear();
}

ArticleCollector::Pending& ArticleCollector::NextPending() {
  if (waiting_ == kBatchRecords) BuildPending();
  // Reserved whole, so that a slot never moves while its batch fills.
  if (pending_.empty()) pending_.reserve(kBatchRecords);
  if (waiting_ == pending_.size()) pending_.emplace_back();
  Pending& next = pending_[waiting_++];
  next.skip.clear();
  next.record.Clear();
  return next;
}

ScrapedRecord& ArticleCollector::NewRecord() { return NextPending().record; }

void ArticleCollector::Add(ScrapedRecord record) { NextPending().record = std::move(record); }

void ArticleCollector::Skip(std::string why) { NextPending().skip = std::move(why); }

// The articles are built in place at the end of articles_, and those of skipped records are
// then closed up (moving an Article is not free, and almost every record is an article).
void ArticleCollector::BuildPending() {
  const std::span<Pending> batch(pending_.data(), waiting_);
  waiting_ = 0;
  const std::size_t first = articles_.size();
  articles_.resize(first + batch.size());
  BuildArticles(batch, articles_.data() + first, reference_time_, scratch_);
  std::size_t kept = first;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    Article& article = articles_[first + i];
    if (!batch[i].skip.empty()) {
      Skipped(std::move(batch[i].skip));
      continue;
    }
    const char* missing = MissingPart(article);
    if (missing == nullptr) {
      if (kept != first + i) articles_[kept] = std::move(article);
      ++kept;
      continue;
    }
    std::string label = std::move(batch[i].record.label);
    if (!article.title.empty()) label += " (" + QuoteForMessage(article.title) + ")";
    Skipped(label + " has " + missing);
  }
  articles_.resize(kept);
}

void ArticleCollector::Skipped(std::string why) {
  ++skipped_;
  if (file_warnings_ != nullptr && skipped_ <= kMaxSkipWarnings) {
    file_warnings_->push_back(why + ": skipped");
  }
  if (reasons_.size() < kMaxReasonsListed) reasons_.push_back(std::move(why));
}

Result<std::vector<Article>> ArticleCollector::Finish(std::string_view empty_reason) && {
  BuildPending();
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

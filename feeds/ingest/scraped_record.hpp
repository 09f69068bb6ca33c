// A scraper's record on its way to an Article (ingest stage): the fields a JSON, XML or
// header-text parser found, still as the input wrote them (HTML, entities, date text, junk
// authors). One builder turns every record into a normalized Article, so that all scraper
// formats treat text, dates, authors, tags and URLs alike. Pure; knows no input format.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "feeds/ingest/text_traits.hpp"
#include "feeds/model/article.hpp"
#include "feeds/model/status.hpp"
#include "feeds/model/time.hpp"

namespace synd {

// One piece of body text in input order.
struct RecordPart {
  enum class Kind {
    kText,       // a text field: HTML, whose elements give the blocks, or plain text, one
                 // paragraph per line with headings and captions told by their shape
    kParagraph,  // exactly one paragraph, as a structured input marked it
    kHeading,
    kCaption,
  };
  Kind kind = Kind::kText;
  std::string text;
  bool markup = true;  // may hold HTML and character references; false: literal text
  // When set, the text instead of `text`: a view into the input, which must outlive the
  // ArticleCollector's Finish call (spares copying an article's text out of the parsed JSON).
  std::string_view borrowed = {};
  // `borrowed` is a JSON string's content as written, escapes and all: it is unescaped line by
  // line as it is normalized ("\n" ends a line).
  bool json_escaped = false;
  // What the text holds, when its reader noted it on the way (spares scanning it again).
  TextTraits traits = {};

  std::string_view view() const { return borrowed.data() != nullptr ? borrowed : text; }
};

struct RecordDate {
  std::string field;  // the input's name for it, quoted in warnings ("date_publish", "pubDate")
  std::string text;   // as written; empty when absent
};

struct ScrapedRecord {
  std::string label;   // names the record in messages: "record 3", "line 57", "item 2"
  std::string format;  // the dialect, for SourceRef::format: "news-please", "rss", ...
  std::string title;
  std::vector<std::string> summary;  // text fields, each one or more summary bullets
  std::vector<RecordPart> body;
  RecordDate published;
  RecordDate updated;
  std::vector<std::string> authors;  // candidates; see CleanAuthors
  std::vector<std::string> tags;
  std::string section, url, external_id, language, site, image_url;
  std::vector<std::string> warnings;  // found while mapping the input's fields

  // Empties every field and keeps the strings' buffers, so that a record reused for the next
  // input record can be filled with fewer allocations (a new field must be cleared here too).
  void Clear();
};

// Collects one file's articles from its records, in input order.
class ArticleCollector {
 public:
  // Buffers of the body builder, reused from article to article (internal).
  struct Scratch {
    std::string lines;  // a run's normalized lines, back to back
    std::vector<std::pair<std::size_t, std::size_t>> spans;  // offset, length in `lines`
    std::vector<std::string_view> views;
    std::string unescaped;  // one line of a JSON string, unescaped
    std::string decoded;    // one line, its character references decoded
  };

  // A record waiting to be built, or (when `skip` is set) a record skipped with that reason
  // (internal).
  struct Pending {
    std::string skip;
    ScrapedRecord record;
  };

  // `file_warnings` receives one warning per skipped record; may be null.
  ArticleCollector(TimePoint reference_time, std::vector<std::string>* file_warnings)
      : reference_time_(reference_time), file_warnings_(file_warnings) {}

  // Builds the record's article: text decoded and normalized, body blocks as the line formats
  // make them (datelines, captions, headings), dates parsed (a date without a zone is taken as
  // UTC with a warning; "None" gives no date and a warning), authors cleaned, URLs checked. A
  // record without a title or without text is skipped with a warning naming its label.
  // Records are built a batch at a time, each step for the whole batch before the next, so that
  // each step's code stays in the instruction cache; the result is as if built one by one.
  void Add(ScrapedRecord record);

  // An empty record to fill in place of Add: it counts as added when the next record is asked
  // for, or at Skip or Finish. The reference is good until the next NewRecord, Add, Skip or
  // Finish (a full batch is then built and its slots reused). Records are reused from batch to
  // batch, so a string field that a mapper writes into (json_fields::Text) keeps its buffer.
  ScrapedRecord& NewRecord();

  // Counts a record that is no article at all ("record 3 is a string, not an object") as
  // skipped, with that warning, in its place among the added records. Past ten skipped records,
  // Finish adds one warning counting the rest instead.
  void Skip(std::string why);

  // The usable articles. Error "no usable article: ..." when there are none: why the only
  // record was skipped, or the reasons of the first few, or `empty_reason` when no record was
  // added ("the JSON array is empty").
  Result<std::vector<Article>> Finish(std::string_view empty_reason) &&;

 private:
  Pending& NextPending();
  void BuildPending();
  void Skipped(std::string why);

  TimePoint reference_time_;
  std::vector<std::string>* file_warnings_;
  Scratch scratch_;
  std::vector<Pending> pending_;  // slots, reused from batch to batch; the first `waiting_` wait
  std::size_t waiting_ = 0;
  std::vector<Article> articles_;
  std::vector<std::string> reasons_;  // of the first skipped: "record 2 (\"T\") has no text"
  std::size_t skipped_ = 0;
};

// Categories give the section (the first, unless the record has one) and tags (all).
void AddCategories(ScrapedRecord& record, std::vector<std::string> categories);

// The trimmed, non-empty items of a `separator`-joined list ("a; b;; c" → a, b, c).
std::vector<std::string> SplitList(std::string_view list, char separator);

// `text` in double quotes for a message, cut after `limit` bytes (at a character boundary).
std::string QuoteForMessage(std::string_view text, std::size_t limit = 80);

}  // namespace synd

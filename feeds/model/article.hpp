// Article: one parsed and normalized article, the value that flows from ingest through dedupe
// into the store. Plain data; every text field is valid UTF-8 in NFC once normalized.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "feeds/model/time.hpp"

namespace synd {

enum class BlockType { kParagraph, kHeading, kImage };

// One unit of body text in source order. An image block's text is its caption.
struct Block {
  BlockType type = BlockType::kParagraph;
  std::string text;
  bool operator==(const Block&) const = default;
};

// "NEW DELHI, April 22 :" → place "NEW DELHI", date "April 22" (as written).
struct Dateline {
  std::string place;
  std::optional<std::string> date;
  bool operator==(const Dateline&) const = default;
};

// The smallest unit the source gave for its dates.
enum class DatePrecision { kSecond, kMinute, kHour, kDay };

// Where an article came from. `file` is the input's name as given (never sent to webhooks);
// `format` is the detected input format ("reference", "text", "news-please", ...); `index`
// counts articles within the file from 0.
struct SourceRef {
  std::string file;
  std::string format;
  int index = 0;
  bool operator==(const SourceRef&) const = default;
};

struct Article {
  std::string title;
  std::vector<std::string> summary;  // the bullets, bullet marks removed
  std::optional<Dateline> dateline;
  std::vector<Block> body;
  std::optional<TimePoint> published;  // as stated by the input; relative dates resolved
  std::optional<TimePoint> updated;
  DatePrecision date_precision = DatePrecision::kSecond;
  std::optional<std::string> url;          // as given by the input
  std::optional<std::string> external_id;  // an RSS guid or Atom id from a feed input
  std::vector<std::string> authors;
  std::optional<std::string> language;  // BCP 47 tag from the input, e.g. "en"
  std::optional<std::string> section;
  std::vector<std::string> tags;  // categories, topics, keywords from the input
  std::optional<std::string> site;
  std::optional<std::string> image_url;
  SourceRef source;
  std::string fingerprint;  // hex of the exact dedupe fingerprint (DESIGN.md §7)
  std::vector<std::string> warnings;

  bool operator==(const Article&) const = default;
};

const char* BlockTypeName(BlockType type);       // "paragraph", "heading", "image"
const char* DatePrecisionName(DatePrecision p);  // "second", "minute", "hour", "day"

// The summary as one string: bullets joined by a space, or the first paragraph when there are
// no bullets (DESIGN.md §6).
std::string SummaryText(const Article& article);

// Body as plain text: blocks separated by blank lines, the dateline left as written.
std::string ContentText(const Article& article);

}  // namespace synd

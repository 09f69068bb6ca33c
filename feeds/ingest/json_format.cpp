#include "feeds/ingest/json_format.hpp"

#include <array>
#include <boost/json/error.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parser.hpp>
#include <optional>
#include <vector>

#include "feeds/ingest/json_mappers.hpp"
#include "feeds/ingest/json_reader.hpp"
#include "feeds/ingest/scraped_record.hpp"
#include "feeds/ingest/text_position.hpp"
#include "feeds/normalize/decode.hpp"

namespace synd {
namespace json = boost::json;
namespace {

// JSON's white space but CR, which decoded text does not hold: bytes that ParseJsonBytes reads
// must not hold it either (see there).
constexpr std::string_view kJsonSpace = " \t\n";

// ParseDump has decoded the text to valid UTF-8 already; Boost.JSON need not check it again.
json::parse_options ParseOptions() {
  json::parse_options options;
  options.allow_invalid_utf8 = true;
  return options;
}

std::string ErrorText(const json::error_code& ec) {
  if (ec == json::error::too_deep) return "nested too deeply";
  return ec.message();
}

// `offset` is where the parser stopped in `text`; `end` is where the value had to end (the end
// of the file, or of the line in JSON Lines).
Status SyntaxError(std::string_view text, std::size_t offset, std::size_t end,
                   const json::error_code& ec, bool lines) {
  const std::string at = offset < end ? "at " + ExcerptAt(text, offset)
                         : lines      ? "at the end of the line"
                                      : "at the end of the file";
  return Status::Invalid("invalid JSON at " + DescribePosition(PositionAt(text, offset)) + ", " +
                         at + ": " + ErrorText(ec));
}

const char* KindName(const JsonNode& v) {
  switch (v.kind()) {
    case JsonNode::Kind::kString:
      return "a string";
    case JsonNode::Kind::kBool:
      return "a boolean";
    case JsonNode::Kind::kNull:
      return "null";
    case JsonNode::Kind::kArray:
      return "an array";
    case JsonNode::Kind::kObject:
      return "an object";
    case JsonNode::Kind::kNumber:
      break;
  }
  return "a number";
}

bool IsBlank(std::string_view s) {
  return s.find_first_not_of(kJsonSpace) == std::string_view::npos;
}

// Parses the value that starts `text` (leading space allowed) with `parser`; `consumed` is where
// it stopped (the error offset on failure).
bool ParseOne(json::parser& parser, std::string_view text, std::size_t& consumed,
              json::error_code& ec) {
  consumed = parser.write_some(text.data(), text.size(), ec);
  return !ec;
}

// Lines read before their records are mapped: reading and mapping alternate a batch at a time,
// so that each one's code stays in the instruction cache (as the collector builds articles).
constexpr std::size_t kLinesPerBatch = 32;

// Read JSON Lines records waiting to be mapped.
class LineBatch {
 public:
  // The document (and Boost.JSON value, for a line the fast reader leaves to Boost.JSON) the
  // next line is read into.
  JsonDocument& doc() { return docs_[size_]; }
  json::value& value() { return values_[size_]; }

  // Counts the line just read as record `line_number`; maps the batch when it is full.
  void Read(std::size_t line_number, ArticleCollector& collector) {
    line_numbers_[size_++] = line_number;
    if (size_ == kLinesPerBatch) Map(collector);
  }

  // Maps the read records in order and empties the batch.
  void Map(ArticleCollector& collector) {
    for (std::size_t k = 0; k < size_; ++k) {
      const JsonNode& object = docs_[k].root();
      if (object.is_object()) {
        ScrapedRecord& record = collector.NewRecord();
        record.label = "line " + std::to_string(line_numbers_[k]);
        MapJsonRecord(object, record);
      } else {
        collector.Skip("line " + std::to_string(line_numbers_[k]) + " is " + KindName(object) +
                       ", not an object");
      }
      values_[k] = nullptr;  // a converted record's text was copied by the mapper
    }
    size_ = 0;
  }

 private:
  std::array<JsonDocument, kLinesPerBatch> docs_;
  std::array<json::value, kLinesPerBatch> values_;
  std::array<std::size_t, kLinesPerBatch> line_numbers_{};
  std::size_t size_ = 0;
};

// JSON Lines after the first line's record: each further non-blank line holds one value. With
// `fast_only` (the text is a file's undecoded bytes, read by the fast reader so far), a line the
// fast reader cannot read goes on as ParseJson would read it when the rest of the text is its own
// decoded text too (a late record with a fraction need not cost a second parse of the file);
// otherwise it sets `declined` and ends the reading.
Status CollectLines(std::string_view text, std::size_t from, std::size_t line,
                    ArticleCollector& collector, bool fast_only, bool& declined) {
  LineBatch batch;
  std::optional<json::parser> parser;  // for the lines the fast reader leaves
  for (; from < text.size(); ++line) {
    const std::size_t start = from;
    if (!FastJsonReader::ParseLine(text, from, batch.doc())) {
      std::size_t eol = text.find('\n', from);
      if (eol == std::string_view::npos) eol = text.size();
      const std::string_view row = text.substr(from, eol - from);
      from = eol + 1;
      if (IsBlank(row)) continue;
      if (fast_only) {
        // The bytes before `start` were read as UTF-8 without CR, and a line starts there.
        if (!IsDecodedText(text.substr(start))) {
          declined = true;
          return Status::Ok();
        }
        fast_only = false;
      }
      if (!parser) parser.emplace(json::storage_ptr(), ParseOptions());
      parser->reset();
      std::size_t used = 0;
      json::error_code ec;
      if (!ParseOne(*parser, row, used, ec)) return SyntaxError(text, start + used, eol, ec, true);
      if (!IsBlank(row.substr(used))) {
        return Status::Invalid("invalid JSON Lines at " +
                               DescribePosition(PositionAt(text, start + used)) +
                               ": a second value on the line");
      }
      batch.value() = parser->release();
      batch.doc().Convert(batch.value());
    }
    batch.Read(line + 1, collector);
  }
  batch.Map(collector);
  return Status::Ok();
}

// JSON Lines from `first` (where the first line's object starts) and `next` (the next line).
Result<std::vector<Article>> CollectJsonLines(std::string_view text, const JsonNode& first_record,
                                              std::size_t first, std::size_t next,
                                              ArticleCollector& collector, bool fast_only,
                                              bool& declined) {
  const std::size_t line = PositionAt(text, first).line;
  ScrapedRecord& record = collector.NewRecord();
  record.label = "line " + std::to_string(line);
  MapJsonRecord(first_record, record);
  if (Status s = CollectLines(text, next, line, collector, fast_only, declined); !s.ok()) return s;
  if (declined) return Status::Invalid("declined");
  return std::move(collector).Finish("the file holds no JSON record");
}

// ParseJson, or with `fast_only` ParseJsonBytes: then anything the fast reader cannot read sets
// `declined` (and the result is to be ignored).
Result<std::vector<Article>> ParseText(const ParseContext& context, bool fast_only,
                                       bool& declined) {
  const std::string_view text = context.text;
  JsonDocument doc;
  ArticleCollector collector(context.reference_time, context.file_warnings);
  json::monotonic_resource memory;
  json::value value;  // what Boost.JSON read, when the fast reader left the text to it
  std::size_t used = text.size();
  if (!FastJsonReader::Parse(text, doc)) {
    if (fast_only) {
      // JSON Lines, if the fast reader reads the first line.
      const std::size_t first = text.find_first_not_of(kJsonSpace);
      std::size_t next = first;
      if (first == std::string_view::npos || !FastJsonReader::ParseLine(text, next, doc)) {
        declined = true;
        return Status::Invalid("declined");
      }
      return CollectJsonLines(text, doc.root(), first, next, collector, true, declined);
    }
    json::parser parser{json::storage_ptr(&memory), ParseOptions()};
    json::error_code ec;
    if (!ParseOne(parser, text, used, ec)) return SyntaxError(text, used, text.size(), ec, false);
    value = parser.release();
    doc.Convert(value);
  }
  const JsonNode& root = doc.root();
  const std::size_t rest = text.find_first_not_of(kJsonSpace, used);
  if (rest == std::string_view::npos) {
    if (root.is_object()) {
      CollectJsonObject(root, collector);
    } else if (root.is_array()) {
      CollectJsonArray(root, collector);
    } else {
      return Status::Invalid(std::string("JSON holds ") + KindName(root) +
                             ", not an object, an array of objects or JSON Lines");
    }
    return std::move(collector).Finish(root.is_array() ? "the JSON array is empty"
                                                       : "the JSON object holds no article");
  }
  // More text after the first value: JSON Lines, whose first record sits on its first line.
  const std::size_t first = text.find_first_not_of(kJsonSpace);
  const std::size_t end = text.find_last_not_of(kJsonSpace, used - 1) + 1;
  const std::size_t eol = text.find('\n', end);
  if (!root.is_object() || text.substr(first, end - first).find('\n') != std::string_view::npos ||
      eol == std::string_view::npos || rest < eol) {
    return Status::Invalid("invalid JSON at " + DescribePosition(PositionAt(text, rest)) +
                           ": text after the JSON value (JSON Lines holds one object per line)");
  }
  return CollectJsonLines(text, root, first, eol + 1, collector, false, declined);
}

}  // namespace

int SniffJson(std::string_view text) {
  const std::size_t i = text.find_first_not_of(kJsonSpace);
  if (i == std::string_view::npos) return 0;
  if (text[i] == '{') return 95;
  if (text[i] != '[') return 0;
  const std::size_t j = text.find_first_not_of(kJsonSpace, i + 1);
  if (j == std::string_view::npos) return 95;
  const std::string_view next = text.substr(j);
  if (std::string_view("{[]\"-0123456789").find(next[0]) != std::string_view::npos) return 95;
  for (std::string_view literal : {"true", "false", "null"}) {
    if (next.starts_with(literal)) return 95;
  }
  return 0;
}

Result<std::vector<Article>> ParseJson(const ParseContext& context) {
  bool declined = false;
  return ParseText(context, /*fast_only=*/false, declined);
}

std::optional<std::vector<Article>> ParseJsonBytes(const ParseContext& context) {
  std::vector<std::string> warnings;
  bool declined = false;
  Result<std::vector<Article>> articles =
      ParseText(ParseContext{context.text, context.reference_time, &warnings}, true, declined);
  if (declined || !articles.ok()) return std::nullopt;
  for (std::string& w : warnings) context.file_warnings->push_back(std::move(w));
  return std::move(*articles);
}

}  // namespace synd

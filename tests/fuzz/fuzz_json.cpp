// Fuzzes the JSON parser (objects, arrays, wrappers, JSON Lines, every scraper mapper) as the
// daemon calls it: ParseDump on the raw bytes, and the same pipeline forced onto that parser.
// Also holds FastJsonReader to its contract: any document it reads equals the one converted
// from Boost.JSON's value, for a whole document (Parse) and for each line of JSON Lines
// (ParseLine), and only for UTF-8 without CR; the input as one record's text gives the same
// article whether the flat reader hands it over escaped or Boost.JSON hands it over unescaped;
// and ParseJsonBytes reads only bytes that decoding would leave as they are, and gives what
// ParseJson gives on them.
#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "feeds/ingest/json_format.hpp"
#include "feeds/ingest/json_reader.hpp"
#include "feeds/model/article_json.hpp"
#include "feeds/normalize/decode.hpp"
#include "feeds/normalize/utf8.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

// What Boost.JSON makes of `text`, or nullopt when it rejects it.
std::optional<boost::json::value> BoostValue(std::string_view text) {
  boost::json::parse_options options;
  options.allow_invalid_utf8 = true;  // the reader does not check UTF-8; ParseDump does
  boost::json::error_code ec;
  boost::json::value value = boost::json::parse(text, ec, {}, options);
  if (ec) return std::nullopt;
  return value;
}

// Whether `doc` holds what Boost.JSON reads from `text`.
bool SameAsBoost(const synd::JsonDocument& doc, std::string_view text) {
  const std::optional<boost::json::value> expected = BoostValue(text);
  if (!expected) return false;
  synd::JsonDocument converted;
  converted.Convert(*expected);
  return doc.root() == converted.root();
}

void CheckReader(std::string_view text) {
  synd::JsonDocument doc;
  if (!synd::FastJsonReader::Parse(text, doc)) return;
  synd::fuzz::Require(SameAsBoost(doc, text), "the fast reader gives Boost.JSON's value");
  synd::fuzz::Require(synd::CheckUtf8(text).valid && text.find('\r') == std::string_view::npos,
                      "the fast reader reads only UTF-8 without CR");
}

void CheckBytesPath(std::string_view bytes) {
  std::vector<std::string> fast_warnings;
  const std::optional<std::vector<synd::Article>> fast =
      synd::ParseJsonBytes(synd::ParseContext{bytes, {}, &fast_warnings});
  if (!fast) {
    synd::fuzz::Require(fast_warnings.empty(), "a declined ParseJsonBytes adds no warning");
    return;
  }
  synd::fuzz::Require(synd::IsDecodedText(bytes),
                      "ParseJsonBytes reads only bytes that are their own decoded text");
  std::vector<std::string> warnings;
  const synd::Result<std::vector<synd::Article>> slow =
      synd::ParseJson(synd::ParseContext{bytes, {}, &warnings});
  synd::fuzz::Require(slow.ok() && slow->size() == fast->size() && warnings == fast_warnings,
                      "ParseJsonBytes gives ParseJson's articles and warnings");
  for (std::size_t i = 0; i < fast->size(); ++i) {
    synd::fuzz::Require(synd::ArticleToJson((*fast)[i]) == synd::ArticleToJson((*slow)[i]),
                        "ParseJsonBytes gives ParseJson's articles");
  }
}

// Each line through ParseLine: an object it gives is Boost.JSON's value of that line, and it
// moves exactly past the line; when it gives up it leaves the position alone.
void CheckLineReader(std::string_view text) {
  synd::JsonDocument doc;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t eol = text.find('\n', start);
    if (eol == std::string_view::npos) eol = text.size();
    std::size_t pos = start;
    if (synd::FastJsonReader::ParseLine(text, pos, doc)) {
      synd::fuzz::Require(
          doc.root().is_object() && SameAsBoost(doc, text.substr(start, eol - start)),
          "ParseLine gives Boost.JSON's object for the line");
      synd::fuzz::Require(pos == std::min(eol + 1, text.size()), "ParseLine moves past the line");
    } else {
      synd::fuzz::Require(pos == start, "ParseLine leaves the position alone when it gives up");
    }
    start = eol + 1;
  }
}

// The input as the text of one record, read by the fast reader (escaped) and by Boost.JSON (a
// fraction sends it there): the same article, or the same error.
void CheckEscapedText(std::string_view bytes) {
  if (!synd::IsDecodedText(bytes)) return;
  const std::string text = boost::json::serialize(boost::json::string(bytes));
  const std::string flat = R"({"title": "T", "text": )" + text + "}";
  const std::string nested = R"({"title": "T", "x": 0.5, "text": )" + text + "}";
  const synd::Result<synd::ParsedDump> a = synd::ParseDumpAs({flat, "a.json", {}}, "json");
  const synd::Result<synd::ParsedDump> b = synd::ParseDumpAs({nested, "b.json", {}}, "json");
  synd::fuzz::Require(a.ok() == b.ok(), "escaped and unescaped text are both articles or neither");
  if (!a.ok()) return;
  synd::fuzz::Require(a->articles.size() == 1 && b->articles.size() == 1, "one article each");
  synd::Article from_flat = a->articles[0];
  synd::Article from_boost = b->articles[0];
  from_boost.source = from_flat.source;
  synd::fuzz::Require(synd::ArticleToJson(from_flat) == synd::ArticleToJson(from_boost),
                      "escaped and unescaped text give the same article");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const synd::DumpInput input = synd::fuzz::Input(data, size);
  CheckReader(input.bytes);
  CheckLineReader(input.bytes);
  CheckEscapedText(input.bytes);
  CheckBytesPath(input.bytes);
  synd::fuzz::CheckDump(synd::ParseDumpAs(input, "json"));
  synd::fuzz::CheckDump(synd::ParseDump(input));
  return 0;
}

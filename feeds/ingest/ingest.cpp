#include "feeds/ingest/ingest.hpp"

#include <cstring>

#include "feeds/dedupe/fingerprint.hpp"
#include "feeds/ingest/format.hpp"
#include "feeds/normalize/decode.hpp"
#include "feeds/normalize/text.hpp"
#include "feeds/normalize/utf8.hpp"

namespace synd {
namespace {

// Text has no NUL bytes.
bool HasNul(std::string_view bytes, std::string& why) {
  const void* nul = std::memchr(bytes.data(), '\0', bytes.size());
  if (nul == nullptr) return false;
  why = "binary data (NUL byte at offset " +
        std::to_string(static_cast<const char*>(nul) - bytes.data()) + ")";
  return true;
}

// Control bytes other than white space: text has almost none, binary data many. Asked only of
// input that is not UTF-8 (binary data nearly never is); the first 64 KiB tell.
bool HasManyControls(std::string_view bytes, std::string& why) {
  const std::string_view head = bytes.substr(0, 65536);
  std::size_t controls = 0;
  for (char c : head) {
    const auto b = static_cast<unsigned char>(c);
    controls += b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f';
  }
  if (controls > 8 && controls * 100 > head.size()) {
    why = "binary data (" + std::to_string(controls) + " control bytes)";
    return true;
  }
  return false;
}

// True when normalization would leave nothing: only spaces, NBSP, invisibles and controls.
bool IsBlank(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const DecodedCodePoint d = DecodeUtf8At(text, i);
    if (!IsSpaceCodePoint(d.code_point) && !IsRemovedCodePoint(d.code_point)) return false;
    i += d.length;
  }
  return true;
}

const FormatParser* Detect(std::string_view text) {
  const FormatParser* best = nullptr;
  int best_score = 0;
  for (const FormatParser& format : RegisteredFormats()) {
    const int score = format.sniff(text);
    if (score > best_score) {
      best = &format;
      best_score = score;
    }
  }
  return best;
}

// Fills each article's source, file warnings and fingerprint.
ParsedDump Finished(ParsedDump dump, const DumpInput& input) {
  dump.fingerprint_texts.reserve(dump.articles.size());
  for (std::size_t i = 0; i < dump.articles.size(); ++i) {
    Article& article = dump.articles[i];
    std::string dialect = std::move(article.source.format);
    article.source = SourceRef{input.file_name, dialect.empty() ? dump.format : std::move(dialect),
                               static_cast<int>(i)};
    article.warnings.insert(article.warnings.begin(), dump.warnings.begin(), dump.warnings.end());
    std::string text = FingerprintText(article);
    article.fingerprint = FingerprintHex(text);
    dump.fingerprint_texts.push_back(std::move(text));
  }
  return dump;
}

// The articles of a format that reads the bytes before decoding (FormatParser::parse_bytes),
// when it claims them and can: the dump decoding would give, without decoding. The sniffers run
// on the bytes only when such a format claims them; their pick counts only when its parse_bytes
// succeeds, which tells that the bytes are their own decoded text, so it is the pick they would
// make on that text.
std::optional<ParsedDump> ParseUndecoded(const DumpInput& input, const FormatParser* forced) {
  const std::string_view bytes = WithoutByteOrderMarks(input.bytes);
  const FormatParser* format = forced;
  if (format == nullptr) {
    bool claimed = false;
    for (const FormatParser& f : RegisteredFormats()) {
      claimed = claimed || (f.parse_bytes != nullptr && f.sniff(bytes) > 0);
    }
    if (!claimed) return std::nullopt;
    format = Detect(bytes);
  }
  if (format == nullptr || format->parse_bytes == nullptr) return std::nullopt;
  ParsedDump dump;
  std::optional<std::vector<Article>> articles =
      format->parse_bytes(ParseContext{bytes, input.reference_time, &dump.warnings});
  if (!articles || articles->empty()) return std::nullopt;
  dump.format = std::string(format->name);
  dump.articles = std::move(*articles);
  return Finished(std::move(dump), input);
}

// Decodes, picks the format (the named one, or by sniffing), parses and finishes the articles.
Result<ParsedDump> Parse(const DumpInput& input, const FormatParser* forced) {
  if (input.bytes.empty()) return Status::Invalid("empty file");
  std::string why;
  if (HasNul(input.bytes, why)) return Status::Invalid(why);
  if (std::optional<ParsedDump> dump = ParseUndecoded(input, forced)) return std::move(*dump);
  Result<DecodedText> decoded = DecodeText(input.bytes);
  if (!decoded.ok()) return decoded.status();
  if (decoded->encoding != "utf-8" && HasManyControls(input.bytes, why)) {
    return Status::Invalid(why);
  }
  if (IsBlank(decoded->text))
    return Status::Invalid("empty file (no text: only white space and control characters)");
  const FormatParser* format = forced != nullptr ? forced : Detect(decoded->text);
  if (format == nullptr) {
    return Status::Invalid(
        "no recognizable article: not a known dump format, and no title line followed by a "
        "blank line and text");
  }
  ParsedDump dump;
  dump.warnings = std::move(decoded->warnings);
  Result<std::vector<Article>> articles =
      format->parse(ParseContext{decoded->text, input.reference_time, &dump.warnings});
  if (!articles.ok()) return articles.status();
  if (articles->empty()) return Status::Invalid("no recognizable article");
  dump.format = std::string(format->name);
  dump.articles = std::move(*articles);
  return Finished(std::move(dump), input);
}

}  // namespace

Result<ParsedDump> ParseDump(const DumpInput& input) { return Parse(input, nullptr); }

Result<ParsedDump> ParseDumpAs(const DumpInput& input, std::string_view format) {
  const FormatParser* parser = FindFormat(format);
  if (parser == nullptr) return Status::Invalid("unknown format \"" + std::string(format) + "\"");
  return Parse(input, parser);
}

}  // namespace synd

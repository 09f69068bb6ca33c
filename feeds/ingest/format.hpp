// Input formats of the ingest stage: each format is a cheap sniffer plus a parser, listed in one
// registry (registry.cpp). Adding a format means one parser file and one registry line.
// Parsers see decoded text only (valid UTF-8, LF line ends, no BOM); parse_bytes sees a file's
// bytes as they are and must tell on its way that they are such text. They do no I/O.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/model/article.hpp"
#include "feeds/model/status.hpp"
#include "feeds/model/time.hpp"

namespace synd {

struct ParseContext {
  std::string_view text;     // decoded input (parse_bytes: the bytes); lives as long as the call
  TimePoint reference_time;  // resolves relative dates
  // Warnings about the whole file (e.g. a skipped record); never null during a parse call.
  std::vector<std::string>* file_warnings = nullptr;
};

struct FormatParser {
  std::string_view name;  // "reference", "text", ...; goes to SourceRef::format

  // How sure the format is that `text` is one of its files: 0 means "not mine"; the highest
  // score wins, ties go to the earlier registry entry. Must be cheap: look at the start only.
  int (*sniff)(std::string_view text);

  // The articles in input order, their text fields normalized (feeds/normalize/text.hpp),
  // dates resolved, warnings about one article in its Article::warnings. The caller fills
  // `source` and `fingerprint`; a parser may set source.format to name the dialect it read
  // ("news-please", "rss"), which the caller keeps. Errors read well after "FILE: error: ", e.g.
  // "truncated article 3 (\"Title\"): the file ends before its body".
  Result<std::vector<Article>> (*parse)(const ParseContext& context);

  // Optional: `parse` on the file's bytes before they are decoded (byte order marks removed),
  // for a parser that can tell on its way that they are UTF-8 without CR, and so are their own
  // decoded text. nullopt, with no warning added, when it cannot tell or meets anything else
  // unusual: the bytes are then decoded and `parse` runs. It saves a pass over the file and a
  // copy of it.
  std::optional<std::vector<Article>> (*parse_bytes)(const ParseContext& context) = nullptr;
};

// Registered formats, in tie-breaking order.
std::span<const FormatParser> RegisteredFormats();

// The format called `name`, or nullptr.
const FormatParser* FindFormat(std::string_view name);

}  // namespace synd

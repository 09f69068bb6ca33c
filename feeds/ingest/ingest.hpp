// Ingest stage entry point: the bytes of one dump in, normalized and fingerprinted articles out
// (DESIGN.md §1). Detects the format from the content, never from the file name. Pure: no file
// access, no clock, no logging; the caller reads the file and supplies the reference time.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "feeds/model/article.hpp"
#include "feeds/model/status.hpp"
#include "feeds/model/time.hpp"

namespace synd {

struct DumpInput {
  std::string_view bytes;    // the whole file; must stay alive during the call
  std::string file_name;     // as the caller names it; copied to SourceRef::file
  TimePoint reference_time;  // resolves relative dates ("49 min 12 sec ago")
};

struct ParsedDump {
  // The detected format's name ("reference", "text", "json", "xml", "header-text"). Each
  // article's source.format names the same format, or the dialect its parser read within it
  // ("news-please", "fundus", "rss", "atom", "trafilatura").
  std::string format;
  std::vector<Article> articles;      // at least one; source and fingerprint filled
  std::vector<std::string> warnings;  // about the whole file (also copied into each article)
  // FingerprintText of each article, in order: computed for `fingerprint` anyway, and kept so
  // that dedupe's shingling does not fold the text a second time.
  std::vector<std::string> fingerprint_texts;
};

// Decodes (BOM, CRLF/CR, UTF-8 or Windows-1252), detects the format, parses, and fills each
// article's `source` {file_name, format or dialect, index from 0}, `fingerprint` and
// `warnings` (the file's warnings first, e.g. a record skipped for lack of text).
// Errors (messages read well after "FILE: error: "): "empty file", "binary data (...)",
// "no recognizable article: ...", "truncated ...". Any bytes are accepted without crashing.
Result<ParsedDump> ParseDump(const DumpInput& input);

// As ParseDump, but with the named format instead of detection (for tools, tests and fuzzing).
// Errors as ParseDump, plus "unknown format" for a name the registry lacks.
Result<ParsedDump> ParseDumpAs(const DumpInput& input, std::string_view format);

}  // namespace synd

// Shared checks of the fuzz targets: a broken invariant aborts, which libFuzzer reports as a
// crash together with the input. Not linked into the product.
#pragma once

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "feeds/ingest/ingest.hpp"
#include "feeds/normalize/text.hpp"

namespace synd::fuzz {

inline void Require(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
    std::abort();
  }
}

// What every successful parse promises: titles and text normalized, a 32-digit fingerprint,
// source filled in order; scraper articles have text.
inline void CheckDump(const Result<ParsedDump>& dump) {
  if (!dump.ok()) {
    Require(!dump.status().message().empty(), "an error has a message");
    return;
  }
  Require(!dump->articles.empty(), "a parsed dump has articles");
  for (std::size_t i = 0; i < dump->articles.size(); ++i) {
    const Article& a = dump->articles[i];
    Require(!a.title.empty(), "title is not empty");
    Require(NormalizeInline(a.title) == a.title, "title is normalized");
    for (const Block& b : a.body) Require(NormalizeInline(b.text) == b.text, "body is normalized");
    for (const std::string& s : a.summary) Require(NormalizeInline(s) == s, "bullet is normalized");
    Require(a.fingerprint.size() == 32, "fingerprint has 32 hex digits");
    Require(a.source.index == static_cast<int>(i), "source index counts from 0");
    Require(!a.source.format.empty(), "source format names the format or its dialect");
    if (dump->format == "json" || dump->format == "xml" || dump->format == "header-text") {
      // Scraper records without both a title and text are skipped, never kept.
      Require(std::any_of(a.body.begin(), a.body.end(),
                          [](const Block& b) { return b.type != BlockType::kImage; }),
              "a scraper article has text");
      for (const Block& b : a.body) Require(!b.text.empty(), "no empty block");
      for (const std::string& s : a.authors) {
        Require(!s.empty() && NormalizeInline(s) == s, "authors are normalized");
      }
      for (const std::string& s : a.tags) Require(NormalizeInline(s) == s, "tags are normalized");
      for (const std::optional<std::string>* field :
           {&a.url, &a.external_id, &a.language, &a.section, &a.site, &a.image_url}) {
        Require(!*field || (!(*field)->empty() && NormalizeInline(**field) == **field),
                "optional fields are normalized");
      }
    }
  }
}

inline DumpInput Input(const std::uint8_t* data, std::size_t size) {
  return DumpInput{std::string_view(reinterpret_cast<const char*>(data), size), "fuzz-input",
                   FromCivil(2025, 4, 22, 12, 0, 0)};
}

}  // namespace synd::fuzz

// Site and feed definitions: the parts of the configuration that the pure pipeline reads
// (identity, rendering, feed selection). config/ fills them; feeds/ never reads YAML.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace synd {

struct SiteDef {
  std::string title = "syndicated";
  std::string base_url = "http://127.0.0.1:8080/";  // absolute, ends with '/'
  std::string id_authority = "localhost";           // authority of minted tag: ids
  std::string author = "syndicated";                // when the input names none
  std::string language = "en";                      // when the input does not say
  bool operator==(const SiteDef&) const = default;
};

// One side of a feed filter (DESIGN.md §5). An empty list does not constrain.
struct FeedFilter {
  std::vector<std::string> keywords;   // whole words, case-insensitive: title, summary, body
  std::vector<std::string> sections;   // the article's section
  std::vector<std::string> sources;    // the article's site, else its URL's host
  std::vector<std::string> languages;  // the article's language, else the site's
  bool empty() const {
    return keywords.empty() && sections.empty() && sources.empty() && languages.empty();
  }
  bool operator==(const FeedFilter&) const = default;
};

struct FeedDef {
  std::string name;  // [a-z0-9-]+; output/<name>.rss, .atom, .json
  std::string title;
  std::size_t limit = 50;
  FeedFilter include;
  FeedFilter exclude;
  bool operator==(const FeedDef&) const = default;
};

}  // namespace synd

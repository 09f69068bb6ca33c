// Typed, position-aware reading of a yaml-cpp document, for the config loader only. Every reader
// reports what is wrong at the value's FILE:LINE:COL into a Diagnostics and keeps going, so one
// pass finds every problem. Values are quoted into messages only through QuoteForMessage.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/config.hpp"
#include "config/load.hpp"

namespace synd::config {

// The problems found so far, each with its position.
class Diagnostics {
 public:
  explicit Diagnostics(std::string file) : file_(std::move(file)) {}

  // `mark` is yaml-cpp's 0-based position; an unknown one (-1) becomes 1:1.
  void Add(const YAML::Mark& mark, std::string message);
  bool empty() const { return errors_.empty(); }
  // The problems ordered by position (stable for equal positions).
  std::vector<ConfigError> Take();

 private:
  std::string file_;
  std::vector<ConfigError> errors_;
};

// A value in the document: the node, where to point at it, and its name in messages.
struct Field {
  YAML::Node node;
  YAML::Mark mark;   // the value's position, or its key's when the value is empty
  std::string path;  // e.g. "site.base_url", "feeds[1].include.keywords[0]"; "" for the root
};

// "<path>: <problem>", or the problem alone for the root.
std::string Describe(const std::string& path, const std::string& problem);

// The root of a document (an empty document reads as an empty mapping).
Field RootField(const YAML::Node& root);

// A mapping whose keys are checked: not a mapping, a key that is not a string, an unknown key
// and a repeated key are each reported. An empty value (`site:`) reads as an empty mapping.
class MapFields {
 public:
  MapFields(const Field& field, std::initializer_list<std::string_view> allowed, Diagnostics& diag);

  // Whether the value was a mapping (or empty); when false, Get() finds nothing.
  bool is_map() const { return is_map_; }
  // The value of `key`, if present (the first one when repeated).
  const Field* Get(std::string_view key) const;
  const YAML::Mark& mark() const { return mark_; }
  const std::string& path() const { return path_; }

 private:
  bool is_map_ = false;
  YAML::Mark mark_;
  std::string path_;
  std::vector<std::pair<std::string, Field>> fields_;
};

// Each reader returns nullopt after reporting why the value does not fit.
// A non-empty string (any scalar, taken as text).
std::optional<std::string> ReadString(const Field& field, Diagnostics& diag);
// true or false, unquoted.
std::optional<bool> ReadBool(const Field& field, Diagnostics& diag);
// An unquoted whole number in [min, max].
std::optional<std::int64_t> ReadInt(const Field& field, std::int64_t min, std::int64_t max,
                                    Diagnostics& diag);
// An unquoted number (whole or decimal), finite.
std::optional<double> ReadNumber(const Field& field, Diagnostics& diag);
// A duration string (see ParseDuration) of at least `min`.
std::optional<Duration> ReadDuration(const Field& field, Duration min, Diagnostics& diag);
// The elements of a list, each named "<path>[i]".
std::optional<std::vector<Field>> ReadList(const Field& field, Diagnostics& diag);
// A list of non-empty strings; a bad element is reported and left out.
std::optional<std::vector<std::string>> ReadStringList(const Field& field, Diagnostics& diag);
// A single string or a list of them (for values that may be rotated, like secrets); each entry
// comes with its Field so that later checks can point at it.
std::optional<std::vector<std::pair<std::string, Field>>> ReadOneOrMany(const Field& field,
                                                                        Diagnostics& diag);

}  // namespace synd::config

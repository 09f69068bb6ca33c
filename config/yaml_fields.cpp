#include "config/yaml_fields.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "config/values.hpp"

namespace synd::config {
namespace {

// A plain (unquoted) scalar carries the non-specific tag "?"; a quoted one carries "!".
bool IsPlainScalar(const YAML::Node& node) { return node.IsScalar() && node.Tag() != "!"; }

std::string KindOf(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Scalar:
      return node.Tag() == "!" ? "the quoted string " + QuoteForMessage(node.Scalar())
                               : QuoteForMessage(node.Scalar());
    default:
      return "nothing";
  }
}

std::string Child(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string JoinKeys(std::initializer_list<std::string_view> keys) {
  std::string out;
  for (std::string_view key : keys) {
    if (!out.empty()) out += ", ";
    out += key;
  }
  return out;
}

void Expected(const Field& field, const std::string& what, Diagnostics& diag) {
  diag.Add(field.mark, Describe(field.path, "expected " + what + ", found " + KindOf(field.node)));
}

}  // namespace

void Diagnostics::Add(const YAML::Mark& mark, std::string message) {
  ConfigError error;
  error.file = file_;
  error.line = mark.line >= 0 ? mark.line + 1 : 1;
  error.column = mark.column >= 0 ? mark.column + 1 : 1;
  error.message = std::move(message);
  errors_.push_back(std::move(error));
}

std::vector<ConfigError> Diagnostics::Take() {
  std::stable_sort(errors_.begin(), errors_.end(), [](const ConfigError& a, const ConfigError& b) {
    return std::pair(a.line, a.column) < std::pair(b.line, b.column);
  });
  return std::move(errors_);
}

std::string Describe(const std::string& path, const std::string& problem) {
  return path.empty() ? problem : path + ": " + problem;
}

Field RootField(const YAML::Node& root) { return Field{root, root.Mark(), ""}; }

MapFields::MapFields(const Field& field, std::initializer_list<std::string_view> allowed,
                     Diagnostics& diag)
    : mark_(field.mark), path_(field.path) {
  if (field.node.IsNull()) {
    is_map_ = true;
    return;
  }
  if (!field.node.IsMap()) {
    Expected(field, "a mapping of " + JoinKeys(allowed), diag);
    return;
  }
  is_map_ = true;
  for (auto it = field.node.begin(); it != field.node.end(); ++it) {
    // A copy: yaml-cpp's iterator returns a temporary proxy, so a reference would dangle.
    const YAML::Node key = it->first;
    if (!key.IsScalar()) {
      diag.Add(key.Mark(), Describe(path_, "a key must be a plain name, found " + KindOf(key)));
      continue;
    }
    const std::string name = key.Scalar();
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      diag.Add(key.Mark(), Describe(path_, "unknown key " + QuoteForMessage(name) +
                                               "; expected one of: " + JoinKeys(allowed)));
      continue;
    }
    if (const Field* first = Get(name)) {
      diag.Add(key.Mark(),
               Describe(path_, "key " + QuoteForMessage(name) + " is repeated (first at line " +
                                   std::to_string(first->mark.line + 1) + ")"));
      continue;
    }
    const YAML::Node value = it->second;
    // An empty value has no position of its own; yaml-cpp gives the next token's.
    const YAML::Mark mark = value.IsNull() ? key.Mark() : value.Mark();
    fields_.emplace_back(name, Field{value, mark, Child(path_, name)});
  }
}

const Field* MapFields::Get(std::string_view key) const {
  for (const auto& [name, field] : fields_) {
    if (name == key) return &field;
  }
  return nullptr;
}

std::optional<std::string> ReadString(const Field& field, Diagnostics& diag) {
  if (!field.node.IsScalar()) {
    Expected(field, "a string", diag);
    return std::nullopt;
  }
  if (field.node.Scalar().empty()) {
    diag.Add(field.mark, Describe(field.path, "must not be empty"));
    return std::nullopt;
  }
  return field.node.Scalar();
}

std::optional<bool> ReadBool(const Field& field, Diagnostics& diag) {
  if (IsPlainScalar(field.node)) {
    const std::string& text = field.node.Scalar();
    if (text == "true" || text == "True" || text == "TRUE") return true;
    if (text == "false" || text == "False" || text == "FALSE") return false;
  }
  Expected(field, "true or false", diag);
  return std::nullopt;
}

std::optional<std::int64_t> ReadInt(const Field& field, std::int64_t min, std::int64_t max,
                                    Diagnostics& diag) {
  if (!IsPlainScalar(field.node)) {
    Expected(field, "a whole number", diag);
    return std::nullopt;
  }
  const std::string& text = field.node.Scalar();
  std::int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  const bool whole = !text.empty() && ptr == text.data() + text.size();
  if (!whole || (ec != std::errc() && ec != std::errc::result_out_of_range)) {
    Expected(field, "a whole number", diag);
    return std::nullopt;
  }
  if (ec == std::errc::result_out_of_range || value < min || value > max) {
    diag.Add(field.mark, Describe(field.path, "must be from " + std::to_string(min) + " to " +
                                                  std::to_string(max) + ", found " + text));
    return std::nullopt;
  }
  return value;
}

std::optional<double> ReadNumber(const Field& field, Diagnostics& diag) {
  if (IsPlainScalar(field.node)) {
    const std::string& text = field.node.Scalar();
    double value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (!text.empty() && ec == std::errc() && ptr == text.data() + text.size() &&
        std::isfinite(value)) {
      return value;
    }
  }
  Expected(field, "a number", diag);
  return std::nullopt;
}

std::optional<Duration> ReadDuration(const Field& field, Duration min, Diagnostics& diag) {
  if (!field.node.IsScalar()) {
    Expected(field, "a duration like \"15s\"", diag);
    return std::nullopt;
  }
  Result<Duration> parsed = ParseDuration(field.node.Scalar());
  if (!parsed.ok()) {
    diag.Add(field.mark, Describe(field.path, parsed.status().message()));
    return std::nullopt;
  }
  if (*parsed < min) {
    diag.Add(field.mark, Describe(field.path, "must be at least " + std::to_string(min.count()) +
                                                  "ms, found " + field.node.Scalar()));
    return std::nullopt;
  }
  return *parsed;
}

std::optional<std::vector<Field>> ReadList(const Field& field, Diagnostics& diag) {
  if (field.node.IsNull()) return std::vector<Field>{};
  if (!field.node.IsSequence()) {
    Expected(field, "a list", diag);
    return std::nullopt;
  }
  std::vector<Field> items;
  for (std::size_t i = 0; i < field.node.size(); ++i) {
    const YAML::Node item = field.node[i];
    const YAML::Mark mark = item.IsNull() ? field.mark : item.Mark();
    items.push_back(Field{item, mark, field.path + "[" + std::to_string(i) + "]"});
  }
  return items;
}

std::optional<std::vector<std::string>> ReadStringList(const Field& field, Diagnostics& diag) {
  std::optional<std::vector<Field>> items = ReadList(field, diag);
  if (!items) return std::nullopt;
  std::vector<std::string> out;
  for (const Field& item : *items) {
    if (std::optional<std::string> text = ReadString(item, diag)) out.push_back(std::move(*text));
  }
  return out;
}

std::optional<std::vector<std::pair<std::string, Field>>> ReadOneOrMany(const Field& field,
                                                                        Diagnostics& diag) {
  std::vector<Field> items;
  if (field.node.IsSequence()) {
    items = *ReadList(field, diag);
  } else if (field.node.IsScalar()) {
    items.push_back(field);
  } else {
    Expected(field, "a string or a list of strings", diag);
    return std::nullopt;
  }
  std::vector<std::pair<std::string, Field>> out;
  for (const Field& item : items) {
    if (std::optional<std::string> text = ReadString(item, diag)) {
      out.emplace_back(std::move(*text), item);
    }
  }
  return out;
}

}  // namespace synd::config

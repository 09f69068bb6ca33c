#include "feeds/ingest/json_fields.hpp"

#include <optional>

namespace synd::json_fields {
namespace {

std::string_view Trim(std::string_view s) {
  const std::size_t first = s.find_first_not_of(" \t\n");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\n") - first + 1);
}

const char* KindName(const JsonNode& v) {
  switch (v.kind()) {
    case JsonNode::Kind::kArray:
      return "an array";
    case JsonNode::Kind::kObject:
      return "an object";
    case JsonNode::Kind::kBool:
      return "a boolean";
    default:
      return "not text";
  }
}

// Text of a scalar (a number as its text); false for arrays, objects and booleans.
bool ScalarText(const JsonNode& v, std::string& out) {
  if (!v.is_string() && !v.is_number() && !v.is_null()) return false;
  out.clear();
  v.AppendText(out);
  return true;
}

// Items of a Python repr of a list, tuple or set of strings: "['a', 'b']", "{'a'}", "set()".
// nullopt when `s` does not have that shape.
std::optional<std::vector<std::string>> PythonCollection(std::string_view s) {
  s = Trim(s);
  if (s == "set()" || s == "[]" || s == "()" || s == "{}") return std::vector<std::string>{};
  if (s.size() < 4) return std::nullopt;
  const char open = s.front();
  const char close = s.back();
  if (!(open == '[' && close == ']') && !(open == '{' && close == '}') &&
      !(open == '(' && close == ')')) {
    return std::nullopt;
  }
  const std::string_view inner = s.substr(1, s.size() - 2);
  std::vector<std::string> items;
  for (std::size_t i = 0; i < inner.size();) {
    const char quote = inner[i];
    if (quote != '\'' && quote != '"') return std::nullopt;
    const std::size_t end = inner.find(quote, i + 1);
    if (end == std::string_view::npos) return std::nullopt;
    items.emplace_back(inner.substr(i + 1, end - i - 1));
    i = end + 1;
    if (i == inner.size()) break;
    if (inner[i] != ',') return std::nullopt;
    for (++i; i < inner.size() && inner[i] == ' ';) ++i;
  }
  return items;
}

void ElementText(const JsonNode& v, std::vector<std::string>& out) {
  std::string text;
  if (v.is_object()) {
    if (const JsonNode* name = v.Find("name")) {
      if (ScalarText(*name, text) && !text.empty()) out.push_back(std::move(text));
    }
  } else if (ScalarText(v, text) && !text.empty()) {
    out.push_back(std::move(text));
  }
}

}  // namespace

const JsonNode* First(const JsonNode& object, Keys keys, std::string_view* found) {
  for (std::string_view key : keys) {
    const JsonNode* v = object.Find(key);
    if (v == nullptr || v->is_null()) continue;
    if (found != nullptr) *found = key;
    return v;
  }
  return nullptr;
}

std::string Text(const JsonNode& object, Keys keys, ScrapedRecord& record) {
  std::string text;
  Text(object, keys, record, text);
  return text;
}

void Text(const JsonNode& object, Keys keys, ScrapedRecord& record, std::string& out) {
  std::string_view key;
  const JsonNode* v = First(object, keys, &key);
  if (v == nullptr) {
    out.clear();
  } else if (!ScalarText(*v, out)) {
    out.clear();
    record.warnings.push_back("field \"" + std::string(key) + "\" is " + KindName(*v) +
                              ", not text: ignored");
  }
}

std::vector<std::string> Texts(const JsonNode& object, Keys keys, char separator,
                               ScrapedRecord& record) {
  std::string_view key;
  const JsonNode* v = First(object, keys, &key);
  std::vector<std::string> out;
  if (v == nullptr) return out;
  if (v->is_array()) {
    for (const JsonNode& item : v->items()) ElementText(item, out);
  } else if (v->is_string()) {
    std::string s = v->Text();
    if (std::optional<std::vector<std::string>> items = PythonCollection(s)) {
      record.warnings.push_back("field \"" + std::string(key) + "\" is the string " +
                                QuoteForMessage(s) + " (a Python collection): read as " +
                                std::to_string(items->size()) + " item(s)");
      return std::move(*items);
    }
    if (separator == '\0') {
      out.push_back(std::move(s));
    } else {
      out = SplitList(s, separator);
    }
  } else {
    ElementText(*v, out);
  }
  return out;
}

void Date(const JsonNode& object, Keys keys, ScrapedRecord& record, RecordDate& out) {
  std::string_view key = keys.size() > 0 ? *keys.begin() : std::string_view();
  First(object, keys, &key);
  out.field.assign(key);
  Text(object, keys, record, out.text);
}

void Append(std::vector<std::string>& out, std::vector<std::string> items) {
  for (std::string& item : items) out.push_back(std::move(item));
}

}  // namespace synd::json_fields

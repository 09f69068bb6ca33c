#include "feeds/ingest/json_node.hpp"

#include <boost/json/serialize.hpp>
#include <cstring>

#include "feeds/model/hex.hpp"
#include "feeds/normalize/utf8.hpp"

namespace synd {
namespace json = boost::json;
namespace {

// The four hex digits at `i` of `raw`, or -1.
long FourHex(std::string_view raw, std::size_t i) {
  if (i + 4 > raw.size()) return -1;
  long value = 0;
  for (std::size_t k = i; k < i + 4; ++k) {
    const int digit = HexDigitValue(raw[k]);
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

// Unescapes the escape at `raw[i]` (a backslash) onto `out`; returns the bytes it took, or 0
// when it is malformed.
std::size_t AppendEscape(std::string_view raw, std::size_t i, std::string& out) {
  if (i + 1 >= raw.size()) return 0;
  switch (raw[i + 1]) {
    case '"':
    case '\\':
    case '/':
      out.push_back(raw[i + 1]);
      return 2;
    case 'b':
      out.push_back('\b');
      return 2;
    case 'f':
      out.push_back('\f');
      return 2;
    case 'n':
      out.push_back('\n');
      return 2;
    case 'r':
      out.push_back('\r');
      return 2;
    case 't':
      out.push_back('\t');
      return 2;
    case 'u':
      break;
    default:
      return 0;
  }
  const long high = FourHex(raw, i + 2);
  if (high < 0) return 0;
  if (high >= 0xD800 && high <= 0xDBFF && i + 12 <= raw.size() && raw[i + 6] == '\\' &&
      raw[i + 7] == 'u') {
    const long low = FourHex(raw, i + 8);
    if (low >= 0xDC00 && low <= 0xDFFF) {
      AppendUtf8(static_cast<char32_t>(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)), out);
      return 12;
    }
  }
  if (high >= 0xD800 && high <= 0xDFFF) return 0;  // a lone surrogate
  AppendUtf8(static_cast<char32_t>(high), out);
  return 6;
}

bool SameMembers(std::span<const JsonMember> a, std::span<const JsonMember> b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].key != b[i].key || !(a[i].value == b[i].value)) return false;
  }
  return true;
}

bool SameItems(std::span<const JsonNode> a, std::span<const JsonNode> b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!(a[i] == b[i])) return false;
  }
  return true;
}

}  // namespace

void AppendUnescapedJson(std::string_view raw, std::string& out) {
  out.reserve(out.size() + raw.size());
  for (std::size_t i = 0; i < raw.size();) {
    const void* hit = std::memchr(raw.data() + i, '\\', raw.size() - i);
    const std::size_t stop =
        hit == nullptr ? raw.size()
                       : static_cast<std::size_t>(static_cast<const char*>(hit) - raw.data());
    out.append(raw.data() + i, stop - i);
    if (stop == raw.size()) return;
    const std::size_t used = AppendEscape(raw, stop, out);
    if (used == 0) {
      out.push_back('\\');
      i = stop + 1;
    } else {
      i = stop + used;
    }
  }
}

std::string JsonNode::Text() const {
  std::string out;
  AppendText(out);
  return out;
}

void JsonNode::AppendText(std::string& out) const {
  if (kind_ != Kind::kString && kind_ != Kind::kNumber) return;
  if (escaped_) {
    AppendUnescapedJson(text_, out);
  } else {
    out.append(text_);
  }
}

std::span<const JsonMember> JsonNode::members() const {
  if (kind_ != Kind::kObject) return {};
  return {static_cast<const JsonMember*>(children_), size_};
}

std::span<const JsonNode> JsonNode::items() const {
  if (kind_ != Kind::kArray) return {};
  return {static_cast<const JsonNode*>(children_), size_};
}

const JsonNode* JsonNode::Find(std::string_view key) const {
  // Mappers ask for many keys a record does not have: the length and first byte rule out most
  // members before any memcmp.
  if (key.empty()) {
    for (const JsonMember& member : members()) {
      if (member.key.empty()) return &member.value;
    }
    return nullptr;
  }
  for (const JsonMember& member : members()) {
    if (member.key.size() == key.size() && member.key[0] == key[0] && member.key == key) {
      return &member.value;
    }
  }
  return nullptr;
}

bool JsonNode::operator==(const JsonNode& other) const {
  if (kind_ != other.kind_) return false;
  switch (kind_) {
    case Kind::kNull:
      return true;
    case Kind::kBool:
      return true_ == other.true_;
    case Kind::kNumber:
      return text_ == other.text_;
    case Kind::kString:
      return (!escaped_ && !other.escaped_) ? text_ == other.text_ : Text() == other.Text();
    case Kind::kArray:
      return SameItems(items(), other.items());
    case Kind::kObject:
      return SameMembers(members(), other.members());
  }
  return false;
}

void JsonDocument::Reset() {
  root_ = JsonNode();
  members_.clear();
  items_.clear();
  member_stack_.clear();
  item_stack_.clear();
  kept_.clear();
}

JsonNode JsonDocument::Null() { return JsonNode(); }

JsonNode JsonDocument::Bool(bool value) {
  JsonNode node;
  node.kind_ = JsonNode::Kind::kBool;
  node.true_ = value;
  return node;
}

JsonNode JsonDocument::Number(std::string_view text) {
  JsonNode node;
  node.kind_ = JsonNode::Kind::kNumber;
  node.text_ = text;
  return node;
}

JsonNode JsonDocument::String(std::string_view raw, bool escaped, const TextTraits& traits) {
  JsonNode node;
  node.kind_ = JsonNode::Kind::kString;
  node.text_ = raw;
  node.escaped_ = escaped;
  node.traits_ = traits;
  return node;
}

std::string_view JsonDocument::Keep(std::string text) {
  return kept_.emplace_back(std::move(text));
}

std::span<const JsonMember> JsonDocument::OpenMembers(std::size_t mark) const {
  return std::span<const JsonMember>(member_stack_).subspan(mark);
}

void JsonDocument::PushMember(std::string_view key, const JsonNode& value) {
  member_stack_.push_back(JsonMember{key, value});
}

JsonNode JsonDocument::CloseObject(std::size_t mark) {
  JsonNode node;
  node.kind_ = JsonNode::Kind::kObject;
  node.children_ = reinterpret_cast<const void*>(members_.size());
  node.size_ = static_cast<std::uint32_t>(member_stack_.size() - mark);
  members_.insert(members_.end(), member_stack_.begin() + static_cast<std::ptrdiff_t>(mark),
                  member_stack_.end());
  member_stack_.resize(mark);
  return node;
}

void JsonDocument::PushItem(const JsonNode& value) { item_stack_.push_back(value); }

JsonNode JsonDocument::CloseArray(std::size_t mark) {
  JsonNode node;
  node.kind_ = JsonNode::Kind::kArray;
  node.children_ = reinterpret_cast<const void*>(items_.size());
  node.size_ = static_cast<std::uint32_t>(item_stack_.size() - mark);
  items_.insert(items_.end(), item_stack_.begin() + static_cast<std::ptrdiff_t>(mark),
                item_stack_.end());
  item_stack_.resize(mark);
  return node;
}

void JsonDocument::Finish(const JsonNode& root) {
  root_ = root;
  // Containers hold the index of their first child until every child is in place.
  const auto fix = [this](JsonNode& node) {
    const auto index = reinterpret_cast<std::uintptr_t>(node.children_);
    if (node.kind_ == JsonNode::Kind::kObject) node.children_ = members_.data() + index;
    if (node.kind_ == JsonNode::Kind::kArray) node.children_ = items_.data() + index;
  };
  fix(root_);
  for (JsonMember& member : members_) fix(member.value);
  for (JsonNode& item : items_) fix(item);
}

JsonNode JsonDocument::Converted(const json::value& value) {
  switch (value.kind()) {
    case json::kind::null:
      return Null();
    case json::kind::bool_:
      return Bool(value.get_bool());
    case json::kind::int64:
      return Number(Keep(std::to_string(value.get_int64())));
    case json::kind::uint64:
      return Number(Keep(std::to_string(value.get_uint64())));
    case json::kind::double_:
      return Number(Keep(json::serialize(value)));
    case json::kind::string:
      return String(value.get_string(), false, TextTraits{});
    case json::kind::array: {
      const std::size_t mark = OpenArray();
      for (const json::value& item : value.get_array()) PushItem(Converted(item));
      return CloseArray(mark);
    }
    case json::kind::object: {
      const std::size_t mark = OpenObject();
      for (const auto& entry : value.get_object()) {
        PushMember(entry.key(), Converted(entry.value()));
      }
      return CloseObject(mark);
    }
  }
  return Null();
}

void JsonDocument::Convert(const json::value& value) {
  Reset();
  Finish(Converted(value));
}

}  // namespace synd

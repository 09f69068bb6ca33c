// A read-only JSON value for the scraper mappers (ingest stage), built in one of two ways
// behind one interface: by FastJsonReader straight from the text, where a string stays a view of
// its escaped text and is unescaped only when asked for (so an article's text is not copied
// before it is normalized), or converted from a Boost.JSON value (the inputs the fast reader
// leaves to Boost.JSON). A JsonDocument owns the nodes; strings point into the parsed text or
// the Boost.JSON value, which must outlive the document's use. Pure.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/ingest/text_traits.hpp"

namespace synd {

struct JsonMember;

class JsonNode {
 public:
  enum class Kind : std::uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::kNull; }
  bool is_bool() const { return kind_ == Kind::kBool; }
  bool is_number() const { return kind_ == Kind::kNumber; }
  bool is_string() const { return kind_ == Kind::kString; }
  bool is_array() const { return kind_ == Kind::kArray; }
  bool is_object() const { return kind_ == Kind::kObject; }

  // A string's text as the input wrote it, escapes included when escaped(); a number's text
  // (an integer in decimal); empty otherwise.
  std::string_view raw() const { return text_; }
  bool escaped() const { return escaped_; }
  // What the fast reader saw in a string (known: the string is a view of the parsed text);
  // unknown in a converted one (a view of the Boost.JSON value).
  const TextTraits& traits() const { return traits_; }

  // A string's text unescaped, a number's text, "" otherwise.
  std::string Text() const;
  // The same, appended to `out`.
  void AppendText(std::string& out) const;

  // An object's members in input order; an array's items. Empty for anything else.
  std::span<const JsonMember> members() const;
  std::span<const JsonNode> items() const;

  // The value of `key` in an object, or nullptr (also when this is not an object).
  const JsonNode* Find(std::string_view key) const;
  bool contains(std::string_view key) const { return Find(key) != nullptr; }

  // Same kind and value: strings compared unescaped, numbers by text, members in order.
  bool operator==(const JsonNode& other) const;

 private:
  friend class JsonDocument;

  std::string_view text_;
  const void* children_ = nullptr;  // JsonMember[] or JsonNode[]; an index while building
  std::uint32_t size_ = 0;
  Kind kind_ = Kind::kNull;
  bool escaped_ = false;  // a string with backslash escapes
  bool true_ = false;     // a boolean's value
  TextTraits traits_;
};

struct JsonMember {
  std::string_view key;
  JsonNode value;
};

// Owns one parsed JSON value's nodes. Readers build it bottom-up: scalars are made directly, a
// container's children are pushed as they are read and moved into place when it closes, and
// Finish sets the root. Buffers are kept across Reset, so one document serves line after line.
class JsonDocument {
 public:
  JsonDocument() = default;
  JsonDocument(const JsonDocument&) = delete;
  JsonDocument& operator=(const JsonDocument&) = delete;

  const JsonNode& root() const { return root_; }

  // Empties the document for the next value.
  void Reset();

  // The value of `value` (which must outlive the document's use).
  void Convert(const boost::json::value& value);

  // Building, for readers.
  static JsonNode Null();
  static JsonNode Bool(bool value);
  static JsonNode Number(std::string_view text);
  static JsonNode String(std::string_view raw, bool escaped, const TextTraits& traits);
  // A copy of `text` that lives as long as the document (an unescaped key, a number's text).
  std::string_view Keep(std::string text);
  std::size_t OpenObject() const { return member_stack_.size(); }
  std::span<const JsonMember> OpenMembers(std::size_t mark) const;
  void PushMember(std::string_view key, const JsonNode& value);
  JsonNode CloseObject(std::size_t mark);
  std::size_t OpenArray() const { return item_stack_.size(); }
  void PushItem(const JsonNode& value);
  JsonNode CloseArray(std::size_t mark);
  // Makes `root` the document's value and points every container at its children.
  void Finish(const JsonNode& root);

 private:
  JsonNode Converted(const boost::json::value& value);

  JsonNode root_;
  std::vector<JsonMember> members_;  // each object's members, contiguous
  std::vector<JsonNode> items_;      // each array's items, contiguous
  std::vector<JsonMember> member_stack_;
  std::vector<JsonNode> item_stack_;
  std::deque<std::string> kept_;
};

// Appends the unescaped form of a JSON string's content (no quotes) to `out`. The escapes are
// assumed valid, as the readers check them; a malformed one is copied as written.
void AppendUnescapedJson(std::string_view raw, std::string& out);

}  // namespace synd

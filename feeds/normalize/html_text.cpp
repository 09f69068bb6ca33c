#include "feeds/normalize/html_text.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "feeds/normalize/html_entities.hpp"
#include "feeds/normalize/text.hpp"

namespace synd {
namespace {

// What an element does to the text around it.
enum class ElementKind {
  kInline,       // nothing: "a<em>b</em>" is "ab"
  kBlock,        // ends the current block
  kHeading,      // h1..h6: ends the current block; its own text is a heading
  kCaption,      // figcaption: ends the current block; its own text is a caption
  kCell,         // td, th: a space between cells
  kSkipContent,  // script, style, ...: the text inside is not article text
};

struct Element {
  std::string_view name;
  ElementKind kind;
};

using enum ElementKind;

// HTML element names by their rendering (HTML Living Standard §15.3), sorted by name.
constexpr std::array<Element, 94> kElements = {{
    {"a", kInline},
    {"abbr", kInline},
    {"address", kBlock},
    {"article", kBlock},
    {"aside", kBlock},
    {"audio", kSkipContent},
    {"b", kInline},
    {"bdi", kInline},
    {"bdo", kInline},
    {"big", kInline},
    {"blockquote", kBlock},
    {"body", kBlock},
    {"br", kBlock},
    {"button", kSkipContent},
    {"canvas", kSkipContent},
    {"caption", kBlock},
    {"center", kBlock},
    {"cite", kInline},
    {"code", kInline},
    {"data", kInline},
    {"dd", kBlock},
    {"del", kInline},
    {"details", kBlock},
    {"dfn", kInline},
    {"div", kBlock},
    {"dl", kBlock},
    {"dt", kBlock},
    {"em", kInline},
    {"embed", kInline},
    {"fieldset", kBlock},
    {"figcaption", kCaption},
    {"figure", kBlock},
    {"font", kInline},
    {"footer", kBlock},
    {"form", kBlock},
    {"h1", kHeading},
    {"h2", kHeading},
    {"h3", kHeading},
    {"h4", kHeading},
    {"h5", kHeading},
    {"h6", kHeading},
    {"head", kSkipContent},
    {"header", kBlock},
    {"hgroup", kBlock},
    {"hr", kBlock},
    {"html", kBlock},
    {"i", kInline},
    {"iframe", kSkipContent},
    {"img", kInline},
    {"ins", kInline},
    {"kbd", kInline},
    {"label", kInline},
    {"li", kBlock},
    {"main", kBlock},
    {"mark", kInline},
    {"math", kSkipContent},
    {"nav", kBlock},
    {"noscript", kSkipContent},
    {"object", kSkipContent},
    {"ol", kBlock},
    {"p", kBlock},
    {"picture", kInline},
    {"pre", kBlock},
    {"q", kInline},
    {"s", kInline},
    {"samp", kInline},
    {"script", kSkipContent},
    {"section", kBlock},
    {"select", kSkipContent},
    {"small", kInline},
    {"source", kInline},
    {"span", kInline},
    {"strike", kInline},
    {"strong", kInline},
    {"style", kSkipContent},
    {"sub", kInline},
    {"summary", kBlock},
    {"sup", kInline},
    {"svg", kSkipContent},
    {"table", kBlock},
    {"tbody", kBlock},
    {"td", kCell},
    {"template", kSkipContent},
    {"textarea", kSkipContent},
    {"tfoot", kBlock},
    {"th", kCell},
    {"thead", kBlock},
    {"time", kInline},
    {"title", kSkipContent},
    {"tr", kBlock},
    {"u", kInline},
    {"ul", kBlock},
    {"video", kSkipContent},
    {"wbr", kInline},
}};
static_assert(std::is_sorted(kElements.begin(), kElements.end(),
                             [](const Element& a, const Element& b) { return a.name < b.name; }));

// A tag longer than this is text with a stray '<' in it; the bound keeps scans linear.
constexpr std::size_t kMaxTagBytes = 2048;
constexpr std::size_t kMaxNameBytes = 32;

const Element* FindElement(std::string_view name) {
  const auto* it =
      std::lower_bound(kElements.begin(), kElements.end(), name,
                       [](const Element& e, std::string_view key) { return e.name < key; });
  return it != kElements.end() && it->name == name ? it : nullptr;
}

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsNameChar(char c) {
  return IsAsciiLetter(c) || (c >= '0' && c <= '9') || c == '-' || c == ':' || c == '_';
}
bool IsTagSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f'; }
char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

struct Tag {
  std::string name;  // lower case
  bool closing = false;
  std::size_t end = 0;  // just past the '>'
};

// The start or end tag at html[at] == '<', or nullopt when that '<' is text.
std::optional<Tag> ReadTag(std::string_view html, std::size_t at) {
  Tag tag;
  std::size_t i = at + 1;
  if (i < html.size() && html[i] == '/') {
    tag.closing = true;
    ++i;
  }
  if (i >= html.size() || !IsAsciiLetter(html[i])) return std::nullopt;
  for (; i < html.size() && IsNameChar(html[i]); ++i) {
    if (tag.name.size() == kMaxNameBytes) return std::nullopt;
    tag.name += Lower(html[i]);
  }
  if (i < html.size() && html[i] != '>' && html[i] != '/' && !IsTagSpace(html[i])) {
    return std::nullopt;
  }
  const std::size_t limit = std::min(html.size(), at + kMaxTagBytes);
  while (i < limit && html[i] != '>') {
    if (html[i] == '"' || html[i] == '\'') {
      const std::size_t quote = html.find(html[i], i + 1);
      if (quote == std::string_view::npos || quote >= limit) return std::nullopt;
      i = quote;
    }
    ++i;
  }
  if (i >= limit) return std::nullopt;
  tag.end = i + 1;
  return tag;
}

// Just past the end tag "</name ...>" at or after `from`; html.size() when there is none.
std::size_t SkipPastEndTag(std::string_view html, std::size_t from, std::string_view name) {
  for (std::size_t at = html.find("</", from); at != std::string_view::npos;
       at = html.find("</", at + 2)) {
    std::optional<Tag> tag = ReadTag(html, at);
    if (tag && tag->name == name) return tag->end;
  }
  return html.size();
}

bool StartsWith(std::string_view s, std::size_t at, std::string_view prefix) {
  return s.substr(at, prefix.size()) == prefix;
}

// Walks `html` once, calling sink.Text(raw, decode) for text (decode: it may hold character
// references) and sink.Element(kind, closing) for the tags of known and unknown elements.
template <typename Sink>
void WalkHtml(std::string_view html, Sink& sink) {
  std::size_t done = 0;
  for (std::size_t at = html.find('<'); at != std::string_view::npos; at = html.find('<', at)) {
    std::size_t next = std::string_view::npos;
    if (StartsWith(html, at, "<!--")) {
      const std::size_t end = html.find("-->", at + 4);
      next = end == std::string_view::npos ? html.size() : end + 3;
      sink.Text(html.substr(done, at - done), true);
    } else if (StartsWith(html, at, "<![CDATA[")) {
      const std::size_t end = html.find("]]>", at + 9);
      next = end == std::string_view::npos ? html.size() : end + 3;
      sink.Text(html.substr(done, at - done), true);
      sink.Text(html.substr(at + 9, std::min(end, html.size()) - (at + 9)), false);
    } else if (StartsWith(html, at, "<!") || StartsWith(html, at, "<?")) {
      const std::size_t end = html.find('>', at);
      next = end == std::string_view::npos ? html.size() : end + 1;
      sink.Text(html.substr(done, at - done), true);
    } else if (std::optional<Tag> tag = ReadTag(html, at)) {
      sink.Text(html.substr(done, at - done), true);
      const Element* element = FindElement(tag->name);
      const ElementKind kind = element != nullptr ? element->kind : kInline;
      next = tag->end;
      if (kind == kSkipContent && !tag->closing) {
        next = SkipPastEndTag(html, tag->end, tag->name);
      } else if (kind != kSkipContent) {
        sink.Element(kind, tag->closing);
      }
    } else {
      ++at;  // a '<' that is text stays in the text
      continue;
    }
    done = next;
    at = next;
  }
  sink.Text(html.substr(done), true);
}

// A text run as a sink collects it: character references decoded, except in CDATA, whose
// text is literal.
void AppendText(std::string_view raw, bool decode, std::string& out) {
  if (decode) {
    AppendHtmlDecoded(raw, out);
  } else {
    out.append(raw);
  }
}

class BlockSink {
 public:
  void Text(std::string_view raw, bool decode) { AppendText(raw, decode, pending_); }
  void Element(ElementKind kind, bool closing) {
    if (kind == kCell) {
      pending_ += ' ';
    } else if (kind != kInline) {
      Flush();
      if (kind == kHeading)
        current_ = closing ? TextBlockKind::kParagraph : TextBlockKind::kHeading;
      if (kind == kCaption)
        current_ = closing ? TextBlockKind::kParagraph : TextBlockKind::kCaption;
    }
  }
  std::vector<TextBlock> Finish() && {
    Flush();
    return std::move(blocks_);
  }

 private:
  void Flush() {
    std::string text = NormalizeInline(pending_);
    pending_.clear();
    if (text.empty()) return;
    blocks_.push_back(TextBlock{current_, std::move(text)});
  }

  std::vector<TextBlock> blocks_;
  std::string pending_;
  TextBlockKind current_ = TextBlockKind::kParagraph;
};

class InlineSink {
 public:
  void Text(std::string_view raw, bool decode) { AppendText(raw, decode, pending_); }
  void Element(ElementKind kind, bool /*closing*/) {
    if (kind != kInline) pending_ += ' ';
  }
  std::string Finish() && { return NormalizeInline(pending_); }

 private:
  std::string pending_;
};

}  // namespace

bool LooksLikeHtml(std::string_view text) {
  for (std::size_t at = text.find('<'); at != std::string_view::npos; at = text.find('<', at + 1)) {
    if (StartsWith(text, at, "<!--")) return true;
    const std::optional<Tag> tag = ReadTag(text, at);
    if (tag && FindElement(tag->name) != nullptr) return true;
  }
  return false;
}

std::vector<TextBlock> TextFieldBlocks(std::string_view field) {
  if (LooksLikeHtml(field)) {
    BlockSink sink;
    WalkHtml(field, sink);
    return std::move(sink).Finish();
  }
  std::vector<std::string> lines;
  if (field.find('&') == std::string_view::npos) {
    lines = NormalizeLines(field);
  } else {
    lines = NormalizeLines(DecodeHtmlEntities(field));
  }
  std::vector<TextBlock> blocks;
  blocks.reserve(lines.size());
  for (std::string& line : lines) {
    blocks.push_back(TextBlock{TextBlockKind::kParagraph, std::move(line)});
  }
  return blocks;
}

std::string InlineFieldText(std::string_view field) {
  // Two memchr scans: find_first_of would look each byte up in the set.
  if (field.find('<') == std::string_view::npos && field.find('&') == std::string_view::npos) {
    return NormalizeInline(field);
  }
  if (!LooksLikeHtml(field)) return NormalizeInline(DecodeHtmlEntities(field));
  InlineSink sink;
  WalkHtml(field, sink);
  return std::move(sink).Finish();
}

}  // namespace synd

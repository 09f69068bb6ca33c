// Text fields that scrapers fill with HTML (normalize stage): tags stripped, character
// references decoded, block elements turned into paragraph breaks. Not an HTML parser: tags are
// recognized by shape and no tree is built; attributes, links and images are dropped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace synd {

enum class TextBlockKind { kParagraph, kHeading, kCaption };

struct TextBlock {
  TextBlockKind kind = TextBlockKind::kParagraph;
  std::string text;  // normalized (feeds/normalize/text.hpp), never empty
  bool operator==(const TextBlock&) const = default;
};

// Whether `text` holds HTML markup: a start or end tag of an HTML element ("<p>", "</div>",
// "<br/>", "<a href=...>") or a comment. "a < b", "<5%" and "<tom@example.org>" are not markup.
bool LooksLikeHtml(std::string_view text);

// The blocks of one text field, in order. With markup: block elements (p, div, li, br,
// blockquote, tr, ...) end a block, h1..h6 give heading blocks, script/style/template/svg/head
// content is dropped, other tags are removed, and line breaks in the source are spaces.
// A <figcaption> gives a caption block.
// Without markup: one paragraph per line ("paragraphs joined by single newlines"). Character
// references are decoded either way (feeds/normalize/html_entities.hpp).
std::vector<TextBlock> TextFieldBlocks(std::string_view field);

// A one-line field (a title, an author, a caption): decoded as above, every break a space,
// normalized as by NormalizeInline.
std::string InlineFieldText(std::string_view field);

}  // namespace synd

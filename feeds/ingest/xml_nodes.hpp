// Reading pugixml trees for the XML input formats (ingest stage): the text of an element, the
// markup of mixed content, namespace prefixes, and a walk that needs no recursion (inputs may
// nest elements thousands deep). Pure; no parsing of XML text here.
#pragma once

#include <pugixml.hpp>
#include <string>
#include <string_view>

namespace synd {

// Calls visit(node, entering) for every node below `root` in document order: entering true
// before a node's children, false after them.
template <typename Visit>
void WalkXml(pugi::xml_node root, Visit&& visit) {
  pugi::xml_node node = root.first_child();
  while (node) {
    visit(node, true);
    if (pugi::xml_node child = node.first_child()) {
      node = child;
      continue;
    }
    for (;;) {
      visit(node, false);
      if (pugi::xml_node sibling = node.next_sibling()) {
        node = sibling;
        break;
      }
      node = node.parent();
      if (node == root) {
        node = pugi::xml_node();
        break;
      }
    }
  }
}

// All character data below `node` (text and CDATA), in order, with nothing between pieces.
std::string NodeText(pugi::xml_node node);

// The content of `node` as a text field: when it has child elements (XHTML, or HTML that a feed
// left unescaped), those children serialized as markup; otherwise NodeText (which for an RSS
// description is escaped HTML, now unescaped).
std::string NodeMarkup(pugi::xml_node node);

// The prefix ("content:", or "" for the default namespace) that `root` declares for the
// namespace `uri`; `conventional` + ":" when it declares none.
std::string PrefixFor(pugi::xml_node root, std::string_view uri, std::string_view conventional);

}  // namespace synd

#include "feeds/ingest/xml_nodes.hpp"

#include "feeds/model/xml_string_writer.hpp"

namespace synd {
namespace {

bool IsCharacterData(pugi::xml_node node) {
  return node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata;
}

}  // namespace

std::string NodeText(pugi::xml_node node) {
  std::string text;
  WalkXml(node, [&text](pugi::xml_node n, bool entering) {
    if (entering && IsCharacterData(n)) text += n.value();
  });
  return text;
}

std::string NodeMarkup(pugi::xml_node node) {
  bool has_elements = false;
  for (pugi::xml_node child : node.children()) has_elements |= child.type() == pugi::node_element;
  if (!has_elements) return NodeText(node);
  std::string markup;
  XmlStringWriter writer(markup);
  for (pugi::xml_node child : node.children()) {
    child.print(writer, "", pugi::format_raw, pugi::encoding_utf8);
  }
  return markup;
}

std::string PrefixFor(pugi::xml_node root, std::string_view uri, std::string_view conventional) {
  constexpr std::string_view kXmlns = "xmlns";
  for (pugi::xml_attribute attribute : root.attributes()) {
    const std::string_view name = attribute.name();
    if (std::string_view(attribute.value()) != uri || !name.starts_with(kXmlns)) continue;
    if (name == kXmlns) return "";
    if (name[kXmlns.size()] == ':') return std::string(name.substr(kXmlns.size() + 1)) + ":";
  }
  return std::string(conventional) + ":";
}

}  // namespace synd

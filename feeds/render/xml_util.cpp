#include "feeds/render/xml_util.hpp"

#include <cassert>

#include "feeds/model/xml_string_writer.hpp"

namespace synd {
namespace {

constexpr const char* kIndent = "  ";
constexpr unsigned kFlags = pugi::format_indent | pugi::format_no_declaration;

void AppendSaved(const pugi::xml_document& doc, std::string& out) {
  out += "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  XmlStringWriter writer(out);
  doc.save(writer, kIndent, kFlags, pugi::encoding_utf8);
}

}  // namespace

pugi::xml_node AppendTextElement(pugi::xml_node parent, const char* name, std::string_view text) {
  pugi::xml_node element = parent.append_child(name);
  if (!text.empty()) element.append_child(pugi::node_pcdata).set_value(text.data(), text.size());
  return element;
}

void SetAttribute(pugi::xml_node node, const char* name, std::string_view value) {
  pugi::xml_attribute attribute = node.attribute(name);
  if (!attribute) attribute = node.append_attribute(name);
  attribute.set_value(value.data(), value.size());
}

std::string SaveXml(const pugi::xml_document& doc) {
  std::string out;
  AppendSaved(doc, out);
  return out;
}

std::string PrintXmlElement(pugi::xml_node element, unsigned depth) {
  std::string out;
  XmlStringWriter writer(out);
  element.print(writer, kIndent, kFlags, pugi::encoding_utf8, depth);
  return out;
}

void SaveXmlWithEntries(const pugi::xml_document& doc, std::string_view tail,
                        const std::vector<std::string_view>& entries, std::string& out) {
  out.clear();
  AppendSaved(doc, out);
  assert(std::string_view(out).ends_with(tail));
  out.resize(out.size() - tail.size());
  std::size_t size = out.size() + tail.size();
  for (const std::string_view entry : entries) size += entry.size();
  out.reserve(size);
  for (const std::string_view entry : entries) out += entry;
  out += tail;
}

}  // namespace synd

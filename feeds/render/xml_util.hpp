// pugixml helpers shared by the RSS and Atom writers (feeds/render internal). Text handed to
// them must be clean (CleanText); pugixml escapes it when saving.
#pragma once

#include <cstddef>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace synd {

// Appends <name>text</name> to `parent` and returns the new element.
pugi::xml_node AppendTextElement(pugi::xml_node parent, const char* name, std::string_view text);

// Sets (or adds) attribute `name` of `node` to `value`.
void SetAttribute(pugi::xml_node node, const char* name, std::string_view value);

// The document as UTF-8 with an `<?xml version="1.0" encoding="utf-8"?>` declaration,
// indented by two spaces, ending in a newline.
std::string SaveXml(const pugi::xml_document& doc);

// `element` and its subtree as SaveXml would print it `depth` levels deep, final newline
// included; for entries that are spliced into documents later.
std::string PrintXmlElement(pugi::xml_node element, unsigned depth);

// Saves `doc` as SaveXml does and puts `entries` (PrintXmlElement output) before `tail`, the
// closing tags the printed document ends with. REQUIRES: the printed `doc` ends with `tail`.
// Replaces the contents of `out`, keeping its capacity.
void SaveXmlWithEntries(const pugi::xml_document& doc, std::string_view tail,
                        const std::vector<std::string_view>& entries, std::string& out);

}  // namespace synd

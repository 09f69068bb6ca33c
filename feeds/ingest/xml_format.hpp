// XML dumps (ingest stage): RSS 2.0/1.0 and Atom 1.0 files (feed_format.hpp) and trafilatura's
// XML output (trafilatura_xml.hpp), told apart by the root element. pugixml parses; its errors
// become values here with line and column. No I/O, no DTDs, no external entities.
#pragma once

#include <string_view>
#include <vector>

#include "feeds/ingest/format.hpp"

namespace synd {

// 95 when the text opens with '<' and then '?', '!' or a letter (an XML declaration, a comment,
// a DOCTYPE or an element); else 0.
int SniffXml(std::string_view text);

// Errors: "invalid XML at line L, column C: <what pugixml found>"; "XML root element <html> is
// not RSS (<rss>, <rdf:RDF>), Atom (<feed>) or a trafilatura document (<doc>)"; "no usable
// article: ..." when no item has both a title and text.
Result<std::vector<Article>> ParseXml(const ParseContext& context);

}  // namespace synd

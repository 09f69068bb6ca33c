#include "feeds/ingest/xml_format.hpp"

#include <pugixml.hpp>

#include "feeds/ingest/feed_format.hpp"
#include "feeds/ingest/scraped_record.hpp"
#include "feeds/ingest/text_position.hpp"
#include "feeds/ingest/trafilatura_xml.hpp"

namespace synd {
namespace {

// Character data keeps its white space, so that "<hi>a</hi> <hi>b</hi>" stays "a b".
constexpr unsigned kParseOptions = pugi::parse_default | pugi::parse_ws_pcdata;

std::string Lowered(std::string_view s) {
  std::string out(s);
  if (!out.empty() && out[0] >= 'A' && out[0] <= 'Z') out[0] = static_cast<char>(out[0] + 32);
  return out;
}

Status XmlError(std::string_view text, const pugi::xml_parse_result& result) {
  const auto offset = static_cast<std::size_t>(result.offset);
  std::string what = Lowered(result.description());
  if (result.status == pugi::status_no_document_element) {
    return Status::Invalid("invalid XML: no root element");
  }
  return Status::Invalid("invalid XML at " + DescribePosition(PositionAt(text, offset)) + ", at " +
                         ExcerptAt(text, offset) + ": " + what);
}

std::string_view LocalName(std::string_view name) {
  const std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

}  // namespace

int SniffXml(std::string_view text) {
  const std::size_t i = text.find_first_not_of(" \t\n\r");
  if (i == std::string_view::npos || text[i] != '<' || i + 1 >= text.size()) return 0;
  const char c = text[i + 1];
  const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  return letter || c == '?' || c == '!' ? 95 : 0;
}

Result<std::vector<Article>> ParseXml(const ParseContext& context) {
  pugi::xml_document document;
  const pugi::xml_parse_result result = document.load_buffer(
      context.text.data(), context.text.size(), kParseOptions, pugi::encoding_utf8);
  if (!result) return XmlError(context.text, result);
  const pugi::xml_node root = document.document_element();
  const std::string_view name = root.name();
  ArticleCollector collector(context.reference_time, context.file_warnings);
  if (name == "rss" || name == "rdf:RDF") {
    CollectRss(root, collector);
    return std::move(collector).Finish("the RSS file has no items");
  }
  if (LocalName(name) == "feed") {
    CollectAtom(root, collector);
    return std::move(collector).Finish("the Atom feed has no entries");
  }
  if (name == "doc") {
    CollectTrafilaturaDoc(root, collector);
    return std::move(collector).Finish("the document is empty");
  }
  return Status::Invalid("XML root element <" + std::string(name) +
                         "> is not RSS (<rss>, <rdf:RDF>), Atom (<feed>) or a trafilatura "
                         "document (<doc>)");
}

}  // namespace synd

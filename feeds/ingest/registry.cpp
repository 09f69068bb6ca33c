// The registry of input formats (see format.hpp). Order breaks sniffing ties: put specific
// formats before general ones.
#include <array>

#include "feeds/ingest/format.hpp"
#include "feeds/ingest/header_text_format.hpp"
#include "feeds/ingest/json_format.hpp"
#include "feeds/ingest/plain_text_format.hpp"
#include "feeds/ingest/reference_format.hpp"
#include "feeds/ingest/xml_format.hpp"

namespace synd {
namespace {

constexpr std::array<FormatParser, 5> kFormats = {{
    {"json", &SniffJson, &ParseJson, &ParseJsonBytes},
    {"xml", &SniffXml, &ParseXml},
    {"header-text", &SniffHeaderText, &ParseHeaderText},
    {"reference", &SniffReference, &ParseReference},
    {"text", &SniffPlainText, &ParsePlainText},
}};

}  // namespace

std::span<const FormatParser> RegisteredFormats() { return kFormats; }

const FormatParser* FindFormat(std::string_view name) {
  for (const FormatParser& format : kFormats) {
    if (format.name == name) return &format;
  }
  return nullptr;
}

}  // namespace synd

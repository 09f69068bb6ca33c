#include "feeds/ingest/text_position.hpp"

#include <algorithm>

namespace synd {
namespace {

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

TextPosition PositionAt(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  const std::string_view before = text.substr(0, offset);
  TextPosition position;
  position.line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
  const std::size_t line_start = before.rfind('\n') + 1;  // npos + 1 == 0
  for (std::size_t i = line_start; i < offset; ++i) {
    if (!IsContinuationByte(text[i])) ++position.column;
  }
  return position;
}

std::string DescribePosition(TextPosition position) {
  return "line " + std::to_string(position.line) + ", column " + std::to_string(position.column);
}

std::string ExcerptAt(std::string_view text, std::size_t offset, std::size_t max_chars) {
  if (offset >= text.size()) return "end of file";
  if (text[offset] == '\n') return "end of line";
  while (offset > 0 && IsContinuationByte(text[offset])) --offset;
  std::string excerpt;
  std::size_t chars = 0;
  for (std::size_t i = offset; i < text.size() && text[i] != '\n'; ++i) {
    if (!IsContinuationByte(text[i]) && chars++ == max_chars) break;
    const auto byte = static_cast<unsigned char>(text[i]);
    excerpt += byte < 0x20 || byte == 0x7F ? ' ' : text[i];
  }
  return "\"" + excerpt + "\"";
}

}  // namespace synd

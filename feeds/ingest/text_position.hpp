// Positions in decoded input text for error messages (ingest stage): a byte offset, as JSON and
// XML parsers report it, turned into the line and column an editor shows. Pure.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace synd {

struct TextPosition {
  std::size_t line = 1;    // from 1
  std::size_t column = 1;  // from 1, in code points (what an editor's cursor counts)
};

// The position of byte `offset` of `text` (offset == text.size() is the end). An offset inside a
// multi-byte character counts as that character.
TextPosition PositionAt(std::string_view text, std::size_t offset);

// "line 3, column 17".
std::string DescribePosition(TextPosition position);

// Up to `max_chars` code points of `text` from `offset` to the end of its line, in quotes, for a
// message; control characters shown as spaces; "end of file" or "end of line" when offset is
// at either.
std::string ExcerptAt(std::string_view text, std::size_t offset, std::size_t max_chars = 16);

}  // namespace synd

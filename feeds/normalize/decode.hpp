// Input decoding, the first step of normalization: raw file bytes to UTF-8 text with LF line
// ends and no byte-order mark. Knows nothing of formats or articles; does no I/O.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "feeds/model/status.hpp"

namespace synd {

struct DecodedText {
  std::string text;      // valid UTF-8, LF line ends, no BOM
  std::string encoding;  // "utf-8" or "windows-1252"
  std::vector<std::string> warnings;
};

// Removes leading UTF-8 BOMs, turns CRLF and lone CR into LF, and keeps valid UTF-8 as is. Bytes
// that are not valid UTF-8 are decoded as Windows-1252 (with a warning naming the first bad
// offset). Errors: the text is UTF-8 except for a character cut off by the end of the bytes (a
// truncated file; a trailing byte in otherwise pure ASCII counts as Windows-1252 instead).
Result<DecodedText> DecodeText(std::string_view bytes);

// `bytes` without the UTF-8 byte order marks it starts with (DecodeText's first step).
std::string_view WithoutByteOrderMarks(std::string_view bytes);

// Windows-1252 to UTF-8. The five unassigned bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) become the C1
// controls of the same value, which text normalization later removes.
std::string DecodeWindows1252(std::string_view bytes);

// True when `text` is valid UTF-8 with no CR and no leading BOM: the invariant of
// DecodedText::text (for assertions and tests).
bool IsDecodedText(std::string_view text);

}  // namespace synd

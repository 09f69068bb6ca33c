// UTF-8 primitives for the normalize stage: decode one code point, encode one, validate.
// Pure functions on bytes; they never allocate except to append to a caller's string.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace synd {

// Marks a byte that does not start a well-formed UTF-8 sequence.
constexpr char32_t kInvalidCodePoint = 0xFFFFFFFF;
constexpr char32_t kReplacementCharacter = 0xFFFD;

struct DecodedCodePoint {
  char32_t code_point;  // kInvalidCodePoint when the bytes at the position are not UTF-8
  std::size_t length;   // bytes consumed: 1..4; 1 for an invalid byte
};

// Decodes the code point starting at text[pos] by Unicode's table 3-7 (no overlongs, no
// surrogates, nothing above U+10FFFF). REQUIRES: pos < text.size().
DecodedCodePoint DecodeUtf8At(std::string_view text, std::size_t pos);

// Appends the UTF-8 form of `cp`. REQUIRES: cp is a Unicode scalar value.
void AppendUtf8(char32_t cp, std::string& out);

// Result of a validation pass over a whole buffer.
struct Utf8Check {
  bool valid = true;           // every byte belongs to a well-formed sequence
  bool has_multibyte = false;  // at least one well-formed sequence of 2..4 bytes
  // Offset of the first ill-formed byte, or text.size() when valid.
  std::size_t first_error = 0;
  // True when the only problem is a well-formed prefix of a sequence cut by the end of text.
  bool truncated_at_end = false;
};

Utf8Check CheckUtf8(std::string_view text);

inline bool IsAsciiByte(char c) { return static_cast<unsigned char>(c) < 0x80; }

// Index of the first non-ASCII byte at or after `from`, or text.size(). Eight bytes a step.
std::size_t SkipAscii(std::string_view text, std::size_t from);

}  // namespace synd

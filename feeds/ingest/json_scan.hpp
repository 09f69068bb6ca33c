// The scan of a JSON string's content that FastJsonReader makes (ingest stage): one pass, 32
// (AVX2, chosen at run time) or 16 (SSE2) bytes a step, that finds where the reader must look
// next, passes the escapes that need no checking and the well-formed UTF-8 sequences, and notes
// what the text holds for the body builder. As every byte that is not ASCII in valid JSON sits
// in a string, the reader thereby checks that its input is UTF-8. Pure.
#pragma once

#include <cstddef>
#include <string_view>

#include "feeds/ingest/text_traits.hpp"

namespace synd {

// Index of the first byte at or after `j` in `s` that the string reader must look at: the
// closing '"', a control byte, a backslash that starts an escape other than \" \\ \/ \b \f \n
// \t (those are passed, and set `escaped`), or a byte that does not start a well-formed UTF-8
// sequence (Unicode's table 3-7, as CheckUtf8 reads it); or s.size(). Sets in `traits` what the
// bytes passed hold: '<', '&', U+2028 or U+2029 written out (their escaped forms are the
// reader's to note).
std::size_t FindStringStop(std::string_view s, std::size_t j, TextTraits& traits, bool& escaped);

// The same without AVX2 (SSE2, else byte by byte): what a machine without AVX2 runs. For tests.
std::size_t FindStringStopWithoutAvx2(std::string_view s, std::size_t j, TextTraits& traits,
                                      bool& escaped);

}  // namespace synd

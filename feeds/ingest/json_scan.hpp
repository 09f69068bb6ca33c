// The scan of a JSON string's content that FastJsonReader makes (ingest stage): one pass, 32
// (AVX2, chosen at run time) or 16 (SSE2) bytes a step, that finds where the reader must look
// next, passes the escapes that need no checking, and notes what the text holds for the body
// builder. Pure.
#pragma once

#include <cstddef>
#include <string_view>

#include "feeds/ingest/text_traits.hpp"

namespace synd {

// Index of the first byte at or after `j` in `s` that the string reader must look at: the
// closing '"', a control byte, or a backslash that starts an escape other than \" \\ \/ \b \f
// \n \t (those are passed, and set `escaped`); or s.size(). Sets in `traits` what the bytes
// passed hold: '<', '&', U+2028 or U+2029 written out (their escaped forms are the reader's to
// note).
std::size_t FindStringStop(std::string_view s, std::size_t j, TextTraits& traits, bool& escaped);

// The same without AVX2 (SSE2, else byte by byte): what a machine without AVX2 runs. For tests.
std::size_t FindStringStopWithoutAvx2(std::string_view s, std::size_t j, TextTraits& traits,
                                      bool& escaped);

}  // namespace synd

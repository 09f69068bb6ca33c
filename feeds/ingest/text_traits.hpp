// What a text field holds that needs more than line splitting and normalization (ingest
// stage): found by a reader on its way through the input (the flat JSON reader), or by a scan of
// the text. Pure data.
#pragma once

namespace synd {

struct TextTraits {
  bool known = false;         // false: nothing was looked at (scan the text)
  bool angle = false;         // '<': maybe HTML
  bool ampersand = false;     // '&': maybe character references
  bool other_breaks = false;  // CR, U+2028 or U+2029: lines break not only at LF
};

}  // namespace synd

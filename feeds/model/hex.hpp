// Hexadecimal digits (model stage): shared by the readers of escapes, ids and URLs. Pure.
#pragma once

namespace synd {

// The value of the hex digit `c` (either case), or -1.
constexpr int HexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace synd

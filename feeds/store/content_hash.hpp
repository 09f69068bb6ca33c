// The file ledger's key (DESIGN.md §1): a hash of an input file's bytes, so the same content
// dropped twice is recognized whatever its name. Store stage; pure.
#pragma once

#include <string>
#include <string_view>

namespace synd {

// 32 lower-case hex digits of XXH3-128 (canonical big-endian form) of the bytes. Accidental
// collisions are out of reach (2^-64 at 2^32 files); a producer able to craft one could as well
// not write the file, so a cryptographic hash would buy nothing here.
std::string ContentHash(std::string_view bytes);

}  // namespace synd

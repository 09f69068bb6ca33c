// Fuzzes decoding and normalization: the normalization and NFKC-casefold fast paths must agree
// with their one-code-point-at-a-time utf8proc references, and normalization is idempotent.
#include <cstddef>
#include <cstdint>

#include "feeds/normalize/decode.hpp"
#include "feeds/normalize/fold.hpp"
#include "feeds/normalize/text.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using synd::fuzz::Require;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const synd::Result<synd::DecodedText> decoded = synd::DecodeText(bytes);
  if (decoded.ok()) Require(synd::IsDecodedText(decoded->text), "decoded text is UTF-8 with LF");
  const std::string once = synd::NormalizeInline(bytes);
  Require(once == synd::NormalizeInlineReference(bytes), "normalize fast path equals reference");
  Require(synd::NormalizeInline(once) == once, "normalization is idempotent");
  Require(synd::ToNfc(once) == once, "normalized text is NFC");
  Require(synd::FingerprintFold(bytes) == synd::FingerprintFoldReference(bytes),
          "fold fast path equals utf8proc");
  return 0;
}

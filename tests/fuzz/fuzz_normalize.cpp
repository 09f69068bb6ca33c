// Fuzzes decoding and normalization: the NFC and NFKC-casefold fast paths must agree with
// utf8proc on every input, and normalization must be idempotent.
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
  Require(synd::NormalizeInline(once) == once, "normalization is idempotent");
  Require(synd::ToNfc(once) == once, "normalized text is NFC");
  Require(synd::FingerprintFold(bytes) == synd::FingerprintFoldReference(bytes),
          "fold fast path equals utf8proc");
  return 0;
}

#include "feeds/normalize/decode.hpp"

#include <array>
#include <cstring>

#include "feeds/normalize/utf8.hpp"

namespace synd {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Code points of Windows-1252 bytes 0x80..0x9F (the rest equal their Latin-1 values).
constexpr std::array<char16_t, 32> kCp1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

// Copies `text` to `out`, turning CRLF and lone CR into LF.
void AppendWithLf(std::string_view text, std::string& out) {
  out.reserve(out.size() + text.size());
  std::size_t start = 0;
  while (start < text.size()) {
    const void* hit = std::memchr(text.data() + start, '\r', text.size() - start);
    if (hit == nullptr) {
      out.append(text.substr(start));
      return;
    }
    const std::size_t cr = static_cast<const char*>(hit) - text.data();
    out.append(text.substr(start, cr - start));
    out.push_back('\n');
    start = cr + 1;
    if (start < text.size() && text[start] == '\n') ++start;
  }
}

}  // namespace

std::string DecodeWindows1252(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x80) {
      out.push_back(c);
    } else if (b < 0xA0) {
      AppendUtf8(kCp1252High[b - 0x80], out);
    } else {
      AppendUtf8(b, out);
    }
  }
  return out;
}

std::string_view WithoutByteOrderMarks(std::string_view bytes) {
  // Some tools write the mark twice; text normalization would drop a later one anyway.
  while (bytes.substr(0, kUtf8Bom.size()) == kUtf8Bom) bytes.remove_prefix(kUtf8Bom.size());
  return bytes;
}

Result<DecodedText> DecodeText(std::string_view bytes) {
  bytes = WithoutByteOrderMarks(bytes);
  DecodedText decoded;
  const Utf8Check check = CheckUtf8(bytes);
  if (check.valid) {
    decoded.encoding = "utf-8";
    AppendWithLf(bytes, decoded.text);
    return decoded;
  }
  if (check.truncated_at_end && check.has_multibyte) {
    return Status::Invalid("truncated: the file ends inside a UTF-8 character (byte offset " +
                           std::to_string(check.first_error) + ")");
  }
  decoded.encoding = "windows-1252";
  decoded.warnings.push_back("not valid UTF-8 (first bad byte at offset " +
                             std::to_string(check.first_error) + "); decoded as Windows-1252");
  AppendWithLf(DecodeWindows1252(bytes), decoded.text);
  return decoded;
}

bool IsDecodedText(std::string_view text) {
  return CheckUtf8(text).valid && text.find('\r') == std::string_view::npos &&
         text.substr(0, kUtf8Bom.size()) != kUtf8Bom;
}

}  // namespace synd

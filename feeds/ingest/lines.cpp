#include "feeds/ingest/lines.hpp"

#include "feeds/normalize/text.hpp"

namespace synd {

NormalizedLines::NormalizedLines(std::string_view text) {
  buffer_.reserve(text.size());
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::size_t offset = buffer_.size();
    AppendNormalizedInline(text.substr(start, end - start), buffer_);
    spans_.push_back(Span{offset, buffer_.size() - offset});
    start = end + 1;
  }
}

std::size_t NormalizedLines::NextNonBlank(std::size_t from) const {
  while (from < size() && blank(from)) ++from;
  return from;
}

std::string_view SniffWindow(std::string_view text) {
  constexpr std::size_t kMaxBytes = 8192;
  constexpr int kMaxLines = 16;
  std::size_t cut = 0;
  for (int lines = 0; lines < kMaxLines && cut < text.size() && cut < kMaxBytes; ++lines) {
    const std::size_t end = text.find('\n', cut);
    if (end == std::string_view::npos) return text.substr(0, kMaxBytes);
    cut = end + 1;
  }
  return text.substr(0, cut);
}

}  // namespace synd

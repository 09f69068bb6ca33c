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

}  // namespace synd

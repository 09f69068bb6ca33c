// Line view of decoded text for the line-based formats (ingest stage): every line normalized
// once (feeds/normalize/text.hpp), so that blank-line tests see through NBSP and stray
// invisibles, and parsers compare lines without re-normalizing.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace synd {

class NormalizedLines {
 public:
  // `text` is split at LF; a final line without LF counts.
  explicit NormalizedLines(std::string_view text);
  NormalizedLines(const NormalizedLines&) = delete;
  NormalizedLines& operator=(const NormalizedLines&) = delete;

  std::size_t size() const { return spans_.size(); }
  // The normalized line; empty for a blank line. Valid while this object lives.
  std::string_view operator[](std::size_t i) const {
    return std::string_view(buffer_).substr(spans_[i].offset, spans_[i].length);
  }
  bool blank(std::size_t i) const { return spans_[i].length == 0; }
  // Index of the first non-blank line at or after `from`, or size().
  std::size_t NextNonBlank(std::size_t from) const;

 private:
  struct Span {
    std::size_t offset;
    std::size_t length;
  };
  std::string buffer_;
  std::vector<Span> spans_;
};

// The start of `text` that sniffers look at: up to 16 lines and 8 KiB (a header or a title
// with its blank line fits; leading blank lines count). Cut at a line end when one is in reach.
std::string_view SniffWindow(std::string_view text);

}  // namespace synd

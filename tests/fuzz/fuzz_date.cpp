// Fuzzes the date parser and the dateline and line-shape recognizers with any bytes.
#include <cstddef>
#include <cstdint>

#include "feeds/model/time.hpp"
#include "feeds/normalize/date.hpp"
#include "feeds/normalize/dateline.hpp"
#include "feeds/normalize/line_shapes.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using synd::fuzz::Require;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const synd::TimePoint reference = synd::FromCivil(2025, 4, 22, 12, 0, 0);
  const synd::Result<std::optional<synd::ParsedDate>> date = synd::ParseDate(text, reference);
  if (date.ok() && date->has_value()) {
    // Every recognized date formats and parses back to the same instant.
    const std::string rfc3339 = synd::FormatRfc3339((*date)->time);
    const synd::Result<synd::TimePoint> again = synd::ParseRfc3339(rfc3339);
    Require(again.ok() && *again == (*date)->time, "a parsed date round-trips through RFC 3339");
  } else if (!date.ok()) {
    Require(!date.status().message().empty(), "an error has a message");
  }
  const std::string line = synd::NormalizeInline(text);
  if (const std::optional<synd::DatelineMatch> m = synd::MatchDateline(line)) {
    Require(m->length <= line.size(), "dateline length within the paragraph");
    Require(!m->dateline.place.empty(), "dateline has a place");
  }
  (void)synd::ClassifyChromeLine(line);
  (void)synd::LooksLikeHeading(line);
  (void)synd::LooksLikePhotoCaption(line);
  (void)synd::BulletText(line);
  return 0;
}

// Shapes of single lines of scraped article text (normalize stage): site chrome (gallery
// counters, "Short Url", "Updated ...", "Follow"), summary bullets, section headings and photo
// captions. Each takes one normalized line and looks only at its shape; none knows a format.
#pragma once

#include <optional>
#include <string_view>

namespace synd {

enum class ChromeLine {
  kNone,
  kGalleryCounter,  // "1 / 2": position in a photo gallery
  kShortUrl,        // "Short Url"
  kUpdated,         // "Updated 28 March 2025", "Updated 49 min 12 sec ago"
  kFollow,          // "Follow"
};

// What kind of page chrome a line is, if any. An "Updated" line is chrome only when the rest is
// a date ParseDate recognizes ("Updated figures show a rise" is text).
ChromeLine ClassifyChromeLine(std::string_view line);

// The date text after "Updated " of a kUpdated line.
std::string_view UpdatedDateText(std::string_view line);

// Whether a line is page chrome that never belongs to an article's text (the fingerprint and
// the parsers drop such lines).
inline bool IsBoilerplateLine(std::string_view line) {
  return ClassifyChromeLine(line) != ChromeLine::kNone;
}

// The text of a summary bullet ("• Ethnic army controls ..."; also ●, ▪, ‣, ◦, ·), or nullopt.
std::optional<std::string_view> BulletText(std::string_view line);

// A section heading by its shape alone: an upper-case line of at most twelve words ("PRICE
// SPIKE", "NOVEMBER 2024"), or a short capitalized line of at most six words without sentence
// punctuation ("India alternative?"). Callers also require that body text follows it.
bool LooksLikeHeading(std::string_view line);

// A photo caption: at least four words of description, then a final parenthesized credit that
// names an agency in capitals or has a '/' ("... 2021. (Global Witness Handout via REUTERS)",
// "(AP Photo/Evan Vucci)"), and no ';' in the credit.
bool LooksLikePhotoCaption(std::string_view line);

}  // namespace synd

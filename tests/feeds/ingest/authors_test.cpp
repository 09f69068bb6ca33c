// Author cleanup by shape: names kept, byline junk dropped with a reason.
#include "feeds/ingest/authors.hpp"

#include <gtest/gtest.h>

namespace synd {
namespace {

TEST(CleanAuthors, DropsNewspaper4kBylineJunkAndKeepsTheNames) {
  // newspaper4k's authors for tests/data/real/newspaper4k/video_article_01.json.
  const CleanedAuthors got = CleanAuthors({"National Desk", "Print", "The Plain Dealer",
                                           "on December", "at PM", "updated", "December"});
  EXPECT_EQ(got.names, (std::vector<std::string>{"National Desk", "The Plain Dealer"}));
  EXPECT_EQ(got.dropped, (std::vector<std::string>{
                             "\"on December\" (starts in lower case)",
                             "\"at PM\" (starts in lower case)",
                             "\"updated\" (starts in lower case)",
                             "\"December\" (a month or weekday)",
                             "\"Print\" (a single word among full names)",
                         }));
}

TEST(CleanAuthors, DecidesEachCandidateByItsShape) {
  struct Case {
    std::string candidate;
    std::string kept;  // "" when dropped
  };
  const Case cases[] = {
      {"Alejandro de la Garza", "Alejandro de la Garza"},
      {"By Jane Doe", "Jane Doe"},
      {"BY JANE DOE", "JANE DOE"},
      {"newsdesk@harbourgazette.example (Tom Ellery)", "Tom Ellery"},
      {"Tom Ellery <tom@harbourgazette.example>", "Tom Ellery"},
      {"tom@harbourgazette.example", ""},
      {"www.rt.com", ""},
      {"cleveland.com", ""},
      {"Cleveland.com", ""},
      {"https://example.org/staff/jane", ""},
      {"12:30 PM", ""},
      {"Updated 2014", ""},
      {"Friday", ""},
      {"on December", ""},
      {"Let me Google that for you: the year in searches", ""},
      {"J.R.R. Tolkien", "J.R.R. Tolkien"},
      {"Reuters", "Reuters"},
      {"Jane &amp; John <b>Doe</b>", "Jane & John Doe"},
      {"  ,Jane Doe; ", "Jane Doe"},
      {"Владимир Петров", "Владимир Петров"},
      {"— Jane Doe –", "Jane Doe"},
      {"Zoë Sēē", "Zoë Sēē"},  // ē ends in byte 0x93, as '–' does: trimmed by character
      {"Ana Ł.", "Ana Ł."},
  };
  for (const Case& c : cases) {
    const CleanedAuthors got = CleanAuthors({c.candidate});
    if (c.kept.empty()) {
      EXPECT_TRUE(got.names.empty()) << c.candidate << " kept as " << got.names.at(0);
      EXPECT_EQ(got.dropped.size(), 1u) << c.candidate;
    } else {
      EXPECT_EQ(got.names, std::vector<std::string>{c.kept}) << c.candidate;
      EXPECT_TRUE(got.dropped.empty()) << c.candidate;
    }
  }
}

TEST(CleanAuthors, DropsRepeatsIgnoringCaseAndEmptyCandidates) {
  const CleanedAuthors got = CleanAuthors({"Jane Doe", "", "  ", "JANE DOE", "John Roe"});
  EXPECT_EQ(got.names, (std::vector<std::string>{"Jane Doe", "John Roe"}));
  EXPECT_TRUE(got.dropped.empty());
}

}  // namespace
}  // namespace synd

#include "feeds/normalize/dateline.hpp"

#include <gtest/gtest.h>

namespace synd {
namespace {

TEST(MatchDateline, RecognizesUpperCasePlacesByShape) {
  struct Case {
    const char* paragraph;
    const char* place;
    std::optional<std::string> date;
    std::size_t length;
  };
  const Case cases[] = {
      {"BANGKOK: When armed rebels seized", "BANGKOK", std::nullopt, 9},
      {"NEW DELHI, April 22 : At least 20 people", "NEW DELHI", "April 22", 22},
      {"WASHINGTON, Jan. 5: The Senate voted", "WASHINGTON", "Jan. 5", 20},
      {"LONDON, 3 March: Markets fell", "LONDON", "3 March", 17},
      {"ST. PETERSBURG: Officials said", "ST. PETERSBURG", std::nullopt, 16},
      {"PORT-AU-PRINCE: Gangs", "PORT-AU-PRINCE", std::nullopt, 16},
      {"N'DJAMENA: Chad's army", "N'DJAMENA", std::nullopt, 11},
      {"SÃO PAULO: Brazil's biggest city", "SÃO PAULO", std::nullopt, 12},
      {"RIO DE JANEIRO: Carnival", "RIO DE JANEIRO", std::nullopt, 16},
  };
  for (const Case& c : cases) {
    const std::optional<DatelineMatch> m = MatchDateline(c.paragraph);
    ASSERT_TRUE(m) << c.paragraph;
    EXPECT_EQ(m->dateline.place, c.place) << c.paragraph;
    EXPECT_EQ(m->dateline.date, c.date) << c.paragraph;
    EXPECT_EQ(m->length, c.length) << c.paragraph;
  }
}

TEST(MatchDateline, RejectsLabelsSentencesAndOtherColons) {
  const char* cases[] = {
      "UPDATE: The ministry has since responded.",
      "BREAKING: Parliament dissolved",
      "EXCLUSIVE: Documents show",
      "The PM said: “We will not back down.”",
      "John Mahama: ‘The recent decision by Mali’",
      "Ukraine ready for direct talks with Russia only after ceasefire: Zelensky",
      "Hegseth said: “He’s misrepresented a lot of things.”",
      "IREL did not return requests for comment.",
      "ECOWAS earlier said it had extended invitations.",
      "KYIV:",                          // nothing after the colon
      "KYIV:no space",                  // no space after the colon
      "A: the letter is too short",     // one letter is no place
      "NEW DELHI, Tuesday: officials",  // not a month and day
      "ONE TWO THREE FOUR FIVE SIX: too many words",
      "2024: a year in review",
      "Kyiv: mixed case is not a dateline",
  };
  for (const char* paragraph : cases) {
    EXPECT_FALSE(MatchDateline(paragraph)) << paragraph;
  }
}

}  // namespace
}  // namespace synd

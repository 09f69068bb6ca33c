#include "feeds/normalize/line_shapes.hpp"

#include <gtest/gtest.h>

namespace synd {
namespace {

TEST(ClassifyChromeLine, FindsPageChromeByShape) {
  const std::pair<const char*, ChromeLine> cases[] = {
      {"1 / 2", ChromeLine::kGalleryCounter},
      {"12 / 12", ChromeLine::kGalleryCounter},
      {"3 / 2", ChromeLine::kNone},
      {"1/2", ChromeLine::kNone},
      {"Short Url", ChromeLine::kShortUrl},
      {"Follow", ChromeLine::kFollow},
      {"Updated 28 March 2025", ChromeLine::kUpdated},
      {"Updated 49 min 12 sec ago", ChromeLine::kUpdated},
      {"Updated figures show a rise in exports.", ChromeLine::kNone},
      {"Updated", ChromeLine::kNone},
      {"Follow the money, he said.", ChromeLine::kNone},
  };
  for (const auto& [line, expected] : cases) {
    EXPECT_EQ(ClassifyChromeLine(line), expected) << line;
  }
  EXPECT_EQ(UpdatedDateText("Updated 28 March 2025"), "28 March 2025");
}

TEST(BulletText, StripsTheBulletMark) {
  EXPECT_EQ(BulletText("• Ethnic army controls area"), "Ethnic army controls area");
  EXPECT_EQ(BulletText("● Other mark"), "Other mark");
  EXPECT_FALSE(BulletText("•no space"));
  EXPECT_FALSE(BulletText("Plain line"));
  EXPECT_FALSE(BulletText("• "));
}

TEST(LooksLikeHeading, AcceptsShortCapitalizedLinesOnly) {
  const std::pair<const char*, bool> cases[] = {
      {"PRICE SPIKE", true},
      {"NOVEMBER 2024", true},
      {"India alternative?", true},
      {"EXPORT PLUNGE", true},
      {"IREL did not return requests for comment.", false},
      {"They were willing to pay higher prices than China, he said.", false},
      {"Any India deal faces multiple obstacles, said Kruemmer and Dan Seng Lawn.", false},
      {"“Without them, this won’t work, full stop,” he said.", false},
      {"lower case start", false},
      {"Six words is the very limit here", false},
      {"2024", false},
      {"A", false},
  };
  for (const auto& [line, expected] : cases) {
    EXPECT_EQ(LooksLikeHeading(line), expected) << line;
  }
}

TEST(LooksLikePhotoCaption, NeedsADescriptionAndAnAgencyCredit) {
  const std::pair<const char*, bool> cases[] = {
      {"Laborers work on a rare earth mine in Kachin state, Myanmar, on February 20, 2021. "
       "(Global Witness Handout via REUTERS)",
       true},
      {"President Joe Biden speaks in the Rose Garden. (AP Photo/Evan Vucci)", true},
      {"Firefighters battle a blaze near Athens. (AFP)", true},
      {"The Resistance Front (TRF) claimed responsibility.", false},
      {"The militant group Jaish-e-Mohammed (JeM)", false},
      {"Officials met on Tuesday. (Reporting by Jane Doe; Editing by John Roe)", false},
      {"Short one. (AFP)", false},
      {"Prices rose sharply in March (see chart)", false},
  };
  for (const auto& [line, expected] : cases) {
    EXPECT_EQ(LooksLikePhotoCaption(line), expected) << line;
  }
}

}  // namespace
}  // namespace synd

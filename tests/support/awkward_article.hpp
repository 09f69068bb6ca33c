// Test support: an article with every field set and text that needs escaping in JSON (markup,
// quotes, backslash, a control byte, CJK, a tab, a newline), for checks that a writer's bytes
// equal a reference serializer's. Plain data.
#pragma once

#include <string>

#include "feeds/model/article.hpp"
#include "feeds/model/time.hpp"

namespace synd::testing {

inline Article AwkwardArticle() {
  Article a;
  a.title = "Rare earths <SMM> & \"quotes\" \\ 稀土 \x01";
  a.summary = {"First\tbullet", "Second — bullet"};
  a.dateline = Dateline{"BEIJING", std::string("March 28")};
  a.body = {{BlockType::kParagraph, "Para one.\nline"},
            {BlockType::kHeading, "HEADING"},
            {BlockType::kImage, "A caption"}};
  a.published = FromCivil(2025, 3, 28, 9);
  a.updated = FromCivil(2025, 3, 29);
  a.date_precision = DatePrecision::kMinute;
  a.url = "https://example.org/a?b=\"c\"";
  a.external_id = "ext-1";
  a.authors = {"A. Writer", "B. Writer"};
  a.language = "en";
  a.section = "Metals";
  a.tags = {"rare earths", "china"};
  a.site = "example.org";
  a.image_url = "https://example.org/i.png";
  a.source = SourceRef{"/var/spool/inbox/x.txt", "reference", -3};
  a.fingerprint = "00ff";
  a.warnings = {"no date"};
  return a;
}

}  // namespace synd::testing

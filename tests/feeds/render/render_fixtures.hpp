// Hand-built sites, feeds and stories for the render tests: the cases feeds get wrong (markup
// in text, ampersands in URLs, Arabic, control characters, no URL, no author, no summary).
#pragma once

#include <string>
#include <vector>

#include "feeds/model/site.hpp"
#include "feeds/model/story.hpp"
#include "feeds/model/time.hpp"

namespace synd::testing {

inline SiteDef TestSite() {
  SiteDef site;
  site.title = "Example News";
  site.base_url = "http://127.0.0.1:8080/";
  site.id_authority = "news.example.org";
  site.author = "Example News Desk";
  site.language = "en";
  return site;
}

inline FeedDef AllFeed(std::size_t limit = 50) {
  FeedDef feed;
  feed.name = "all";
  feed.title = "All stories";
  feed.limit = limit;
  return feed;
}

inline Story MakeStory(const std::string& suffix, TimePoint published, TimePoint updated) {
  Story story;
  story.id = "tag:news.example.org," + FormatRfc3339(published).substr(0, 10) + ":story/" + suffix;
  story.suffix = suffix;
  story.first_seen = published;
  story.published = published;
  story.updated = updated;
  story.article.title = "Story " + suffix;
  story.article.body = {{BlockType::kParagraph, "Body of " + suffix + "."}};
  return story;
}

// Markup-like text, ampersands, quotes, a heading and a captioned figure; its own URL.
inline Story RareEarthStory() {
  Story story =
      MakeStory("7k3f9q2m", FromCivil(2025, 3, 28, 9, 0, 0), FromCivil(2025, 3, 28, 14, 5, 9));
  story.revision = 2;
  Article& a = story.article;
  a.title = "Myanmar rebels disrupt China rare earth trade & \"sparking\" <scramble>";
  a.summary = {"Ethnic army controls area accounting for nearly half of global heavy rare earths",
               "Rebels seek leverage against Beijing, which invested heavily in rare earths"};
  a.dateline = Dateline{"BANGKOK", std::nullopt};
  a.body = {
      {BlockType::kImage,
       "A view shows a rare earth mine in Kachin state. (Global Witness via REUTERS)"},
      {BlockType::kParagraph,
       "BANGKOK: When armed rebels seized northern Myanmar\u2019s rare-earths belt\u2026"},
      {BlockType::kHeading, "PRICE SPIKE"},
      {BlockType::kParagraph,
       "Chinese spot prices of terbium oxide <SMM-REO-TXO>, whose supply is concentrated in "
       "Kachin, jumped 21.9 percent & more; \"quoted\" and 'single' ]]> end."},
  };
  a.url = "https://www.arabnews.com/node/2594150/world?utm=feed&ref=a%20b";
  a.authors = {"Reuters", "Jane O'Neil & Co"};
  a.language = "en";
  a.section = "World";
  a.tags = {"Asia", "Mining", "World"};
  a.site = "Arab News";
  return story;
}

// Arabic, no URL (links to its article page), no authors (site.author), a mark to compose.
inline Story ArabicStory() {
  Story story =
      MakeStory("a1b2c3d4", FromCivil(2025, 3, 27, 8, 30, 0), FromCivil(2025, 3, 27, 8, 30, 0));
  Article& a = story.article;
  a.title =
      "\u0627\u0644\u0645\u0639\u0627\u062f\u0646 \u0627\u0644\u0646\u0627\u062f\u0631\u0629 "
      "\u0641\u064a \u0645\u064a\u0627\u0646\u0645\u0627\u0631";
  a.summary = {"\u0645\u0644\u062e\u0635 \u0627\u0644\u062e\u0628\u0631"};
  a.body = {{BlockType::kParagraph,
             "\u0627\u0644\u0641\u0642\u0631\u0629 \u0627\u0644\u0623\u0648\u0644\u0649 "
             "\u0645\u0646 \u0627\u0644\u062e\u0628\u0631 \u0661\u0662\u0663."},
            {BlockType::kParagraph, "Caf\u0065\u0301 and \u0041\u030A in decomposed form."}};
  a.language = "ar";
  return story;
}

// Characters XML cannot carry, CRLF, invalid UTF-8 and no summary (the first paragraph stands
// in); an own URL that is not http(s), so the article page is the link.
inline Story ControlCharStory() {
  Story story =
      MakeStory("z9y8x7w6", FromCivil(2025, 3, 26, 23, 59, 59), FromCivil(2025, 3, 27, 10, 0, 0));
  Article& a = story.article;
  a.title = std::string("Bell\x07 and form\x0c feed \x1b[1m in a \xc2\x85 title");
  a.body = {{BlockType::kParagraph,
             std::string("First line\r\nsecond line\rthird \xff\xfe bytes \xef\xbf\xbf.")},
            {BlockType::kParagraph, "Emoji \U0001F600 stays; tab\tstays."}};
  a.url = "javascript:alert(1)";
  a.authors = {"  Ann   Author  ", "Ann Author"};
  return story;
}

inline std::vector<Story> SampleStories() {
  return {ControlCharStory(), RareEarthStory(), ArabicStory()};
}

}  // namespace synd::testing

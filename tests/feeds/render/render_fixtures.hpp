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

// `n` stories in several scripts with markup-like text, ampersands and quotes, some with own
// URLs, published an hour apart, every fifth one revised. Deterministic.
inline std::vector<Story> GeneratedStories(int n) {
  static const char* const kTitles[] = {
      "Markets rally as <NYSE> & Nasdaq close higher",
      "\u0627\u0644\u0623\u0633\u0648\u0627\u0642 \u062a\u0631\u062a\u0641\u0639 "
      "\u0628\u0639\u062f \u0627\u0644\u0642\u0631\u0627\u0631",
      "\u5317\u4eac\u53d1\u5e03\u65b0\u7684\u7a00\u571f\u51fa\u53e3\u89c4\u5b9a",
      "\u0420\u044b\u043d\u043a\u0438 \u0432\u044b\u0440\u043e\u0441\u043b\u0438 "
      "\u00ab\u043f\u043e\u0441\u043b\u0435\u00bb \u0440\u0435\u0448\u0435\u043d\u0438\u044f",
      "Minister says \u201cno deal\u201d on 'rare-earth' exports",
  };
  const TimePoint base = FromCivil(2025, 3, 1, 6, 0, 0);
  std::vector<Story> stories;
  for (int i = 0; i < n; ++i) {
    const TimePoint published = base + std::chrono::hours(i);
    Story s = MakeStory("g" + std::to_string(1000 + i), published, published);
    const std::string title = kTitles[i % std::size(kTitles)];
    s.article.title = title + " #" + std::to_string(i);
    s.article.summary = {"Summary of " + title, "Second bullet & more"};
    s.article.body = {{BlockType::kParagraph, "First paragraph about " + title + "."},
                      {BlockType::kHeading, "WHAT NEXT"},
                      {BlockType::kImage, "A caption with <b>not bold</b> & \"quotes\""},
                      {BlockType::kParagraph, "Closing paragraph " + std::to_string(i) + "."}};
    if (i % 3 == 0) s.article.url = "https://news.example.com/a/" + std::to_string(i) + "?x=1&y=2";
    if (i % 2 == 0) s.article.authors = {"Desk " + std::to_string(i % 4)};
    s.article.section = i % 2 == 0 ? "Business" : "World";
    s.article.tags = {"Tag " + std::to_string(i % 5)};
    if (i % 5 == 0) {
      s.revision = 2;
      s.updated = published + std::chrono::hours(30);
    }
    stories.push_back(std::move(s));
  }
  return stories;
}

inline std::vector<Story> SampleStories() {
  return {ControlCharStory(), RareEarthStory(), ArabicStory()};
}

}  // namespace synd::testing

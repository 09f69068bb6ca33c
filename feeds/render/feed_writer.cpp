#include "feeds/render/feed_writer.hpp"

#include <algorithm>
#include <system_error>

#include "feeds/render/atomic_file.hpp"
#include "feeds/render/feed_filter.hpp"
#include "feeds/render/feed_formats.hpp"
#include "feeds/render/feed_item.hpp"
#include "feeds/render/html_pages.hpp"

namespace synd {
namespace {

// The stories each feed shows: `stories` holds each once, `shown[f]` indexes into it.
struct Selection {
  std::vector<Story> stories;
  std::vector<std::vector<std::size_t>> shown;
  std::size_t visited = 0;
};

// Names that become file names must not climb out of the output folder or hide as dot files.
bool IsPlainFileName(std::string_view name) {
  if (name.empty() || name.front() == '.' || name.front() == '-') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
}

Result<Selection> SelectStories(const SiteDef& site, const std::vector<FeedDef>& feeds,
                                const StoryVisitor& visit_stories) {
  const FeedMatcher matcher(feeds, site);
  Selection sel;
  sel.shown.resize(feeds.size());
  std::size_t open = 0;
  for (const FeedDef& feed : feeds) open += feed.limit > 0 ? 1 : 0;
  if (open == 0) return sel;
  const Status status = visit_stories([&](const Story& story) {
    ++sel.visited;
    const std::vector<char> matched = matcher.Match(story.article);
    bool kept = false;
    for (std::size_t f = 0; f < feeds.size(); ++f) {
      if (!matched[f] || sel.shown[f].size() >= feeds[f].limit) continue;
      if (!kept) sel.stories.push_back(story);
      kept = true;
      sel.shown[f].push_back(sel.stories.size() - 1);
      if (sel.shown[f].size() == feeds[f].limit) --open;
    }
    return open > 0;
  });
  if (!status.ok()) return status;
  for (std::vector<std::size_t>& shown : sel.shown) {
    std::stable_sort(shown.begin(), shown.end(), [&](std::size_t a, std::size_t b) {
      return NewerFirst(sel.stories[a], sel.stories[b]);
    });
  }
  return sel;
}

class OutputFolder {
 public:
  OutputFolder(const std::filesystem::path& root, WriteReport& report)
      : root_(root), report_(report) {}

  Status Write(const std::string& relative, std::string_view bytes) {
    Result<bool> written = WriteFileAtomic(root_ / relative, bytes);
    if (!written.ok()) return written.status();
    if (*written) {
      report_.written.push_back(relative);
    } else {
      ++report_.unchanged;
    }
    return Status::Ok();
  }

 private:
  std::filesystem::path root_;
  WriteReport& report_;
};

Status WriteFeed(OutputFolder& out, const SiteDef& site, const FeedDef& feed,
                 const std::vector<const FeedItem*>& items, const FeedIdSource& feed_ids) {
  std::optional<TimePoint> first_published;
  for (const FeedItem* item : items) {
    if (!first_published || item->published < *first_published) first_published = item->published;
  }
  Result<std::string> atom_id = feed_ids(feed, first_published);
  if (!atom_id.ok()) return atom_id.status();
  const RenderedFeed rendered = RenderAllFormats(FeedView{site, feed, *atom_id, items});
  if (Status s = out.Write(feed.name + ".rss", rendered.rss); !s.ok()) return s;
  if (Status s = out.Write(feed.name + ".atom", rendered.atom); !s.ok()) return s;
  return out.Write(feed.name + ".json", rendered.json);
}

Status CheckNames(const std::vector<FeedDef>& feeds, const std::vector<Story>& stories) {
  for (const FeedDef& feed : feeds) {
    if (!IsPlainFileName(feed.name)) {
      return Status::Invalid("feed name \"" + feed.name + "\" is not a plain file name");
    }
  }
  for (const Story& story : stories) {
    if (!IsPlainFileName(story.suffix)) {
      return Status::Invalid("story " + story.id + " has suffix \"" + story.suffix +
                             "\", which is not a plain file name");
    }
  }
  return Status::Ok();
}

Status MakeFolders(const std::filesystem::path& output) {
  std::error_code ec;
  std::filesystem::create_directories(output / "articles", ec);
  if (ec)
    return Status::Io("cannot create " + (output / "articles").string() + ": " + ec.message());
  return Status::Ok();
}

}  // namespace

Result<WriteReport> WriteFeeds(const std::filesystem::path& output, const SiteDef& site,
                               const std::vector<FeedDef>& feeds, const FeedIdSource& feed_ids,
                               const StoryVisitor& visit_stories) {
  Result<Selection> selected = SelectStories(site, feeds, visit_stories);
  if (!selected.ok()) return selected.status();
  const Selection& sel = *selected;
  if (Status s = CheckNames(feeds, sel.stories); !s.ok()) return s;
  if (Status s = MakeFolders(output); !s.ok()) return s;
  WriteReport report;
  report.stories_visited = sel.visited;
  report.stories_shown = sel.stories.size();
  OutputFolder out(output, report);
  std::vector<FeedItem> items;
  items.reserve(sel.stories.size());
  for (const Story& story : sel.stories) {
    items.push_back(PrepareFeedItem(site, story));
    const std::string page = "articles/" + story.suffix + ".html";
    if (Status s = out.Write(page, RenderArticlePage(site, story)); !s.ok()) return s;
  }
  for (std::size_t f = 0; f < feeds.size(); ++f) {
    std::vector<const FeedItem*> shown;
    shown.reserve(sel.shown[f].size());
    for (const std::size_t i : sel.shown[f]) shown.push_back(&items[i]);
    if (Status s = WriteFeed(out, site, feeds[f], shown, feed_ids); !s.ok()) return s;
  }
  if (Status s = out.Write("index.html", RenderIndexPage(site, feeds)); !s.ok()) return s;
  return report;
}

}  // namespace synd

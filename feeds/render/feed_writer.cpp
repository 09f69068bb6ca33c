#include "feeds/render/feed_writer.hpp"

#include <algorithm>
#include <system_error>
#include <utility>

#include "feeds/render/atomic_file.hpp"
#include "feeds/render/feed_formats.hpp"
#include "feeds/render/html_pages.hpp"

namespace synd {
namespace {

// Rendered feeds kept between renders, at most (RenderCache::TrimBuffers): a few dozen
// 50-item feeds, or several 200-item ones.
constexpr std::size_t kKeptBufferBytes = std::size_t{32} << 20;

// Names that become file names must not climb out of the output folder or hide as dot files.
bool IsPlainFileName(std::string_view name) {
  if (name.empty() || name.front() == '.' || name.front() == '-') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
}

std::filesystem::path PagePath(const std::filesystem::path& output, const std::string& suffix) {
  return output / "articles" / (suffix + ".html");
}

// The stories the feeds show, gathered while the store yields them: each shown story once in
// `picks`, and per feed the indexes of its picks.
class Selection {
 public:
  struct Pick {
    RenderCache::Entry* entry;
    std::string suffix;
    std::string page;  // the article page to write; empty when the cache knows it is on disk
  };

  Selection(const std::filesystem::path& output, const SiteDef& site,
            const std::vector<FeedDef>& feeds, RenderCache& cache)
      : output_(output), site_(site), feeds_(feeds), cache_(cache), shown_(feeds.size()) {
    for (const FeedDef& feed : feeds) open_ += feed.limit > 0 ? 1 : 0;
  }

  bool done() const { return open_ == 0; }

  // The visitor's question before each story: whether Take will read its article. Not for a
  // story the cache holds rendered and unchanged whose page is on disk, nor for one that no
  // feed with room shows. The page is looked for on disk here, once per story and render.
  bool WantsArticle(const Story& story) {
    RenderCache::Entry* entry = cache_.Peek(story);
    if (entry == nullptr) return true;
    bool shown = false;
    for (std::size_t f = 0; f < feeds_.size() && !shown; ++f) shown = Shows(f, *entry);
    if (!shown) return false;
    if (!entry->item) return true;
    if (entry->page_saved && !PageOnDisk(story.suffix)) entry->page_saved = false;
    looked_ = entry;  // AddPick need not look for the page again
    return !entry->page_saved;
  }

  // The visitor's sink: returns false once every feed is full or a story cannot be shown.
  bool Take(const Story& story) {
    ++visited_;
    RenderCache::Entry& entry = cache_.Get(story);
    std::optional<std::size_t> pick;
    for (std::size_t f = 0; f < feeds_.size(); ++f) {
      if (!Shows(f, entry)) continue;
      if (!pick) pick = AddPick(entry, story);
      if (!status_.ok()) return false;
      shown_[f].push_back(*pick);
      if (shown_[f].size() == feeds_[f].limit) --open_;
    }
    return open_ > 0;
  }

  const Status& status() const { return status_; }
  std::size_t visited() const { return visited_; }
  std::vector<Pick>& picks() { return picks_; }

  // Feed `f`'s items in NewerFirst order.
  std::vector<const RenderedItem*> Items(std::size_t f) const {
    std::vector<const RenderedItem*> items;
    items.reserve(shown_[f].size());
    for (const std::size_t i : shown_[f]) items.push_back(&*picks_[i].entry->item);
    std::stable_sort(items.begin(), items.end(), [](const RenderedItem* a, const RenderedItem* b) {
      return ItemNewerFirst(*a, *b);
    });
    return items;
  }

 private:
  std::size_t AddPick(RenderCache::Entry& entry, const Story& story) {
    if (!IsPlainFileName(story.suffix)) {
      status_ = Status::Invalid("story " + story.id + " has suffix \"" + story.suffix +
                                "\", which is not a plain file name");
      return 0;
    }
    cache_.Rendered(entry, story);
    const bool looked = std::exchange(looked_, nullptr) == &entry;
    std::string page;
    if (!entry.page_saved || (!looked && !PageOnDisk(story.suffix))) {
      page = RenderArticlePage(site_, story);
    }
    picks_.push_back(Pick{&entry, story.suffix, std::move(page)});
    return picks_.size() - 1;
  }

  // Feed `f` takes the story: it matches, and the feed has room.
  bool Shows(std::size_t f, const RenderCache::Entry& entry) const {
    return entry.feeds[f] && shown_[f].size() < feeds_[f].limit;
  }

  bool PageOnDisk(const std::string& suffix) const {
    std::error_code ec;
    return std::filesystem::exists(PagePath(output_, suffix), ec);
  }

  const std::filesystem::path& output_;
  const SiteDef& site_;
  const std::vector<FeedDef>& feeds_;
  RenderCache& cache_;
  std::vector<Pick> picks_;
  std::vector<std::vector<std::size_t>> shown_;
  std::size_t open_ = 0;
  std::size_t visited_ = 0;
  RenderCache::Entry* looked_ = nullptr;  // WantsArticle looked for its page, for the next Take
  Status status_;
};

// Collects the files of one render and writes them together (AtomicFileBatch), so one render
// pays the disk's flush latency about once.
class OutputFolder {
 public:
  OutputFolder(const std::filesystem::path& root, WriteReport& report)
      : root_(root), report_(report) {}

  // `bytes` must stay valid until Commit returns (AtomicFileBatch::Stage does not copy them).
  Status Write(const std::string& relative, std::string_view bytes) {
    if (batch_.Stage(root_ / relative, bytes)) {
      report_.written.push_back(relative);
    } else {
      ++report_.unchanged;
    }
    return Status::Ok();
  }
  Status Write(const std::string& relative, std::string&& bytes) = delete;  // would dangle

  Status Commit() { return batch_.Commit(); }

 private:
  std::filesystem::path root_;
  WriteReport& report_;
  AtomicFileBatch batch_;
};

Status WriteFeed(OutputFolder& out, const SiteDef& site, const FeedDef& feed,
                 const std::vector<const RenderedItem*>& items, const FeedIdSource& feed_ids,
                 RenderedFeed& rendered) {
  std::optional<TimePoint> first_published;
  for (const RenderedItem* item : items) {
    if (!first_published || item->published < *first_published) first_published = item->published;
  }
  Result<std::string> atom_id = feed_ids(feed, first_published);
  if (!atom_id.ok()) return atom_id.status();
  RenderAllFormats(FeedView{site, feed, *atom_id, items}, rendered);
  if (Status s = out.Write(feed.name + ".rss", rendered.rss); !s.ok()) return s;
  if (Status s = out.Write(feed.name + ".atom", rendered.atom); !s.ok()) return s;
  return out.Write(feed.name + ".json", rendered.json);
}

Status Prepare(const std::filesystem::path& output, const std::vector<FeedDef>& feeds) {
  for (const FeedDef& feed : feeds) {
    if (!IsPlainFileName(feed.name)) {
      return Status::Invalid("feed name \"" + feed.name + "\" is not a plain file name");
    }
  }
  std::error_code ec;
  std::filesystem::create_directories(output / "articles", ec);
  if (ec)
    return Status::Io("cannot create " + (output / "articles").string() + ": " + ec.message());
  return Status::Ok();
}

Status WritePages(OutputFolder& out, const std::vector<Selection::Pick>& picks) {
  for (const Selection::Pick& pick : picks) {
    if (pick.page.empty()) continue;
    if (Status s = out.Write("articles/" + pick.suffix + ".html", pick.page); !s.ok()) return s;
  }
  return Status::Ok();
}

// After the files are in place: the cache may trust these pages from now on (until one is found
// missing). Not before, so that a render that fails leaves them to be written again.
void MarkPagesSaved(std::vector<Selection::Pick>& picks) {
  for (Selection::Pick& pick : picks) {
    if (!pick.page.empty()) pick.entry->page_saved = true;
  }
}

}  // namespace

Result<WriteReport> WriteFeeds(const std::filesystem::path& output, const SiteDef& site,
                               const std::vector<FeedDef>& feeds, const FeedIdSource& feed_ids,
                               const StoryVisitor& visit_stories, RenderCache& cache) {
  if (Status s = Prepare(output, feeds); !s.ok()) return s;
  if (cache.FirstWrite()) {
    RemoveLeftovers(output);
    RemoveLeftovers(output / "articles");
  }
  cache.Reset(site, feeds);
  const std::size_t renders_before = cache.renders();
  Selection sel(output, site, feeds, cache);
  if (!sel.done()) {
    const Status visited =
        visit_stories([&](const Story& story) { return sel.WantsArticle(story); },
                      [&](const Story& story) { return sel.Take(story); });
    if (!visited.ok()) return visited;
    if (!sel.status().ok()) return sel.status();
  }
  cache.Sweep();
  WriteReport report;
  report.stories_visited = sel.visited();
  report.stories_shown = sel.picks().size();
  report.items_rendered = cache.renders() - renders_before;
  OutputFolder out(output, report);
  if (Status s = WritePages(out, sel.picks()); !s.ok()) return s;
  for (std::size_t f = 0; f < feeds.size(); ++f) {
    const Status s = WriteFeed(out, site, feeds[f], sel.Items(f), feed_ids, cache.buffers(f));
    if (!s.ok()) return s;
  }
  const std::string index = RenderIndexPage(site, feeds);
  if (Status s = out.Write("index.html", index); !s.ok()) return s;
  const Status committed = out.Commit();
  cache.TrimBuffers(kKeptBufferBytes);
  if (!committed.ok()) return committed;
  MarkPagesSaved(sel.picks());
  return report;
}

Result<WriteReport> WriteFeeds(const std::filesystem::path& output, const SiteDef& site,
                               const std::vector<FeedDef>& feeds, const FeedIdSource& feed_ids,
                               const StoryVisitor& visit_stories) {
  RenderCache cache;
  return WriteFeeds(output, site, feeds, feed_ids, visit_stories, cache);
}

}  // namespace synd

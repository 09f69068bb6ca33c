// Feed writer: renders every configured feed (RSS, Atom, JSON Feed), the article pages of the
// stories they show and index.html into the output folder, rewriting only files whose bytes
// change. The render stage's entry point; its only I/O is the output folder's files
// (atomic_file.hpp) and the visitor's store reads. No clock, no logging: the caller logs the
// report.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "feeds/model/site.hpp"
#include "feeds/model/status.hpp"
#include "feeds/model/story.hpp"
#include "feeds/model/time.hpp"
#include "feeds/render/render_cache.hpp"

namespace synd {

// Calls `sink` for stories, newest first in NewerFirst order (DESIGN.md §6), each story once,
// until `sink` returns false or the stories run out. Returns the store's error, if any. Right
// before `sink(story)` it may call `wants_article` on that story (with its article left empty)
// and, where that says false, give `sink` the story without its article: the writer already
// holds what it needs of it. A visitor may also ignore `wants_article` and give whole stories.
using StoryVisitor = std::function<Status(const std::function<bool(const Story&)>& wants_article,
                                          const std::function<bool(const Story&)>& sink)>;

// Returns the stored Atom id of `feed`. When none is stored and `first_published` is set (the
// earliest `published` among the stories the feed shows now), mints one with MintFeedId,
// stores it and returns it; with no stored id and no stories, returns "" (nothing is minted
// and the empty feed uses its self URL as id; see FeedView::atom_id).
using FeedIdSource = std::function<Result<std::string>(const FeedDef& feed,
                                                       std::optional<TimePoint> first_published)>;

struct WriteReport {
  std::vector<std::string> written;  // output-relative paths whose bytes changed, in write order
  std::size_t unchanged = 0;         // files rendered to the bytes they already held
  std::size_t stories_visited = 0;   // stories the visitor yielded before the writer stopped
  std::size_t stories_shown = 0;     // distinct stories in at least one feed
  std::size_t items_rendered = 0;    // stories whose entries were rendered (not cached)
};

// Writes, under `output`: articles/<suffix>.html for each story shown in some feed, then
// <name>.rss, <name>.atom and <name>.json for each feed (at most `limit` items, selected by
// FeedMatcher, in NewerFirst order), then index.html. Stops visiting once every feed holds
// `limit` stories. Files whose bytes would not change are not rewritten; article pages that
// `cache` knows to be on disk are not even rendered. Creates `output` and `output/articles`
// when missing. Pages of stories that left every feed are kept (old links keep working).
// Errors: the visitor's or the id source's status as is; kInvalidInput for a feed name or
// story suffix that is not a plain file name; kIo from the file system. Files written before
// an error stay written (each is complete). REQUIRES: feed names are distinct.
Result<WriteReport> WriteFeeds(const std::filesystem::path& output, const SiteDef& site,
                               const std::vector<FeedDef>& feeds, const FeedIdSource& feed_ids,
                               const StoryVisitor& visit_stories, RenderCache& cache);

// The same with a cache for this call only: every shown story is matched and rendered.
Result<WriteReport> WriteFeeds(const std::filesystem::path& output, const SiteDef& site,
                               const std::vector<FeedDef>& feeds, const FeedIdSource& feed_ids,
                               const StoryVisitor& visit_stories);

}  // namespace synd

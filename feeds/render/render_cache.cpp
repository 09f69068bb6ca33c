#include "feeds/render/render_cache.hpp"

#include <cassert>

namespace synd {

void RenderCache::Reset(const SiteDef& site, const std::vector<FeedDef>& feeds) {
  buffers_.resize(feeds.size());
  if (matcher_ && site == site_ && feeds == feeds_) return;
  site_ = site;
  feeds_ = feeds;
  matcher_ = std::make_unique<FeedMatcher>(feeds_, site_);
  slots_.clear();
}

namespace {

template <typename Slot>
bool Fresh(const Slot& slot, const Story& story) {
  return slot.matched && slot.revision == story.revision && slot.published == story.published &&
         slot.updated == story.updated;
}

}  // namespace

RenderCache::Entry* RenderCache::Peek(const Story& story) {
  auto it = slots_.find(story.id);
  return it != slots_.end() && Fresh(it->second, story) ? &it->second.entry : nullptr;
}

RenderCache::Entry& RenderCache::Get(const Story& story) {
  assert(matcher_ != nullptr);
  Slot& slot = slots_[story.id];
  slot.used = true;
  if (Fresh(slot, story)) return slot.entry;
  slot.revision = story.revision;
  slot.published = story.published;
  slot.updated = story.updated;
  slot.matched = true;
  slot.entry = Entry{matcher_->Match(story.article), std::nullopt, false};
  ++matches_;
  return slot.entry;
}

const RenderedItem& RenderCache::Rendered(Entry& entry, const Story& story) {
  if (!entry.item) {
    entry.item = RenderItem(site_, story);
    ++renders_;
  }
  return *entry.item;
}

void RenderCache::Sweep() {
  for (auto it = slots_.begin(); it != slots_.end();) {
    if (it->second.used) {
      it->second.used = false;
      ++it;
    } else {
      it = slots_.erase(it);
    }
  }
}

}  // namespace synd

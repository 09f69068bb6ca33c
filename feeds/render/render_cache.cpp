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

namespace {

std::size_t Capacity(const RenderedFeed& b) {
  return b.rss.capacity() + b.atom.capacity() + b.json.capacity();
}

}  // namespace

std::size_t RenderCache::buffer_bytes() const {
  std::size_t bytes = 0;
  for (const RenderedFeed& b : buffers_) bytes += Capacity(b);
  return bytes;
}

void RenderCache::TrimBuffers(std::size_t max_bytes) {
  std::size_t bytes = buffer_bytes();
  for (auto it = buffers_.rbegin(); it != buffers_.rend() && bytes > max_bytes; ++it) {
    bytes -= Capacity(*it);
    // Swapped out, not assigned: assigning an empty string keeps the old capacity.
    for (std::string* b : {&it->rss, &it->atom, &it->json}) std::string().swap(*b);
  }
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

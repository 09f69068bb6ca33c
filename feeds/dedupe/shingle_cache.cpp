#include "feeds/dedupe/shingle_cache.hpp"

namespace synd {

const std::vector<uint32_t>* ShingleCache::Find(int64_t story) const {
  auto it = entries_.find(story);
  return it == entries_.end() ? nullptr : &it->second.shingles;
}

void ShingleCache::Put(int64_t story, std::vector<uint32_t> shingles) {
  if (capacity_ == 0) return;
  const uint64_t generation = ++generation_;
  entries_[story] = Entry{std::move(shingles), generation};
  order_.emplace_back(story, generation);
  // The queue holds one place per Put; places whose entry was replaced since are dropped as they
  // reach the front, so it stays within a small multiple of the entries.
  while (entries_.size() > capacity_ || order_.size() > 2 * capacity_) {
    const auto [oldest, written] = order_.front();
    order_.pop_front();
    auto it = entries_.find(oldest);
    if (it != entries_.end() && it->second.generation == written) entries_.erase(it);
  }
}

void ShingleCache::Clear() {
  entries_.clear();
  order_.clear();
}

}  // namespace synd

// ShingleCache: the shingle sets of the stories the merger wrote most recently, so that confirming
// a near-duplicate candidate (DESIGN.md §7) rarely has to load the candidate's article from the
// store and shingle it again. Dedupe stage; pure, single-threaded. Bounded by a count of stories;
// the oldest entry leaves first. A cache only: a miss costs a store read, never a decision.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <unordered_map>
#include <utility>
#include <vector>

namespace synd {

class ShingleCache {
 public:
  explicit ShingleCache(std::size_t capacity) : capacity_(capacity) {}

  // The set of `story`'s current version, or nullptr when it is not cached. Valid until the next
  // Put or Clear.
  const std::vector<uint32_t>* Find(int64_t story) const;
  // Records the set of `story`'s current version (replacing an older version's).
  void Put(int64_t story, std::vector<uint32_t> shingles);
  // Forgets everything, e.g. when a transaction is rolled back: its stories are gone, and their
  // keys may be given to other stories.
  void Clear();
  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::vector<uint32_t> shingles;
    uint64_t generation = 0;  // which Put wrote it, so an older place in the queue is skipped
  };

  std::size_t capacity_;
  uint64_t generation_ = 0;
  std::unordered_map<int64_t, Entry> entries_;
  std::deque<std::pair<int64_t, uint64_t>> order_;  // (story, generation), oldest first
};

}  // namespace synd

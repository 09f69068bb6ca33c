#include "feeds/dedupe/compact_multimap.hpp"

#include <cassert>
#include <utility>

namespace synd {
namespace {

constexpr std::size_t kMinCapacity = 16;

// Load limit 7/8: Robin Hood keeps probe lengths short even this full.
bool OverLoaded(std::size_t size, std::size_t capacity) { return size * 8 > capacity * 7; }

}  // namespace

void CompactMultimap::Reserve(std::size_t count) {
  std::size_t capacity = count + count / 6 + 1;
  if (capacity < kMinCapacity) capacity = kMinCapacity;
  if (capacity > slots_.size()) Rehash(capacity);
}

void CompactMultimap::Insert(uint32_t key, uint32_t value) {
  assert(value != 0);
  if (slots_.empty() || OverLoaded(size_ + 1, slots_.size())) {
    const std::size_t grown = slots_.size() + slots_.size() / 2;
    Rehash(grown < kMinCapacity ? kMinCapacity : grown);
  }
  Place(Slot{key, value});
  ++size_;
}

void CompactMultimap::Place(Slot slot) {
  std::size_t pos = Home(slot.key);
  for (std::size_t dist = 0;; ++dist) {
    Slot& s = slots_[pos];
    if (s.value == 0) {
      s = slot;
      return;
    }
    const std::size_t resident = Distance(pos, s.key);
    if (resident < dist) {
      std::swap(s, slot);
      dist = resident;
    }
    pos = Next(pos);
  }
}

bool CompactMultimap::Erase(uint32_t key, uint32_t value) {
  if (slots_.empty()) return false;
  std::size_t pos = Home(key);
  for (std::size_t dist = 0;; ++dist) {
    const Slot& s = slots_[pos];
    if (s.value == 0 || Distance(pos, s.key) < dist) return false;
    if (s.key == key && s.value == value) break;
    pos = Next(pos);
  }
  // Backward shift: pull each following displaced entry one slot closer to its home.
  for (std::size_t next = Next(pos);
       slots_[next].value != 0 && Distance(next, slots_[next].key) > 0; next = Next(next)) {
    slots_[pos] = slots_[next];
    pos = next;
  }
  slots_[pos] = Slot{};
  --size_;
  return true;
}

bool CompactMultimap::Contains(uint32_t key, uint32_t value) const {
  bool found = false;
  ForEach(key, [&](uint32_t v) { found = found || v == value; });
  return found;
}

void CompactMultimap::Rehash(std::size_t capacity) {
  std::vector<Slot> old;
  old.swap(slots_);
  slots_.assign(capacity, Slot{});
  slots_.shrink_to_fit();
  for (const Slot& s : old) {
    if (s.value != 0) Place(s);
  }
}

}  // namespace synd

// CompactMultimap: the in-memory index's building block, a multimap from 32-bit hash keys to
// non-zero 32-bit values (story keys) in 8 bytes a slot. Dedupe stage; pure, single-threaded.
// Open addressing with Robin Hood ordering and backward-shift deletion, so it runs at a load of
// up to 7/8 and lookups of absent keys stop early; capacity grows by half, never shrinks. The
// table comes zeroed from the allocator (not filled again), and one of 8 MiB or more is mapped
// in transparent huge pages: growing the LSH band table (tens of MiB) otherwise took a page
// fault and a zero fill per 4 KiB, about three quarters of the time its growth cost the writer.
#pragma once

#include <cstddef>
#include <cstdint>

namespace synd {

class CompactMultimap {
 public:
  CompactMultimap() = default;
  ~CompactMultimap();
  CompactMultimap(CompactMultimap&& other) noexcept;
  CompactMultimap& operator=(CompactMultimap&& other) noexcept;
  CompactMultimap(const CompactMultimap&) = delete;
  CompactMultimap& operator=(const CompactMultimap&) = delete;

  // Makes room for `count` entries without growing again.
  void Reserve(std::size_t count);

  // Adds one (key, value) entry; the same pair may be present more than once.
  // REQUIRES: value != 0 (0 marks an empty slot).
  void Insert(uint32_t key, uint32_t value);

  // Removes one (key, value) entry; false when there is none.
  bool Erase(uint32_t key, uint32_t value);

  // Calls visit(value) for every entry with `key`, in no particular order. visit must not
  // modify this map.
  template <typename Visit>
  void ForEach(uint32_t key, Visit&& visit) const {
    if (capacity_ == 0) return;
    std::size_t pos = Home(key);
    for (std::size_t dist = 0;; ++dist) {
      const Slot& s = slots_[pos];
      if (s.value == 0 || Distance(pos, s.key) < dist) return;
      if (s.key == key) visit(s.value);
      pos = Next(pos);
    }
  }

  // Starts loading the slot where `key`'s entries begin, so that several look-ups can wait for
  // memory at once instead of one after another. A hint only.
  void Prefetch(uint32_t key) const {
    if (capacity_ != 0) __builtin_prefetch(slots_ + Home(key));
  }

  bool Contains(uint32_t key, uint32_t value) const;
  std::size_t size() const { return size_; }
  // Bytes of memory the table holds.
  std::size_t MemoryBytes() const { return capacity_ * sizeof(Slot); }

 private:
  struct Slot {
    uint32_t key = 0;
    uint32_t value = 0;
  };

  // Multiply-shift maps a uniform 32-bit key onto any capacity without a division.
  std::size_t Home(uint32_t key) const {
    return static_cast<std::size_t>((static_cast<uint64_t>(key) * capacity_) >> 32);
  }
  std::size_t Distance(std::size_t pos, uint32_t key) const {
    const std::size_t home = Home(key);
    return pos >= home ? pos - home : pos + capacity_ - home;
  }
  std::size_t Next(std::size_t pos) const { return pos + 1 == capacity_ ? 0 : pos + 1; }
  // Moves every entry into a new table of at least `capacity` slots (all the memory it got).
  void Rehash(std::size_t capacity);
  void Place(Slot slot);

  Slot* slots_ = nullptr;     // capacity_ slots; all zero bytes is an empty slot
  std::size_t capacity_ = 0;  // 0: no table
  std::size_t size_ = 0;
};

}  // namespace synd

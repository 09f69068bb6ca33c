#include "feeds/dedupe/compact_multimap.hpp"

#include <sys/mman.h>

#include <cassert>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <utility>

namespace synd {
namespace {

constexpr std::size_t kMinCapacity = 16;
constexpr std::size_t kHugePageBytes = std::size_t{2} << 20;
// Tables from this size up use huge pages: rounding up to whole ones then adds at most a quarter,
// while a smaller table (a small store's) would pay up to twice its size for them.
constexpr std::size_t kHugeTableBytes = std::size_t{8} << 20;

// Load limit 7/8: Robin Hood keeps probe lengths short even this full.
bool OverLoaded(std::size_t size, std::size_t capacity) { return size * 8 > capacity * 7; }

std::size_t RoundUp(std::size_t n, std::size_t to) { return (n + to - 1) / to * to; }

// Zeroed memory of at least `bytes` bytes; returns its start and sets `usable` to its whole
// length. Below kHugeTableBytes it comes from calloc (which takes big blocks from the kernel
// already zeroed, without filling them again), exactly `bytes` long. From there up it is mapped
// aligned to 2 MiB, in whole huge pages, and asks for transparent huge pages (only a hint:
// where the kernel gives none, 4 KiB pages work the same). Release with FreeZeroed(p, usable).
void* AllocateZeroed(std::size_t bytes, std::size_t& usable) {
  if (bytes < kHugeTableBytes) {
    void* p = std::calloc(bytes, 1);
    if (p == nullptr) throw std::bad_alloc();
    usable = bytes;
    return p;
  }
  constexpr int kProt = PROT_READ | PROT_WRITE;
  constexpr int kFlags = MAP_PRIVATE | MAP_ANONYMOUS;
  const std::size_t mapped = RoundUp(bytes, kHugePageBytes);
  // Map a huge page more than needed, then return the unaligned head and the tail.
  void* raw = mmap(nullptr, mapped + kHugePageBytes, kProt, kFlags, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  const auto start = reinterpret_cast<std::uintptr_t>(raw);
  const std::uintptr_t aligned = RoundUp(start, kHugePageBytes);
  if (aligned > start) munmap(raw, aligned - start);
  const std::uintptr_t end = start + mapped + kHugePageBytes;
  if (end > aligned + mapped)
    munmap(reinterpret_cast<void*>(aligned + mapped), end - aligned - mapped);
  void* table = reinterpret_cast<void*>(aligned);
  (void)madvise(table, mapped, MADV_HUGEPAGE);
  usable = mapped;
  return table;
}

void FreeZeroed(void* p, std::size_t usable) {
  if (p == nullptr) return;
  if (usable < kHugeTableBytes) {
    std::free(p);
  } else {
    munmap(p, usable);
  }
}

}  // namespace

CompactMultimap::~CompactMultimap() { FreeZeroed(slots_, capacity_ * sizeof(Slot)); }

CompactMultimap::CompactMultimap(CompactMultimap&& other) noexcept
    : slots_(std::exchange(other.slots_, nullptr)),
      capacity_(std::exchange(other.capacity_, 0)),
      size_(std::exchange(other.size_, 0)) {}

CompactMultimap& CompactMultimap::operator=(CompactMultimap&& other) noexcept {
  if (this != &other) {
    FreeZeroed(slots_, capacity_ * sizeof(Slot));
    slots_ = std::exchange(other.slots_, nullptr);
    capacity_ = std::exchange(other.capacity_, 0);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

void CompactMultimap::Reserve(std::size_t count) {
  std::size_t capacity = count + count / 6 + 1;
  if (capacity < kMinCapacity) capacity = kMinCapacity;
  if (capacity > capacity_) Rehash(capacity);
}

void CompactMultimap::Insert(uint32_t key, uint32_t value) {
  assert(value != 0);
  if (capacity_ == 0 || OverLoaded(size_ + 1, capacity_)) {
    const std::size_t grown = capacity_ + capacity_ / 2;
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
  if (capacity_ == 0) return false;
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
  std::size_t usable = 0;
  Slot* const old = slots_;
  const std::size_t old_capacity = capacity_;
  slots_ = static_cast<Slot*>(AllocateZeroed(capacity * sizeof(Slot), usable));
  capacity_ = usable / sizeof(Slot);
  for (std::size_t i = 0; i < old_capacity; ++i) {
    if (old[i].value != 0) Place(old[i]);
  }
  FreeZeroed(old, old_capacity * sizeof(Slot));
}

}  // namespace synd

// DedupeIndex: the in-memory part of dedupe (DESIGN.md §7) — which stories might have a given
// fingerprint, identity key or LSH band. Dedupe stage; pure, single-threaded. Its answers are
// hints to confirm in the store (keys are 32-bit hashes), so a false hit costs a lookup, never a
// wrong decision. Every change is journaled so that a rolled-back transaction can be undone and
// memory never disagrees with the store. About 300 bytes per story (see MemoryBytes).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "feeds/dedupe/compact_multimap.hpp"
#include "feeds/dedupe/minhash.hpp"

namespace synd {

// Story keys in the index are 32-bit: a store may hold up to 4,294,967,295 stories.
using IndexedStory = uint32_t;

struct LshCandidate {
  IndexedStory story = 0;
  int shared_bands = 0;
};

class DedupeIndex {
 public:
  // Stories that may have a revision with this fingerprint / this identity key.
  std::vector<IndexedStory> FingerprintHits(std::string_view fingerprint) const;
  std::vector<IndexedStory> IdentityHits(std::string_view identity_key) const;
  // Stories whose current version shares at least one band, most shared bands first, then by
  // key (deterministic).
  std::vector<LshCandidate> Candidates(const BandKeys& bands) const;

  void AddFingerprint(std::string_view fingerprint, IndexedStory story);
  void AddIdentity(std::string_view identity_key, IndexedStory story);
  void AddBands(const BandKeys& bands, IndexedStory story);
  // REQUIRES: the same bands were added for `story` (the signature of its current version).
  void RemoveBands(const BandKeys& bands, IndexedStory story);

  // The undo journal: Mark() names the current state; UndoTo(mark) reverts every change made
  // since; Forget() drops the journal once the changes are durable (after a commit).
  std::size_t Mark() const { return journal_.size(); }
  void UndoTo(std::size_t mark);
  void Forget();
  // Off while bulk-loading from the store (nothing to undo there); on by default.
  void SetJournaling(bool on) { journaling_ = on; }

  // Sizes the tables for `stories` stories before a bulk load (start-up rebuild).
  void Reserve(std::size_t stories, std::size_t revisions, std::size_t identities);
  void Clear();
  // Heap bytes of the tables and the journal.
  std::size_t MemoryBytes() const;

 private:
  enum class Table : uint8_t { kFingerprint, kIdentity, kBand };
  struct Change {
    Table table;
    bool added;
    uint32_t key;
    IndexedStory story;
  };

  CompactMultimap& Map(Table table);
  void Apply(Table table, bool add, uint32_t key, IndexedStory story);

  CompactMultimap fingerprints_;
  CompactMultimap identities_;
  CompactMultimap bands_;
  std::vector<Change> journal_;
  bool journaling_ = true;
};

}  // namespace synd

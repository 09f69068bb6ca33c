#include "feeds/dedupe/dedupe_index.hpp"

#include <xxhash.h>

#include <algorithm>

namespace synd {
namespace {

uint32_t KeyOf(std::string_view text) {
  return static_cast<uint32_t>(XXH3_64bits(text.data(), text.size()));
}

// A journal larger than this is released after a commit instead of kept for reuse, so that one
// big batch does not hold memory for the life of the process.
constexpr std::size_t kJournalKeep = 4096;

}  // namespace

std::vector<IndexedStory> DedupeIndex::FingerprintHits(std::string_view fingerprint) const {
  std::vector<IndexedStory> hits;
  fingerprints_.ForEach(KeyOf(fingerprint), [&](uint32_t story) { hits.push_back(story); });
  return hits;
}

std::vector<IndexedStory> DedupeIndex::IdentityHits(std::string_view identity_key) const {
  std::vector<IndexedStory> hits;
  identities_.ForEach(KeyOf(identity_key), [&](uint32_t story) { hits.push_back(story); });
  return hits;
}

std::vector<LshCandidate> DedupeIndex::Candidates(const BandKeys& bands) const {
  // The band table is tens of MiB: each band's slot is a cache miss, and asking for all of them
  // first lets the misses overlap.
  for (uint32_t key : bands) bands_.Prefetch(key);
  std::vector<IndexedStory> hits;
  for (uint32_t key : bands) bands_.ForEach(key, [&](uint32_t story) { hits.push_back(story); });
  std::sort(hits.begin(), hits.end());
  std::vector<LshCandidate> out;
  for (std::size_t i = 0; i < hits.size();) {
    std::size_t j = i;
    while (j < hits.size() && hits[j] == hits[i]) ++j;
    out.push_back(LshCandidate{hits[i], static_cast<int>(j - i)});
    i = j;
  }
  std::stable_sort(out.begin(), out.end(), [](const LshCandidate& a, const LshCandidate& b) {
    return a.shared_bands > b.shared_bands;
  });
  return out;
}

CompactMultimap& DedupeIndex::Map(Table table) {
  switch (table) {
    case Table::kFingerprint:
      return fingerprints_;
    case Table::kIdentity:
      return identities_;
    case Table::kBand:
      return bands_;
  }
  return bands_;
}

void DedupeIndex::Apply(Table table, bool add, uint32_t key, IndexedStory story) {
  if (add) {
    Map(table).Insert(key, story);
  } else {
    Map(table).Erase(key, story);
  }
  if (journaling_) journal_.push_back(Change{table, add, key, story});
}

void DedupeIndex::AddFingerprint(std::string_view fingerprint, IndexedStory story) {
  Apply(Table::kFingerprint, true, KeyOf(fingerprint), story);
}

void DedupeIndex::AddIdentity(std::string_view identity_key, IndexedStory story) {
  Apply(Table::kIdentity, true, KeyOf(identity_key), story);
}

void DedupeIndex::AddBands(const BandKeys& bands, IndexedStory story) {
  for (uint32_t key : bands) bands_.Prefetch(key);
  for (uint32_t key : bands) Apply(Table::kBand, true, key, story);
}

void DedupeIndex::RemoveBands(const BandKeys& bands, IndexedStory story) {
  for (uint32_t key : bands) bands_.Prefetch(key);
  for (uint32_t key : bands) Apply(Table::kBand, false, key, story);
}

void DedupeIndex::UndoTo(std::size_t mark) {
  while (journal_.size() > mark) {
    const Change c = journal_.back();
    journal_.pop_back();
    if (c.added) {
      Map(c.table).Erase(c.key, c.story);
    } else {
      Map(c.table).Insert(c.key, c.story);
    }
  }
}

void DedupeIndex::Forget() {
  journal_.clear();
  if (journal_.capacity() > kJournalKeep) journal_.shrink_to_fit();
}

void DedupeIndex::Reserve(std::size_t stories, std::size_t revisions, std::size_t identities) {
  bands_.Reserve(stories * kLshBands);
  fingerprints_.Reserve(revisions);
  identities_.Reserve(identities);
}

void DedupeIndex::Clear() {
  fingerprints_ = CompactMultimap();
  identities_ = CompactMultimap();
  bands_ = CompactMultimap();
  journal_ = std::vector<Change>();
}

std::size_t DedupeIndex::MemoryBytes() const {
  return fingerprints_.MemoryBytes() + identities_.MemoryBytes() + bands_.MemoryBytes() +
         journal_.capacity() * sizeof(Change);
}

}  // namespace synd

#include "daemon/http/file_cache.hpp"

#include <limits>

namespace synd::http {

FileCache::FileCache(FileCacheOptions options) : options_(std::move(options)) {}

LookupResult FileCache::Lookup(std::string_view relative_path, Clock::time_point now) {
  std::uint64_t epoch = 0;
  std::uint64_t load_ticket = 0;
  {
    std::lock_guard lock(mu_);
    auto it = entries_.find(relative_path);
    if (it != entries_.end()) {
      Entry& e = it->second;
      e.last_use = ++use_clock_;
      if (now < e.next_check) {
        return e.file ? LookupResult{LookupStatus::kOk, e.file}
                      : LookupResult{LookupStatus::kError};
      }
      FileIdentity current;
      if (e.file && StatIdentity(e.full_path.c_str(), current) && current == e.file->identity) {
        e.next_check = now + options_.revalidate_interval;
        return {LookupStatus::kOk, e.file};
      }
    }
    epoch = epoch_;
    load_ticket = ++load_clock_;
  }
  return Load(relative_path, now, epoch, load_ticket);
}

LookupResult FileCache::Load(std::string_view relative_path, Clock::time_point now,
                             std::uint64_t epoch, std::uint64_t load_ticket) {
  auto loaded = LoadCachedFile(options_.root, relative_path, options_.load);
  if (!loaded.ok() && loaded.status().code() == ErrorCode::kNotFound) {
    std::lock_guard lock(mu_);
    if (auto it = entries_.find(relative_path); it != entries_.end()) {
      if (it->second.file) bytes_ -= it->second.file->memory_bytes();
      entries_.erase(it);
    }
    return {LookupStatus::kNotFound};
  }
  if (!loaded.ok() && on_error_) on_error_(loaded.status());

  std::lock_guard lock(mu_);
  auto [it, inserted] = entries_.try_emplace(std::string(relative_path));
  Entry& e = it->second;
  if (inserted) e.full_path = (options_.root / relative_path).string();
  // A load that started before another one finished must not replace the newer snapshot.
  if (inserted || load_ticket > e.load_ticket) {
    if (e.file) bytes_ -= e.file->memory_bytes();
    e.file = loaded.ok() ? std::move(loaded).value() : nullptr;
    if (e.file) bytes_ += e.file->memory_bytes();
    e.load_ticket = load_ticket;
    // An Invalidate() that raced with this load may describe bytes newer than the ones read.
    e.next_check = epoch == epoch_ ? now + options_.revalidate_interval : Clock::time_point::min();
  }
  e.last_use = ++use_clock_;
  LookupResult result =
      e.file ? LookupResult{LookupStatus::kOk, e.file} : LookupResult{LookupStatus::kError};
  EvictLocked(relative_path);
  return result;
}

void FileCache::EvictLocked(std::string_view keep) {
  while (bytes_ > options_.max_bytes) {
    auto victim = entries_.end();
    std::uint64_t oldest = std::numeric_limits<std::uint64_t>::max();
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if (it->second.file && it->first != keep && it->second.last_use < oldest) {
        oldest = it->second.last_use;
        victim = it;
      }
    }
    if (victim == entries_.end()) return;
    bytes_ -= victim->second.file->memory_bytes();
    entries_.erase(victim);
  }
}

void FileCache::Invalidate(std::string_view relative_path) {
  std::lock_guard lock(mu_);
  ++epoch_;
  if (auto it = entries_.find(relative_path); it != entries_.end()) {
    it->second.next_check = Clock::time_point::min();
  }
}

void FileCache::InvalidateAll() {
  std::lock_guard lock(mu_);
  ++epoch_;
  for (auto& [path, entry] : entries_) entry.next_check = Clock::time_point::min();
}

std::size_t FileCache::bytes() const {
  std::lock_guard lock(mu_);
  return bytes_;
}

}  // namespace synd::http

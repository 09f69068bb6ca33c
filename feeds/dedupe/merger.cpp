// Merger: transactions, the file-level flow (ledger, undo by redo, counts) and the index rebuild.
// The per-article decisions and writes are in merge_decision.cpp.
#include "feeds/dedupe/merger.hpp"

#include <limits>

namespace synd {
const char* DecisionName(Decision decision) {
  switch (decision) {
    case Decision::kCreated:
      return "created";
    case Decision::kRevised:
      return "revised";
    case Decision::kRepeat:
      return "repeat";
  }
  return "created";
}

Result<std::unique_ptr<Merger>> Merger::Open(Store& store, MergeOptions options) {
  std::unique_ptr<Merger> merger(new Merger(store, std::move(options)));
  if (Status s = merger->Rebuild(); !s.ok()) return s;
  return merger;
}

Status Merger::Begin() {
  index_.Forget();
  applied_.clear();
  return store_.Begin();
}

Status Merger::Commit() {
  if (Status s = store_.Commit(); !s.ok()) return s;
  index_.Forget();
  applied_.clear();
  return Status::Ok();
}

Status Merger::Rollback() {
  index_.UndoTo(0);
  shingles_.Clear();
  applied_.clear();
  return store_.Rollback();
}

Status Merger::RedoTransaction() {
  index_.UndoTo(0);
  shingles_.Clear();  // it may hold sets of the stories just undone
  if (Status s = store_.Rollback(); !s.ok()) return s;
  if (Status s = store_.Begin(); !s.ok()) return s;
  // The same files on the same store give the same decisions, keys and events as the first time.
  for (const Applied& a : applied_) {
    if (a.file != nullptr) {
      Result<FileResult> again = ApplyArticles(*a.file, a.now);
      if (!again.ok()) return again.status().WithPrefix("redoing " + a.file->name);
    } else if (Status s = store_.PutFile(*a.failure); !s.ok()) {
      return s;
    }
  }
  return Status::Ok();
}

Result<FileResult> Merger::ApplyFile(const PreparedFile& file, TimePoint now) {
  Result<std::optional<FileRecord>> known = store_.FindFile(file.content_hash);
  if (!known.ok()) return known.status();
  // Content that failed before is taken now: this build parsed it (a newer parser, or a larger
  // limit), and its ledger row turns to done.
  if (*known && (*known)->outcome == FileOutcome::kDone) {
    return FileResult{true, std::move(**known), {}};
  }

  // No savepoint: SQLite would copy every page the file touches aside in case it is undone, for
  // every file, while failures are rare. A failure undoes the transaction and redoes the rest.
  Result<FileResult> result = ApplyArticles(file, now);
  if (result.ok()) {
    applied_.push_back(Applied{&file, now, std::nullopt});
    return result;
  }
  if (!store_.InTransaction() || !RedoTransaction().ok()) {
    (void)Rollback();  // SQLite gave up the whole transaction: memory follows it back to Begin
  }
  return result.status().WithPrefix(file.name);
}

Result<FileResult> Merger::ApplyArticles(const PreparedFile& file, TimePoint now) {
  FileResult result;
  result.record = FileRecord{file.content_hash,  file.name, file.reference_time,
                             FileOutcome::kDone, "",        FileCounts{}};
  FileCounts& counts = result.record.counts;
  for (const PreparedArticle& article : file.articles) {
    Result<ArticleDecision> d = ApplyOne(file, article, now);
    if (!d.ok()) {
      return d.status().WithPrefix("article " + std::to_string(article.article.source.index));
    }
    ++counts.articles;
    counts.created += d->decision == Decision::kCreated ? 1 : 0;
    counts.revised += d->decision == Decision::kRevised ? 1 : 0;
    counts.repeats += d->decision == Decision::kRepeat ? 1 : 0;
    result.decisions.push_back(std::move(*d));
  }
  if (Status s = store_.PutFile(result.record); !s.ok()) return s;
  return result;
}

Result<FileResult> Merger::RecordFailure(const std::string& content_hash, const std::string& name,
                                         TimePoint reference_time, const std::string& reason) {
  Result<std::optional<FileRecord>> known = store_.FindFile(content_hash);
  if (!known.ok()) return known.status();
  if (*known && (*known)->outcome == FileOutcome::kDone) {
    return FileResult{true, std::move(**known), {}};
  }
  // Failed again: the reason is this build's.
  FileResult result;
  result.record =
      FileRecord{content_hash, name, reference_time, FileOutcome::kFailed, reason, FileCounts{}};
  if (Status s = store_.PutFile(result.record); !s.ok()) return s;
  applied_.push_back(Applied{nullptr, {}, result.record});
  return result;
}

Status Merger::Rebuild() {
  index_.Clear();
  shingles_.Clear();
  Result<int64_t> stories = store_.CountStories();
  if (!stories.ok()) return stories.status();
  index_.Reserve(static_cast<std::size_t>(*stories), static_cast<std::size_t>(*stories), 0);
  index_.SetJournaling(false);
  bool out_of_range = false;
  auto story_of = [&](int64_t key) {
    if (key <= 0 || key > std::numeric_limits<IndexedStory>::max()) out_of_range = true;
    return static_cast<IndexedStory>(key);
  };
  IndexScanVisitor visitor;
  visitor.current_signature = [&](int64_t key, const std::vector<uint8_t>& bytes) {
    if (std::optional<MinHashSignature> sig = SignatureFromBytes(bytes)) {
      index_.AddBands(ComputeBandKeys(*sig), story_of(key));
    }
  };
  visitor.fingerprint = [&](int64_t key, std::string_view fp) {
    index_.AddFingerprint(fp, story_of(key));
  };
  visitor.identity = [&](int64_t key, std::string_view id) {
    index_.AddIdentity(id, story_of(key));
  };
  Status s = store_.ScanIndex(visitor);
  index_.SetJournaling(true);
  if (s.ok() && out_of_range) {
    s = Status::Error(ErrorCode::kCorrupt, "store holds a story key outside 1..2^32-1");
  }
  if (!s.ok()) index_.Clear();
  return s;
}

}  // namespace synd

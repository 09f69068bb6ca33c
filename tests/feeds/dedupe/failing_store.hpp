// Test support: a Store that forwards to a real one and fails one chosen kind of write after a
// number of successful calls, to test that a failure leaves nothing behind.
#pragma once

#include "feeds/store/store.hpp"

namespace synd::testing {

class FailingStore final : public Store {
 public:
  explicit FailingStore(Store& real) : real_(real) {}
  // The next `successes` AppendEvent calls succeed, the one after fails (once).
  void FailAppendEventAfter(int successes) { appends_left_ = successes; }

  Status Begin() override { return real_.Begin(); }
  Status Commit() override { return real_.Commit(); }
  Status Rollback() override { return real_.Rollback(); }
  Status Savepoint(std::string_view n) override { return real_.Savepoint(n); }
  Status ReleaseSavepoint(std::string_view n) override { return real_.ReleaseSavepoint(n); }
  Status RollbackToSavepoint(std::string_view n) override { return real_.RollbackToSavepoint(n); }
  bool InTransaction() const override { return real_.InTransaction(); }
  Result<std::optional<FileRecord>> FindFile(std::string_view h) override {
    return real_.FindFile(h);
  }
  Status PutFile(const FileRecord& f) override { return real_.PutFile(f); }
  Result<int64_t> InsertStory(const StoryHead& h) override { return real_.InsertStory(h); }
  Status UpdateStoryHead(const StoryHead& h) override { return real_.UpdateStoryHead(h); }
  Result<std::optional<StoryHead>> FindStoryHead(int64_t k) override {
    return real_.FindStoryHead(k);
  }
  Result<std::optional<int64_t>> InsertStoryUnlessSuffixTaken(const StoryHead& h) override {
    return real_.InsertStoryUnlessSuffixTaken(h);
  }
  Result<int64_t> InsertRevision(const RevisionRecord& r) override {
    return real_.InsertRevision(r);
  }
  Result<bool> StoryHasFingerprint(int64_t k, std::string_view f) override {
    return real_.StoryHasFingerprint(k, f);
  }
  Result<std::vector<uint8_t>> LoadSignature(int64_t k) override { return real_.LoadSignature(k); }
  Result<std::optional<int64_t>> FindIdentity(std::string_view k) override {
    return real_.FindIdentity(k);
  }
  Status PutIdentity(std::string_view k, int64_t s) override { return real_.PutIdentity(k, s); }
  Result<std::optional<Story>> LoadStory(int64_t k) override { return real_.LoadStory(k); }
  Result<std::optional<Story>> LoadStoryBySuffix(std::string_view s) override {
    return real_.LoadStoryBySuffix(s);
  }
  Status ForEachStoryNewestFirst(const std::function<bool(const Story&)>& v) override {
    return real_.ForEachStoryNewestFirst(v);
  }
  Status VisitStoriesNewestFirst(const std::function<bool(const Story&)>& w,
                                 const std::function<bool(const Story&)>& v) override {
    return real_.VisitStoriesNewestFirst(w, v);
  }
  Result<int64_t> CountStories() override { return real_.CountStories(); }
  Status ScanIndex(const IndexScanVisitor& v) override { return real_.ScanIndex(v); }
  Result<std::optional<std::string>> GetFeedId(std::string_view n) override {
    return real_.GetFeedId(n);
  }
  Status SetFeedId(std::string_view n, std::string_view id) override {
    return real_.SetFeedId(n, id);
  }
  Result<int64_t> AppendEvent(const Event& e) override {
    if (appends_left_ == 0) {
      appends_left_ = -1;
      return Status::Io("injected failure");
    }
    if (appends_left_ > 0) --appends_left_;
    return real_.AppendEvent(e);
  }
  Result<std::vector<Event>> EventsAfter(int64_t a, std::size_t l) override {
    return real_.EventsAfter(a, l);
  }
  Result<std::vector<Event>> EventsSince(TimePoint t, std::size_t l) override {
    return real_.EventsSince(t, l);
  }
  Result<std::optional<Event>> FindEvent(std::string_view id) override {
    return real_.FindEvent(id);
  }

 private:
  Store& real_;
  int appends_left_ = -1;  // -1: never fail
};

}  // namespace synd::testing

// Merger: one article's decision (DESIGN.md §7: exact fingerprint, identity key, near duplicate,
// else new) and its writes: story, revision, identity keys, index, event. Dates follow §6.
#include <algorithm>
#include <limits>

#include "feeds/dedupe/event_payload.hpp"
#include "feeds/dedupe/identity.hpp"
#include "feeds/dedupe/merger.hpp"
#include "feeds/dedupe/similarity.hpp"
#include "feeds/model/article_json.hpp"

namespace synd {
namespace {

// Candidates confirmed per article at most, strongest first: a text sharing bands with more
// stories than this is boilerplate-heavy, and the strongest candidates are the likely match.
constexpr std::size_t kMaxConfirmations = 16;

// published: the first version's stated date, else its updated date, else the reference time.
TimePoint FirstPublished(const Article& a, TimePoint reference) {
  if (a.published) return *a.published;
  if (a.updated) return *a.updated;
  return reference;
}

// A revision moves `updated` to the later of its stated date and its file's reference time, and
// at least one second past the previous value.
TimePoint RevisedUpdated(const Article& a, TimePoint reference, TimePoint previous) {
  TimePoint t = reference;
  const std::optional<TimePoint> stated = a.updated ? a.updated : a.published;
  if (stated && *stated > t) t = *stated;
  return std::max(t, previous + std::chrono::seconds(1));
}

Status KeyOutOfRange(int64_t key) {
  return Status::Error(ErrorCode::kInternal,
                       "story key " + std::to_string(key) + " exceeds the index's 32-bit range");
}

bool Indexable(int64_t key) { return key > 0 && key <= std::numeric_limits<IndexedStory>::max(); }

}  // namespace

Result<ArticleDecision> Merger::ApplyOne(const PreparedFile& file, const PreparedArticle& article,
                                         TimePoint now) {
  Result<std::optional<int64_t>> repeat = FindRepeat(article);
  if (!repeat.ok()) return repeat.status();
  if (*repeat) {
    // A repeat changes nothing, but may teach the story a new name (a URL it was not seen with).
    if (Status s = RecordIdentities(article, **repeat); !s.ok()) return s;
    Result<std::optional<StoryHead>> head = store_.FindStoryHead(**repeat);
    if (!head.ok()) return head.status();
    return ArticleDecision{Decision::kRepeat, **repeat, *head ? (*head)->id : ""};
  }
  Result<std::optional<int64_t>> same = FindByIdentity(article);
  if (!same.ok()) return same.status();
  if (!*same) same = FindNearDuplicate(article);
  if (!same.ok()) return same.status();
  if (*same) return ReviseStory(**same, file, article, now);
  return CreateStory(file, article, now);
}

Result<std::optional<int64_t>> Merger::FindRepeat(const PreparedArticle& p) {
  for (const IndexedStory story : index_.FingerprintHits(p.article.fingerprint)) {
    Result<bool> has = store_.StoryHasFingerprint(story, p.article.fingerprint);
    if (!has.ok()) return has.status();
    if (*has) return std::optional<int64_t>(story);
  }
  return std::optional<int64_t>();
}

Result<std::optional<int64_t>> Merger::FindByIdentity(const PreparedArticle& p) {
  for (const std::string& key : p.identity_keys) {
    if (index_.IdentityHits(key).empty()) continue;
    Result<std::optional<int64_t>> story = store_.FindIdentity(key);
    if (!story.ok() || *story) return story;
  }
  return std::optional<int64_t>();
}

Result<std::optional<int64_t>> Merger::FindNearDuplicate(const PreparedArticle& p) {
  std::optional<int64_t> best;
  if (!p.sketch.signature) return best;
  std::vector<LshCandidate> candidates = index_.Candidates(p.sketch.bands);
  if (candidates.size() > kMaxConfirmations) candidates.resize(kMaxConfirmations);
  Similarity best_similarity;
  for (const LshCandidate& c : candidates) {
    std::vector<uint32_t> loaded;
    Result<const std::vector<uint32_t>*> set = CandidateShingles(c.story, loaded);
    if (!set.ok()) return set.status();
    const Similarity s = CompareShingleSets(p.sketch.shingles, **set);
    if (*set == &loaded) shingles_.Put(c.story, std::move(loaded));
    if (s.jaccard < options_.jaccard && s.containment < options_.containment) continue;
    // Ties keep the earlier candidate: more shared bands, then the older story.
    if (!best || s.jaccard > best_similarity.jaccard) {
      best = c.story;
      best_similarity = s;
    }
  }
  return best;
}

Result<const std::vector<uint32_t>*> Merger::CandidateShingles(int64_t story_key,
                                                               std::vector<uint32_t>& loaded) {
  if (const std::vector<uint32_t>* cached = shingles_.Find(story_key)) return cached;
  // Not written lately: recompute from the stored article. Storing every article's set would
  // cost every write, while only candidates need one.
  Result<std::optional<Story>> story = store_.LoadStory(story_key);
  if (!story.ok()) return story.status();
  if (!*story) {
    return Status::Error(ErrorCode::kCorrupt,
                         "story " + std::to_string(story_key) + " is indexed but not in the store");
  }
  loaded = ArticleShingleSet((*story)->article);
  return &loaded;
}

Result<ArticleDecision> Merger::CreateStory(const PreparedFile& file, const PreparedArticle& p,
                                            TimePoint now) {
  const Article& a = p.article;
  StoryHead head;
  head.published = FirstPublished(a, file.reference_time);
  head.updated = a.updated && *a.updated > head.published ? *a.updated : head.published;
  head.first_seen = file.reference_time;
  head.revision = 1;
  // Each candidate suffix is claimed by inserting the story with it: one statement per new
  // story, where a look-up and then the insert took two.
  std::optional<int64_t> key;
  Result<std::string> suffix = MintSuffix(a.fingerprint, [&](std::string_view s) -> Result<bool> {
    head.suffix = std::string(s);
    head.id = StoryTagId(options_.site.id_authority, head.published, head.suffix);
    Result<std::optional<int64_t>> inserted = store_.InsertStoryUnlessSuffixTaken(head);
    if (!inserted.ok()) return inserted.status();
    key = *inserted;
    return key.has_value();
  });
  if (!suffix.ok()) return suffix.status();
  if (!Indexable(*key)) return KeyOutOfRange(*key);
  head.key = *key;
  if (Status s = WriteRevision(head, file, p); !s.ok()) return s;
  shingles_.Put(head.key, p.sketch.shingles);
  index_.AddFingerprint(a.fingerprint, static_cast<IndexedStory>(head.key));
  if (p.sketch.signature) index_.AddBands(p.sketch.bands, static_cast<IndexedStory>(head.key));
  if (Status s = RecordIdentities(p, head.key); !s.ok()) return s;
  if (Status s = AppendEvent(EventType::kCreated, head, p, now); !s.ok()) return s;
  return ArticleDecision{Decision::kCreated, head.key, head.id};
}

Result<ArticleDecision> Merger::ReviseStory(int64_t story_key, const PreparedFile& file,
                                            const PreparedArticle& p, TimePoint now) {
  if (!Indexable(story_key)) return KeyOutOfRange(story_key);
  Result<std::optional<StoryHead>> found = store_.FindStoryHead(story_key);
  if (!found.ok()) return found.status();
  if (!*found) {
    return Status::Error(ErrorCode::kCorrupt,
                         "story " + std::to_string(story_key) + " is indexed but not in the store");
  }
  Result<std::vector<uint8_t>> old_signature = store_.LoadSignature(story_key);
  if (!old_signature.ok()) return old_signature.status();
  StoryHead head = std::move(**found);
  head.revision += 1;
  head.updated = RevisedUpdated(p.article, file.reference_time, head.updated);
  if (Status s = WriteRevision(head, file, p); !s.ok()) return s;
  if (Status s = store_.UpdateStoryHead(head); !s.ok()) return s;
  shingles_.Put(story_key, p.sketch.shingles);
  const auto story = static_cast<IndexedStory>(story_key);
  index_.AddFingerprint(p.article.fingerprint, story);
  if (std::optional<MinHashSignature> old = SignatureFromBytes(*old_signature)) {
    index_.RemoveBands(ComputeBandKeys(*old), story);
  }
  if (p.sketch.signature) index_.AddBands(p.sketch.bands, story);
  if (Status s = RecordIdentities(p, story_key); !s.ok()) return s;
  if (Status s = AppendEvent(EventType::kUpdated, head, p, now); !s.ok()) return s;
  return ArticleDecision{Decision::kRevised, head.key, head.id};
}

Status Merger::WriteRevision(const StoryHead& head, const PreparedFile& file,
                             const PreparedArticle& p) {
  RevisionRecord r;
  r.story_key = head.key;
  r.revision = head.revision;
  r.fingerprint = p.article.fingerprint;
  r.article_json = p.article_json.empty() ? SerializeArticle(p.article) : p.article_json;
  if (p.sketch.signature) r.signature = SignatureBytes(*p.sketch.signature);
  r.file_hash = file.content_hash;
  r.seen = file.reference_time;
  Result<int64_t> key = store_.InsertRevision(r);
  return key.ok() ? Status::Ok() : key.status();
}

Status Merger::RecordIdentities(const PreparedArticle& p, int64_t story_key) {
  for (const std::string& key : p.identity_keys) {
    if (!index_.IdentityHits(key).empty()) {
      Result<std::optional<int64_t>> existing = store_.FindIdentity(key);
      if (!existing.ok()) return existing.status();
      if (*existing) continue;  // a name keeps naming the story it named first
    }
    if (Status s = store_.PutIdentity(key, story_key); !s.ok()) return s;
    index_.AddIdentity(key, static_cast<IndexedStory>(story_key));
  }
  return Status::Ok();
}

Status Merger::AppendEvent(EventType type, const StoryHead& head, const PreparedArticle& p,
                           TimePoint now) {
  const Article& article = p.article;
  Event e;
  e.id = EventId(head.suffix, head.revision);
  e.type = type;
  e.story_key = head.key;
  e.revision = head.revision;
  e.time = now;
  const std::vector<std::string> feeds =
      p.feeds ? *p.feeds
              : (options_.feeds_of ? options_.feeds_of(article) : std::vector<std::string>{});
  // The store keeps the envelope and takes the article's fields from the revision just written
  // when the body is read: the same bytes as EventPayload, without a second copy of the article.
  EventEnvelope envelope = MakeEventEnvelope(type, now, head, article, options_.site, feeds);
  e.payload = std::move(envelope.text);
  e.article_at = envelope.article_at;
  Result<int64_t> seq = store_.AppendEvent(e);
  return seq.ok() ? Status::Ok() : seq.status();
}

}  // namespace synd

// SqliteStore: reads for the renderer and the HTTP server, the index scan, feed ids and the
// outbox.
#include "feeds/model/article_json.hpp"
#include "feeds/store/sqlite_schema.hpp"
#include "feeds/store/sqlite_store.hpp"
#include "feeds/store/sqlite_time.hpp"
#include "feeds/webhook/event_body.hpp"

namespace synd {
namespace {

#define SYND_STORY_COLUMNS                                                                    \
  "SELECT s.key, s.id, s.suffix, s.first_seen, s.published, s.updated, s.revision, r.article" \
  " FROM stories s JOIN revisions r ON r.story = s.key AND r.revision = s.revision"

template <typename OnRow>
Status ForEachRow(Query& q, OnRow&& on_row) {
  for (;;) {
    Result<bool> row = q.Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    on_row(q);
  }
}

// Everything but the article.
void StoryHeadFromRow(const Query& q, Story& story) {
  story.key = q.Int(0);
  story.id = std::string(q.Text(1));
  story.suffix = std::string(q.Text(2));
  story.first_seen = FromUnixSeconds(q.Int(3));
  story.published = FromUnixSeconds(q.Int(4));
  story.updated = FromUnixSeconds(q.Int(5));
  story.revision = static_cast<int>(q.Int(6));
}

// The article JSON in column `column`, parsed.
Status ArticleFromRow(const Query& q, int column, const SqliteDb& db, Story& story) {
  Result<Article> article = ParseArticle(q.Text(column));
  if (!article.ok()) {
    return article.status().WithPrefix("store " + db.file().string() + ": story " + story.id);
  }
  story.article = std::move(*article);
  return Status::Ok();
}

Result<Story> StoryFromRow(const Query& q, const SqliteDb& db) {
  Story story;
  StoryHeadFromRow(q, story);
  if (Status s = ArticleFromRow(q, 7, db, story); !s.ok()) return s;
  return story;
}

// An event and its stored body (kEventBodyColumns), then `where`. Kept in a static by each
// caller: the database caches prepared statements by the SQL text's address.
std::string EventQuery(std::string_view where) {
  return std::string("SELECT e.seq, e.id, e.type, e.story, e.revision, e.time, ") +
         kEventBodyColumns + " FROM events e " + std::string(where);
}

}  // namespace

Result<std::optional<Story>> SqliteStore::LoadOneStory(Query& q) {
  Result<bool> row = q.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<Story>();
  Result<Story> story = StoryFromRow(q, *db_);
  if (!story.ok()) return story.status();
  return std::optional<Story>(std::move(*story));
}

Result<std::optional<Story>> SqliteStore::LoadStory(int64_t story_key) {
  Result<Query> q = db_->Prepare(SYND_STORY_COLUMNS " WHERE s.key = ?1");
  if (!q.ok()) return q.status();
  q->Bind(1, story_key);
  return LoadOneStory(*q);
}

Result<std::optional<Story>> SqliteStore::LoadStoryBySuffix(std::string_view suffix) {
  Result<Query> q = db_->Prepare(SYND_STORY_COLUMNS " WHERE s.suffix = ?1");
  if (!q.ok()) return q.status();
  q->Bind(1, suffix);
  return LoadOneStory(*q);
}

Status SqliteStore::ForEachStoryNewestFirst(const std::function<bool(const Story&)>& visit) {
  Result<Query> q =
      db_->Prepare(SYND_STORY_COLUMNS " ORDER BY s.updated DESC, s.published DESC, s.id");
  if (!q.ok()) return q.status();
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    Result<Story> story = StoryFromRow(*q, *db_);
    if (!story.ok()) return story.status();
    if (!visit(*story)) return Status::Ok();
  }
}

// The stories alone, by the newest-first index; a revision's row (and its article) is read
// only for the stories whose article is wanted.
Status SqliteStore::VisitStoriesNewestFirst(const std::function<bool(const Story&)>& wants_article,
                                            const std::function<bool(const Story&)>& visit) {
  Result<Query> heads = db_->Prepare(
      "SELECT s.key, s.id, s.suffix, s.first_seen, s.published, s.updated, s.revision"
      " FROM stories s ORDER BY s.updated DESC, s.published DESC, s.id");
  if (!heads.ok()) return heads.status();
  for (;;) {
    Result<bool> row = heads->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    Story story;
    StoryHeadFromRow(*heads, story);
    if (wants_article(story)) {
      Result<Query> article =
          db_->Prepare("SELECT article FROM revisions WHERE story = ?1 AND revision = ?2");
      if (!article.ok()) return article.status();
      article->Bind(1, story.key).Bind(2, int64_t{story.revision});
      Result<bool> found = article->Step();
      if (!found.ok()) return found.status();
      if (!*found) {
        return Status::Error(ErrorCode::kCorrupt, "store " + db_->file().string() + ": story " +
                                                      story.id + " has no revision " +
                                                      std::to_string(story.revision));
      }
      if (Status s = ArticleFromRow(*article, 0, *db_, story); !s.ok()) return s;
    }
    if (!visit(story)) return Status::Ok();
  }
}

Result<int64_t> SqliteStore::CountStories() {
  return db_->QueryInt("SELECT count(*) FROM stories");
}

Status SqliteStore::ScanIndex(const IndexScanVisitor& visitor) {
  Result<Query> sigs = db_->Prepare(
      "SELECT s.key, r.signature FROM stories s"
      " JOIN revisions r ON r.story = s.key AND r.revision = s.revision");
  if (!sigs.ok()) return sigs.status();
  Status s = ForEachRow(*sigs, [&](Query& q) { visitor.current_signature(q.Int(0), q.Blob(1)); });
  if (!s.ok()) return s;
  Result<Query> fps = db_->Prepare("SELECT story, fingerprint FROM revisions");
  if (!fps.ok()) return fps.status();
  s = ForEachRow(*fps, [&](Query& q) { visitor.fingerprint(q.Int(0), q.Text(1)); });
  if (!s.ok()) return s;
  Result<Query> ids = db_->Prepare("SELECT story, key FROM identity_keys");
  if (!ids.ok()) return ids.status();
  return ForEachRow(*ids, [&](Query& q) { visitor.identity(q.Int(0), q.Text(1)); });
}

Result<std::optional<std::string>> SqliteStore::GetFeedId(std::string_view feed_name) {
  Result<Query> q = db_->Prepare("SELECT id FROM feed_ids WHERE name = ?1");
  if (!q.ok()) return q.status();
  q->Bind(1, feed_name);
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(std::string(q->Text(0)));
}

Status SqliteStore::SetFeedId(std::string_view feed_name, std::string_view feed_id) {
  Result<Query> q = db_->Prepare("INSERT OR REPLACE INTO feed_ids (name, id) VALUES (?1, ?2)");
  if (!q.ok()) return q.status();
  q->Bind(1, feed_name).Bind(2, feed_id);
  return q->Run();
}

Result<int64_t> SqliteStore::AppendEvent(const Event& e) {
  Result<Query> q = db_->Prepare(
      "INSERT INTO events (id, type, story, revision, time, payload, article_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!q.ok()) return q.status();
  q->Bind(1, e.id).Bind(2, std::string_view(EventTypeName(e.type))).Bind(3, e.story_key);
  q->Bind(4, e.revision).Bind(5, UnixSeconds(e.time)).Bind(6, e.payload);
  if (e.article_at) {
    q->Bind(7, static_cast<int64_t>(*e.article_at));
  } else {
    q->BindNull(7);
  }
  if (Status s = q->Run(); !s.ok()) return s;
  return db_->LastInsertRowId();
}

Result<std::vector<Event>> SqliteStore::ReadEvents(Query& q) {
  std::vector<Event> events;
  for (;;) {
    Result<bool> row = q.Step();
    if (!row.ok()) return row.status();
    if (!*row) return events;
    Event e;
    e.seq = q.Int(0);
    e.id = std::string(q.Text(1));
    e.type =
        q.Text(2) == EventTypeName(EventType::kUpdated) ? EventType::kUpdated : EventType::kCreated;
    e.story_key = q.Int(3);
    e.revision = static_cast<int>(q.Int(4));
    e.time = FromUnixSeconds(q.Int(5));
    Result<std::string> body = StoredEventBody(
        std::string(q.Text(6)), q.IsNull(7) ? std::nullopt : std::optional<int64_t>(q.Int(7)),
        q.IsNull(8) ? std::nullopt : std::optional<std::string_view>(q.Text(8)));
    if (!body.ok()) return body.status().WithPrefix("store " + db_->file().string());
    e.payload = std::move(*body);
    events.push_back(std::move(e));
  }
}

Result<std::vector<Event>> SqliteStore::EventsAfter(int64_t after_seq, std::size_t limit) {
  static const std::string sql = EventQuery("WHERE e.seq > ?1 ORDER BY e.seq LIMIT ?2");
  Result<Query> q = db_->Prepare(sql.c_str());
  if (!q.ok()) return q.status();
  q->Bind(1, after_seq).Bind(2, static_cast<int64_t>(limit));
  return ReadEvents(*q);
}

Result<std::vector<Event>> SqliteStore::EventsSince(TimePoint since, std::size_t limit) {
  static const std::string sql = EventQuery("WHERE e.time >= ?1 ORDER BY e.seq LIMIT ?2");
  Result<Query> q = db_->Prepare(sql.c_str());
  if (!q.ok()) return q.status();
  q->Bind(1, UnixSeconds(since)).Bind(2, static_cast<int64_t>(limit));
  return ReadEvents(*q);
}

Result<std::optional<Event>> SqliteStore::FindEvent(std::string_view event_id) {
  static const std::string sql = EventQuery("WHERE e.id = ?1");
  Result<Query> q = db_->Prepare(sql.c_str());
  if (!q.ok()) return q.status();
  q->Bind(1, event_id);
  Result<std::vector<Event>> events = ReadEvents(*q);
  if (!events.ok()) return events.status();
  if (events->empty()) return std::optional<Event>();
  return std::optional<Event>(std::move(events->front()));
}

#undef SYND_STORY_COLUMNS

}  // namespace synd

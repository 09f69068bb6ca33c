#include "daemon/ingest_file.hpp"

#include "feeds/ingest/ingest.hpp"
#include "feeds/render/feed_filter.hpp"
#include "feeds/store/content_hash.hpp"

namespace synd {
namespace {

IngestOutcome Failed(const PreparedInput& input, std::string reason) {
  IngestOutcome out;
  out.name = input.entry.name;
  out.format = input.format;
  out.outcome = FileOutcome::kFailed;
  out.reason = std::move(reason);
  return out;
}

IngestOutcome FromResult(const PreparedInput& input, FileResult result) {
  IngestOutcome out;
  out.name = input.entry.name;
  out.format = input.format;
  out.outcome = result.record.outcome;
  out.reason = result.record.reason;
  // A known file added nothing now; its record's counts belong to the earlier ingest.
  if (!result.already_ingested) out.counts = result.record.counts;
  out.already_ingested = result.already_ingested;
  out.decisions = std::move(result.decisions);
  out.read_version = input.version;
  return out;
}

std::size_t TextBytes(const Article& a) {
  std::size_t n = a.title.size();
  for (const std::string& bullet : a.summary) n += bullet.size();
  for (const Block& block : a.body) n += block.text.size();
  return n;
}

// Why the dump cannot be ingested as it is, or "" when every article fits.
std::string OversizeArticle(const ParsedDump& dump) {
  for (std::size_t i = 0; i < dump.articles.size(); ++i) {
    const std::size_t bytes = TextBytes(dump.articles[i]);
    if (bytes <= kMaxArticleTextBytes) continue;
    return "article " + std::to_string(i) + " has " + std::to_string(bytes >> 20) +
           " MiB of text; articles over " + std::to_string(kMaxArticleTextBytes >> 20) +
           " MiB are not ingested";
  }
  return "";
}

}  // namespace

MergeOptions MergeOptionsFor(const Config& config) {
  MergeOptions options;
  options.jaccard = config.dedupe.jaccard;
  options.containment = config.dedupe.containment;
  options.site = config.site;
  auto matcher = std::make_shared<const FeedMatcher>(config.feeds, config.site);
  options.feeds_of = [matcher](const Article& article) { return matcher->FeedsOf(article); };
  return options;
}

Status CreateFolders(const PathsConfig& paths) {
  for (const auto* dir : {&paths.inbox, &paths.done, &paths.failed, &paths.output, &paths.state}) {
    if (Status s = EnsureDirectory(*dir); !s.ok()) return s;
  }
  return Status::Ok();
}

PreparedInput PrepareInboxFile(const std::filesystem::path& inbox, const InboxEntry& entry,
                               const FeedNamesOf& feeds_of) {
  PreparedInput input;
  input.entry = entry;
  if (entry.kind == EntryKind::kSymlink) {
    input.failure = "is a symbolic link; not followed";
    return input;
  }
  Result<FileBytes> read = ReadDumpFile(inbox / entry.name);
  if (!read.ok()) {
    input.failure = read.status().message();
    return input;
  }
  input.bytes = read->bytes.size();
  input.content_hash = ContentHash(read->bytes);
  input.reference_time = read->modified;
  input.version = read->version;
  Result<ParsedDump> parsed = ParseDump(DumpInput{read->bytes, entry.name, read->modified});
  if (!parsed.ok()) {
    input.failure = parsed.status().message();
    return input;
  }
  input.format = parsed->format;
  if (std::string why = OversizeArticle(*parsed); !why.empty()) {
    input.failure = std::move(why);
    return input;
  }
  PreparedFile file{input.content_hash, entry.name, read->modified, {}};
  file.articles.reserve(parsed->articles.size());
  for (std::size_t i = 0; i < parsed->articles.size(); ++i) {
    file.articles.push_back(
        PrepareArticle(std::move(parsed->articles[i]), parsed->fingerprint_texts[i]));
    if (feeds_of) file.articles.back().feeds = feeds_of(file.articles.back().article);
  }
  input.file = std::move(file);
  return input;
}

Result<IngestOutcome> ApplyPrepared(Merger& merger, const PreparedInput& input, TimePoint now) {
  if (input.content_hash.empty()) return Failed(input, input.failure);  // nothing to record
  if (!input.file) {
    Result<FileResult> r = merger.RecordFailure(input.content_hash, input.entry.name,
                                                input.reference_time, input.failure);
    if (!r.ok()) return r.status();
    return FromResult(input, std::move(*r));
  }
  Result<FileResult> r = merger.ApplyFile(*input.file, now);
  if (r.ok()) return FromResult(input, std::move(*r));
  if (!merger.InTransaction()) return r.status();
  // The merge failed for this file alone (its changes are undone): remember it as failed, so
  // that the same bytes are not retried forever.
  Result<FileResult> failed = merger.RecordFailure(input.content_hash, input.entry.name,
                                                   input.reference_time, r.status().message());
  if (!failed.ok()) return failed.status();
  return FromResult(input, std::move(*failed));
}

Status UnchangedSinceRead(const std::filesystem::path& inbox, const IngestOutcome& outcome) {
  if (!outcome.read_version) return Status::Ok();
  Result<FileVersion> now = CurrentVersion((inbox / outcome.name).string());
  if (!now.ok()) {
    return Status::Io(outcome.name + ": gone since it was read: " + now.status().message());
  }
  if (*now == *outcome.read_version) return Status::Ok();
  return Status::Io(
      outcome.name +
      ": replaced or rewritten since it was read; left in the inbox to be read again");
}

namespace {

// A copy to another file system has its own device and inode, but keeps the size and mtime.
bool SameVersion(const FileVersion& moved, const FileVersion& read) {
  if (moved.device == read.device) return moved == read;
  return moved.size == read.size && moved.modified_ns == read.modified_ns;
}

}  // namespace

Status PutBackIfReplaced(const PathsConfig& paths, const IngestOutcome& outcome,
                         const std::string& moved_to) {
  if (!outcome.read_version) return Status::Ok();
  const bool failed = outcome.outcome == FileOutcome::kFailed;
  const std::filesystem::path& dir = failed ? paths.failed : paths.done;
  Result<FileVersion> now = CurrentVersion((dir / moved_to).string());
  if (!now.ok() || SameVersion(*now, *outcome.read_version)) return Status::Ok();
  if (failed) {
    std::error_code ignored;  // the reason belongs to the version read, which is gone
    std::filesystem::remove(dir / (moved_to + ".error"), ignored);
  }
  Result<std::string> back = MoveWithoutOverwrite(dir, moved_to, paths.inbox, std::nullopt);
  if (!back.ok()) {
    return Status::Io(outcome.name + ": replaced while being moved, and not put back (" +
                      back.status().message() + "); ingest " + (dir / moved_to).string() +
                      " again");
  }
  return Status::Io(outcome.name + ": replaced while being moved; put back in the inbox as " +
                    *back + " to be read");
}

Result<std::string> FinishInboxFile(const PathsConfig& paths, const IngestOutcome& outcome) {
  if (outcome.outcome == FileOutcome::kDone) {
    return MoveWithoutOverwrite(paths.inbox, outcome.name, paths.done, std::nullopt);
  }
  return MoveWithoutOverwrite(paths.inbox, outcome.name, paths.failed, outcome.reason + "\n");
}

}  // namespace synd

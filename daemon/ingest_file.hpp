// Ingest of one inbox file (DESIGN.md §1), in three steps so that the CPU work can run on worker
// threads while the store is written on one thread: PrepareInboxFile (read without following
// links, hash, parse, sketch), ApplyPrepared (ledger check and merge inside the caller's write
// transaction), FinishInboxFile (move to done/ or failed/ with FILE.error, after the commit).
// Daemon shell; used by `syndicated once` and by the daemon. Logs nothing: callers report.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "daemon/cli/parse_command.hpp"
#include "daemon/inbox.hpp"
#include "feeds/dedupe/merger.hpp"

namespace synd {

struct PreparedInput {
  InboxEntry entry;
  std::string format;  // the detected input format; empty when not parsed
  // Set when the bytes could be read: the ledger key and the file's modification time.
  std::string content_hash;
  TimePoint reference_time{};
  FileVersion version;               // the version read (set with content_hash)
  std::optional<PreparedFile> file;  // set when parsing succeeded
  std::string failure;               // why it cannot be ingested; empty when `file` is set
  std::size_t bytes = 0;
};

// Names of the feeds an article belongs to (the renderer's FeedMatcher). Must be callable from
// several threads at once.
using FeedNamesOf = std::function<std::vector<std::string>(const Article&)>;

// An article with more text than this fails its file: feeds carry every item's full text, and
// one such article would make every feed holding it that large for every reader.
inline constexpr std::size_t kMaxArticleTextBytes = std::size_t{4} << 20;

// The merge options a config asks for: dedupe thresholds, the site, and feed selection by the
// renderer's FeedMatcher (safe to call from the worker threads).
MergeOptions MergeOptionsFor(const Config& config);

// Creates the inbox, done, failed, output and state folders that are missing.
Status CreateFolders(const PathsConfig& paths);

// Thread-safe; touches only the one file (read-only). With `feeds_of`, each prepared article
// also carries its feed names (data.feeds of its event), computed here, off the writer thread.
PreparedInput PrepareInboxFile(const std::filesystem::path& inbox, const InboxEntry& entry,
                               const FeedNamesOf& feeds_of = nullptr);

struct IngestOutcome {
  std::string name;  // its name in the inbox
  std::string format;
  FileOutcome outcome = FileOutcome::kDone;
  std::string reason;  // why it failed
  FileCounts counts;
  bool already_ingested = false;  // the ledger knew its content: only moved
  std::vector<ArticleDecision> decisions;
  // The version whose bytes this outcome is about; unset when none was read (a symlink, a file
  // that could not be read), which moves whatever the name holds.
  std::optional<FileVersion> read_version;
};

// REQUIRES: merger.InTransaction(), and `input` stays alive and unchanged until that transaction
// ends (a later file's failure makes the merger redo it; Merger::ApplyFile). Records the file in
// the ledger with its stories and events (or, for a file that failed to parse, its failure), unless
// its content is known. A file that fails inside the merge is undone alone and recorded as failed.
// Returns an error only when the store lost the whole transaction: then the caller must Rollback
// and move no file of it.
Result<IngestOutcome> ApplyPrepared(Merger& merger, const PreparedInput& input, TimePoint now);

// Ok when the inbox name still holds the version the outcome was read from (or none was read).
// Otherwise the name was replaced, rewritten or removed after the read: its bytes now were not
// ingested, so it must not be moved; the error says so and names the file.
Status UnchangedSinceRead(const std::filesystem::path& inbox, const IngestOutcome& outcome);

// After FinishInboxFile moved the file as `moved_to`: a version that replaced the one read
// between UnchangedSinceRead and the move was moved unread, so it goes back into the inbox (its
// new name in the error, which says so). Ok when the moved file is the version read.
Status PutBackIfReplaced(const PathsConfig& paths, const IngestOutcome& outcome,
                         const std::string& moved_to);

// Moves the file to done/ or failed/ (with FILE.error) by its outcome, never overwriting, and
// returns its new name. The caller syncs both folders once per batch (SyncDirectory).
Result<std::string> FinishInboxFile(const PathsConfig& paths, const IngestOutcome& outcome);

}  // namespace synd

#include "daemon/cli/once_command.hpp"

#include <CLI/CLI.hpp>
#include <chrono>
#include <fstream>
#include <iostream>
#include <thread>

#include "config/load.hpp"
#include "daemon/cli/commands.hpp"
#include "daemon/ingest_batch.hpp"
#include "daemon/publisher.hpp"
#include "daemon/state_lock.hpp"
#include "daemon/wal_checkpointer.hpp"
#include "daemon/webhook/deliver_once.hpp"
#include "feeds/store/sqlite_delivery_queue.hpp"
#include "feeds/store/sqlite_store.hpp"

namespace synd {
namespace {

struct Tally {
  int files = 0, failed = 0, articles = 0, created = 0, revised = 0, repeats = 0;
};

// "1 article", "2 articles".
std::string Count(long long n, std::string_view noun) {
  return std::to_string(n) + " " + std::string(noun) + (n == 1 ? "" : "s");
}

TimePoint WallClock() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

void PrintFile(const IngestReport& r, std::ostream& out, std::ostream& err) {
  const IngestOutcome& o = r.outcome;
  std::ostream& to = o.outcome == FileOutcome::kFailed || !r.move_status.ok() ? err : out;
  to << o.name << ": ";
  if (o.already_ingested) {
    to << "already ingested (" << FileOutcomeName(o.outcome) << ")";
  } else if (o.outcome == FileOutcome::kFailed) {
    to << "failed: " << o.reason;
  } else {
    to << o.format << ", " << Count(o.counts.articles, "article") << ", " << o.counts.created
       << " new, " << o.counts.revised << " revised, " << Count(o.counts.repeats, "repeat");
  }
  if (!r.move_status.ok()) to << "; not moved: " << r.move_status.message();
  to << "\n";
}

void WriteDecisions(const IngestOutcome& o, std::ostream& decisions) {
  for (std::size_t i = 0; i < o.decisions.size(); ++i) {
    decisions << o.name << '\t' << i << '\t' << DecisionName(o.decisions[i].decision) << '\t'
              << o.decisions[i].story_id << '\n';
  }
}

void PrintSummary(const Tally& t, Store& store, const Merger& merger, std::ostream& out) {
  Result<int64_t> stories = store.CountStories();
  const int64_t n = stories.ok() ? *stories : 0;
  out << "once: " << Count(t.files, "file") << " (" << t.files - t.failed << " done, " << t.failed
      << " failed), " << Count(t.articles, "article") << " (" << t.created << " new, " << t.revised
      << " revised, " << Count(t.repeats, "repeat") << "), " << n
      << (n == 1 ? " story" : " stories") << ", index " << merger.IndexBytes() << " bytes ("
      << (n > 0 ? merger.IndexBytes() / n : 0) << " bytes/story)\n";
}

// A file a producer still has open for writing holds only part of what it will: ingesting it
// now would move the rest to done/ unread. It stays in the inbox for the next run.
void LeaveFilesBeingWritten(const std::filesystem::path& inbox, std::vector<InboxEntry>& entries,
                            std::ostream& err) {
  std::erase_if(entries, [&](const InboxEntry& e) {
    if (e.kind != EntryKind::kRegular || OpenWriters(inbox / e.name) != Writers::kSome) {
      return false;
    }
    err << e.name << ": still open for writing; left in the inbox for the next run\n";
    return true;
  });
}

// Renders every feed from what the store holds now (also after a partial ingest: what was
// committed is published).
bool Render(const Config& config, Store& store, std::ostream& out, std::ostream& err) {
  FeedPublisher publisher(store);
  publisher.Configure(config.site, config.feeds, config.paths.output);
  Result<WriteReport> report = publisher.Publish();
  if (!report.ok()) {
    err << "error: rendering feeds into " << config.paths.output.string() << ": "
        << report.status().message() << "\n";
    return false;
  }
  out << "feeds: " << report->written.size() << " files written, " << report->unchanged
      << " unchanged, in " << config.paths.output.string() << "\n";
  return true;
}

// One attempt for each due delivery; failures stay queued for the daemon, so only a store error
// makes this fail.
bool DeliverDue(DeliveryQueue& queue, const Config& config, std::ostream& out, std::ostream& err) {
  if (config.webhooks.empty()) return true;
  Result<OnceReport> r = DeliverDueOnce(queue, config.webhooks);
  if (!r.ok()) return err << "error: webhooks: " << r.status().message() << "\n", false;
  out << "once: webhooks: " << r->attempted << " attempted, " << r->delivered << " delivered, "
      << r->retrying + r->failed << " not delivered (" << r->retrying << " queued for a retry, "
      << r->failed << " failed for good)";
  if (r->disabled_webhooks > 0) out << ", " << r->disabled_webhooks << " webhooks disabled";
  out << "\n";
  return true;
}

int Ingest(const Config& config, const OnceOptions& options, std::ostream& out, std::ostream& err) {
  const std::filesystem::path file = config.paths.state / SqliteStore::kFileName;
  // The checkpointer thread copies the WAL into the file; the writer only does so itself when
  // the WAL reaches 256 MiB (16,384 pages of 16 KiB), i.e. when the checkpointer falls behind.
  SqliteStoreOptions store_options;
  store_options.wal_autocheckpoint_pages = 16384;
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(file, store_options);
  if (!store.ok()) return err << "error: " << store.status().message() << "\n", kExitFailure;
  Result<std::unique_ptr<WalCheckpointer>> checkpointer =
      WalCheckpointer::Start(file, std::chrono::milliseconds(20));
  if (!checkpointer.ok()) {
    return err << "error: " << checkpointer.status().message() << "\n", kExitFailure;
  }
  const MergeOptions merge_options = MergeOptionsFor(config);
  Result<std::unique_ptr<Merger>> merger = Merger::Open(**store, merge_options);
  if (!merger.ok()) return err << "error: " << merger.status().message() << "\n", kExitFailure;
  Result<std::unique_ptr<SqliteDeliveryQueue>> queue = SqliteDeliveryQueue::OpenOn(**store);
  if (!queue.ok()) return err << "error: " << queue.status().message() << "\n", kExitFailure;
  // Before ingest: a webhook new to this store receives the events of this run.
  if (Status s = DeclareWebhooks(**queue, config.webhooks); !s.ok()) {
    err << "error: webhooks: " << s.message() << "\n";
    return s.code() == ErrorCode::kInvalidInput ? kExitConfig : kExitFailure;
  }
  Result<std::vector<InboxEntry>> entries = ListInbox(config.paths.inbox);
  if (!entries.ok()) return err << "error: " << entries.status().message() << "\n", kExitFailure;
  LeaveFilesBeingWritten(config.paths.inbox, *entries, err);
  std::ofstream decisions;
  if (options.decisions) decisions.open(*options.decisions, std::ios::trunc);
  IngestOptions ingest;
  ingest.threads = std::max(1u, std::thread::hardware_concurrency());
  ingest.now = WallClock;
  ingest.feeds_of = merge_options.feeds_of;
  ingest.batch_files = options.commit_every;
  Tally t;
  Status s =
      IngestInbox(**merger, config.paths, std::move(*entries), ingest, [&](const IngestReport& r) {
        PrintFile(r, out, err);
        ++t.files;
        t.failed += r.outcome.outcome == FileOutcome::kFailed ? 1 : 0;
        t.articles += r.outcome.counts.articles;
        t.created += r.outcome.counts.created;
        t.revised += r.outcome.counts.revised;
        t.repeats += r.outcome.counts.repeats;
        if (decisions.is_open()) WriteDecisions(r.outcome, decisions);
      });
  if (!s.ok()) err << "error: " << s.message() << "\n";
  const bool rendered = Render(config, **store, out, err);
  PrintSummary(t, **store, **merger, out);
  const bool delivered = DeliverDue(**queue, config, out, err);
  return s.ok() && rendered && delivered && t.failed == 0 ? kExitOk : kExitFailure;
}

}  // namespace

int RunOnce(const OnceOptions& options, std::ostream& out, std::ostream& err) {
  ConfigLoad load = ResolveConfig(options.config, std::filesystem::current_path());
  if (!load.config) {
    for (const ConfigError& e : load.errors) err << e.ToString() << "\n";
    return kExitConfig;
  }
  if (Status s = CreateFolders(load.config->paths); !s.ok()) {
    err << "error: " << s.message() << "\n";
    return kExitFailure;
  }
  Result<StateLock> lock = StateLock::Acquire(load.config->paths.state);
  if (!lock.ok()) {
    err << "error: " << lock.status().message() << "\n";
    return kExitFailure;
  }
  return Ingest(*load.config, options, out, err);
}

void AddOnceCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<OnceOptions>();
  CLI::App* cmd = app.add_subcommand("once", "ingest everything in the inbox, then exit");
  cmd->add_option("-c,--config", options->config, "configuration file");
  cmd->add_option("--decisions", options->decisions,
                  "write one line per article: file, index, decision, story id");
  cmd->add_option("--commit-every", options->commit_every,
                  "commit after at most N files (default 256)")
      ->check(CLI::PositiveNumber);
  cmd->callback([options, &exit_code] { exit_code = RunOnce(*options, std::cout, std::cerr); });
}

}  // namespace synd

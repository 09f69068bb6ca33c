// The command line of `syndicated deliveries ...` (DESIGN.md §4): parses the subcommand into a
// DeliveriesRequest, opens the store named by the configuration, and runs it (deliveries
// command core in deliveries_command.cpp). Usage errors exit 2, configuration errors 78.
#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "daemon/cli/commands.hpp"
#include "daemon/cli/config_option.hpp"
#include "daemon/cli/deliveries_command.hpp"
#include "feeds/store/sqlite_delivery_queue.hpp"

namespace synd {
namespace {

struct DeliveriesCli {
  ConfigFileOption config;
  DeliveriesRequest request;
  std::optional<int64_t> retry_id;
  bool all_failed = false;
  std::string since;
};

// Opens the store the configuration names; it must exist already: these commands act on
// deliveries a daemon (or `once`) queued, and creating an empty store would hide a wrong -c.
int Execute(const DeliveriesCli& cli) {
  const ConfigLoad load = ResolveConfigOption(cli.config);
  if (!load.ok()) {
    PrintConfigErrors(load, std::cerr);
    return kExitConfig;
  }
  const std::filesystem::path file = load.config->paths.state / SqliteStore::kFileName;
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) {
    std::cerr << "syndicated deliveries: no store at " << file.string() << " (from "
              << load.config->source << "); `syndicated run` or `syndicated once` creates it\n";
    return kExitFailure;
  }
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(file);
  if (!store.ok()) {
    std::cerr << "syndicated deliveries: " << store.status().message() << '\n';
    return kExitFailure;
  }
  Result<std::unique_ptr<SqliteDeliveryQueue>> queue = SqliteDeliveryQueue::OpenOn(**store);
  if (!queue.ok()) {
    std::cerr << "syndicated deliveries: " << queue.status().message() << '\n';
    return kExitFailure;
  }
  const DeliveryTime now =
      std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
  return RunDeliveries(cli.request, **queue, now, std::cout, std::cerr);
}

void AddList(CLI::App& parent, DeliveriesCli& cli) {
  CLI::App* list =
      parent.add_subcommand("list", "show each webhook's state and its deliveries, newest first");
  list->add_flag("--failed", cli.request.failed_only, "only deliveries that failed for good");
  list->add_option("--webhook", cli.request.webhook, "only this webhook")->type_name("NAME");
  list->add_option("--limit", cli.request.limit, "show at most N deliveries (default 100)")
      ->check(CLI::PositiveNumber);
  list->callback([&cli] { cli.request.action = DeliveriesRequest::Action::kList; });
}

void AddRetry(CLI::App& parent, DeliveriesCli& cli) {
  CLI::App* retry =
      parent.add_subcommand("retry", "send a delivery again now, with a fresh retry schedule");
  CLI::Option* id = retry->add_option("ID", cli.retry_id, "the delivery's id (from list)");
  CLI::Option* all = retry->add_flag("--all-failed", cli.all_failed, "every failed delivery");
  retry->add_option("--webhook", cli.request.webhook, "with --all-failed: only this webhook")
      ->type_name("NAME")
      ->needs(all);
  id->excludes(all);
  retry->callback([&cli] {
    if (!cli.retry_id && !cli.all_failed) {
      throw CLI::RequiredError("retry needs a delivery ID or --all-failed");
    }
    cli.request.action = cli.all_failed ? DeliveriesRequest::Action::kRetryAllFailed
                                        : DeliveriesRequest::Action::kRetry;
    cli.request.delivery_id = cli.retry_id.value_or(0);
  });
}

void AddReplay(CLI::App& parent, DeliveriesCli& cli) {
  CLI::App* replay = parent.add_subcommand(
      "replay", "send again every event since a time, each with its original webhook-id");
  replay->add_option("--webhook", cli.request.webhook, "the webhook")
      ->type_name("NAME")
      ->required();
  replay->add_option("--since", cli.since, "events committed at or after this time")
      ->type_name("RFC3339")
      ->required();
  replay->callback([&cli] {
    Result<TimePoint> since = ParseRfc3339(cli.since);
    if (!since.ok()) throw CLI::ValidationError("--since", since.status().message());
    cli.request.action = DeliveriesRequest::Action::kReplay;
    cli.request.since = *since;
  });
}

void AddEnable(CLI::App& parent, DeliveriesCli& cli) {
  CLI::App* enable = parent.add_subcommand("enable", "re-enable a webhook disabled by a 410");
  enable->add_option("NAME", cli.request.webhook, "the webhook")->required();
  enable->callback([&cli] { cli.request.action = DeliveriesRequest::Action::kEnable; });
}

}  // namespace

void AddDeliveriesCommand(CLI::App& app, int& exit_code) {
  auto cli = std::make_shared<DeliveriesCli>();
  CLI::App* cmd = app.add_subcommand(
      "deliveries", "inspect and act on webhook deliveries (works while the daemon runs)");
  // -c may follow the subcommand too: `syndicated deliveries list -c FILE`.
  cmd->fallthrough();
  cmd->require_subcommand(1);
  AddConfigFileOption(*cmd, cli->config);
  AddList(*cmd, *cli);
  AddRetry(*cmd, *cli);
  AddReplay(*cmd, *cli);
  AddEnable(*cmd, *cli);
  // Runs after the chosen subcommand's callback has filled in the request.
  cmd->callback([cli, &exit_code] { exit_code = Execute(*cli); });
}

}  // namespace synd

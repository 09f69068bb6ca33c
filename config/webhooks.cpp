// The `webhooks` section: subscribers, their secrets (inline or from files read now) and their
// delivery settings. No message here quotes a secret or a webhook URL (it may carry a token).
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "config/read_file.hpp"
#include "config/sections.hpp"
#include "config/values.hpp"

namespace synd::config {
namespace {

constexpr std::size_t kMaxSecretFileBytes = std::size_t{64} * 1024;
constexpr std::int64_t kMaxInFlight = 1000;
constexpr std::size_t kMaxRetries = 100;
constexpr std::string_view kEvents[] = {"article.created", "article.updated"};

std::string Trim(std::string_view text) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

// Each inline secret must be whsec_<base64>.
void ReadSecrets(const Field& field, Diagnostics& diag, std::vector<std::string>& out) {
  auto entries = ReadOneOrMany(field, diag);
  if (!entries) return;
  if (entries->empty()) diag.Add(field.mark, Describe(field.path, "list at least one secret"));
  for (auto& [secret, where] : *entries) {
    if (Status status = CheckWebhookSecret(secret); !status.ok()) {
      diag.Add(where.mark, Describe(where.path, status.message()));
      continue;
    }
    out.push_back(std::move(secret));
  }
}

// Each secret file holds one whsec_<base64> secret; surrounding white space is dropped.
void ReadSecretFiles(const Field& field, const LoadContext& ctx, std::vector<std::string>& out) {
  auto entries = ReadOneOrMany(field, ctx.diag);
  if (!entries) return;
  if (entries->empty()) {
    ctx.diag.Add(field.mark, Describe(field.path, "list at least one secret file"));
  }
  for (const auto& [name, where] : *entries) {
    const std::filesystem::path path = ResolvePath(ctx, name);
    Result<std::string> bytes = ReadSmallFile(path, kMaxSecretFileBytes);
    if (!bytes.ok()) {
      ctx.diag.Add(where.mark, Describe(where.path, bytes.status().message()));
      continue;
    }
    std::string secret = Trim(*bytes);
    if (Status status = CheckWebhookSecret(secret); !status.ok()) {
      ctx.diag.Add(where.mark,
                   Describe(where.path, "the secret in " + path.string() + " " + status.message()));
      continue;
    }
    out.push_back(std::move(secret));
  }
}

// A non-empty list of distinct strings, each accepted by `allowed`; `what` names one entry.
template <typename Allowed>
std::optional<std::vector<std::string>> ReadChoiceList(const Field& field, std::string_view what,
                                                       Allowed allowed, Diagnostics& diag) {
  std::optional<std::vector<Field>> items = ReadList(field, diag);
  if (!items) return std::nullopt;
  if (items->empty()) {
    diag.Add(field.mark, Describe(field.path, "list at least one " + std::string(what) +
                                                  ", or leave the key out for the default"));
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const Field& item : *items) {
    std::optional<std::string> text = ReadString(item, diag);
    if (!text) continue;
    if (std::optional<std::string> problem = allowed(*text)) {
      diag.Add(item.mark, Describe(item.path, *problem));
    } else if (std::find(out.begin(), out.end(), *text) != out.end()) {
      diag.Add(item.mark, Describe(item.path, QuoteForMessage(*text) + " is listed twice"));
    } else {
      out.push_back(std::move(*text));
    }
  }
  return out;
}

std::optional<std::string> CheckEvent(const std::string& event) {
  if (std::find(std::begin(kEvents), std::end(kEvents), event) != std::end(kEvents)) {
    return std::nullopt;
  }
  return "unknown event " + QuoteForMessage(event) + "; expected article.created or " +
         "article.updated";
}

void ReadDelivery(const MapFields& map, Diagnostics& diag, WebhookConfig& hook) {
  if (const Field* f = map.Get("timeout")) {
    if (auto v = ReadDuration(*f, Duration(1), diag)) hook.timeout = *v;
  }
  if (const Field* f = map.Get("retention")) {
    if (auto v = ReadDuration(*f, Duration(0), diag)) hook.retention = *v;
  }
  if (const Field* f = map.Get("max_in_flight")) {
    if (auto v = ReadInt(*f, 1, kMaxInFlight, diag)) hook.max_in_flight = static_cast<int>(*v);
  }
  if (const Field* f = map.Get("ordered")) {
    if (auto v = ReadBool(*f, diag)) hook.ordered = *v;
  }
  if (const Field* f = map.Get("allow_private")) {
    if (auto v = ReadBool(*f, diag)) hook.allow_private = *v;
  }
  const Field* schedule = map.Get("retry_schedule");
  if (schedule == nullptr) return;
  std::optional<std::vector<Field>> items = ReadList(*schedule, diag);
  if (!items) return;
  if (items->size() > kMaxRetries) {
    diag.Add(schedule->mark,
             Describe(schedule->path, "has " + std::to_string(items->size()) +
                                          " entries; at most " + std::to_string(kMaxRetries)));
    return;
  }
  hook.retry_schedule.clear();
  for (const Field& item : *items) {
    if (auto v = ReadDuration(item, Duration(0), diag)) hook.retry_schedule.push_back(*v);
  }
}

void ReadSecretKeys(const MapFields& map, const Field& field, const LoadContext& ctx,
                    WebhookConfig& hook) {
  const Field* secret = map.Get("secret");
  const Field* secret_file = map.Get("secret_file");
  if (secret == nullptr && secret_file == nullptr) {
    ctx.diag.Add(field.mark, Describe(field.path, "a webhook needs secret or secret_file"));
  } else if (secret != nullptr && secret_file != nullptr) {
    const Field* later = secret->mark.pos > secret_file->mark.pos ? secret : secret_file;
    ctx.diag.Add(later->mark, Describe(later->path, "give secret or secret_file, not both"));
  } else if (secret != nullptr) {
    ReadSecrets(*secret, ctx.diag, hook.secrets);
  } else {
    ReadSecretFiles(*secret_file, ctx, hook.secrets);
  }
}

// The required name and url; `name_mark` is where the name is (for the uniqueness check).
void ReadNameAndUrl(const MapFields& map, const Field& field, const LoadContext& ctx,
                    WebhookConfig& hook, YAML::Mark& name_mark) {
  const Field* name = map.Get("name");
  if (name == nullptr) ctx.diag.Add(field.mark, Describe(field.path, "a webhook needs a name"));
  if (name != nullptr) {
    if (std::optional<std::string> text = ReadString(*name, ctx.diag)) {
      name_mark = name->mark;
      if (!IsName(*text)) {
        ctx.diag.Add(name->mark, Describe(name->path, QuoteForMessage(*text) +
                                                          " is not a valid webhook name: use "
                                                          "a-z, 0-9 and '-' only"));
      } else {
        hook.name = std::move(*text);
      }
    }
  }
  const Field* url = map.Get("url");
  if (url == nullptr) ctx.diag.Add(field.mark, Describe(field.path, "a webhook needs a url"));
  if (url != nullptr) {
    if (std::optional<std::string> text = ReadString(*url, ctx.diag)) {
      if (Status status = CheckWebhookUrl(*text); !status.ok()) {
        ctx.diag.Add(url->mark, Describe(url->path, status.message()));
      }
      hook.url = std::move(*text);
    }
  }
}

void ReadWebhook(const Field& field, const LoadContext& ctx, const std::set<std::string>& feeds,
                 WebhookConfig& hook, YAML::Mark& name_mark) {
  const MapFields map(field,
                      {"name", "url", "secret", "secret_file", "events", "feeds", "timeout",
                       "retry_schedule", "max_in_flight", "ordered", "allow_private", "retention"},
                      ctx.diag);
  if (!map.is_map()) return;
  ReadNameAndUrl(map, field, ctx, hook, name_mark);
  ReadSecretKeys(map, field, ctx, hook);
  if (const Field* events = map.Get("events")) {
    if (auto list = ReadChoiceList(*events, "event", CheckEvent, ctx.diag)) hook.events = *list;
  }
  if (const Field* refs = map.Get("feeds")) {
    const auto check = [&](const std::string& feed) -> std::optional<std::string> {
      if (feeds.count(feed) != 0) return std::nullopt;
      return "no feed is named " + QuoteForMessage(feed);
    };
    if (auto list = ReadChoiceList(*refs, "feed", check, ctx.diag)) hook.feeds = *list;
  }
  ReadDelivery(map, ctx.diag, hook);
}

}  // namespace

void ReadWebhooks(const Field& field, const LoadContext& ctx, const std::vector<FeedDef>& feeds,
                  std::vector<WebhookConfig>& webhooks) {
  webhooks.clear();
  std::optional<std::vector<Field>> items = ReadList(field, ctx.diag);
  if (!items) return;
  std::set<std::string> feed_names;
  for (const FeedDef& feed : feeds) feed_names.insert(feed.name);
  std::map<std::string, int> first_line;
  for (const Field& item : *items) {
    WebhookConfig hook;
    YAML::Mark name_mark;
    ReadWebhook(item, ctx, feed_names, hook, name_mark);
    if (hook.name.empty()) continue;
    const auto [it, fresh] = first_line.emplace(hook.name, name_mark.line + 1);
    if (!fresh) {
      ctx.diag.Add(name_mark,
                   Describe(item.path + ".name", "webhook name " + QuoteForMessage(hook.name) +
                                                     " is already used (line " +
                                                     std::to_string(it->second) + ")"));
      continue;
    }
    webhooks.push_back(std::move(hook));
  }
}

}  // namespace synd::config

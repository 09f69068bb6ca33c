// Every validation rule of the configuration, one bad input each: the loader must report exactly
// one problem, at the offending value's line and column, in words that name the problem.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "config/load.hpp"

namespace synd {
namespace {

struct BadCase {
  std::string yaml;
  int line;
  int column;
  std::vector<std::string> words;  // each must appear in the message
};

// A valid webhook taking lines 1-4; a case appends line 5.
const std::string kHook =
    "webhooks:\n"
    "  - name: crm\n"
    "    url: https://hooks.example.org/x\n"
    "    secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\n";

void ExpectOneError(const BadCase& c) {
  const ConfigLoad load = LoadConfigText(c.yaml, "test.yaml", "/srv/synd");
  EXPECT_FALSE(load.config.has_value()) << c.yaml;
  ASSERT_EQ(load.errors.size(), 1u)
      << c.yaml << (load.errors.empty() ? "" : load.errors[0].ToString());
  const ConfigError& e = load.errors[0];
  EXPECT_EQ(e.file, "test.yaml") << c.yaml;
  EXPECT_EQ(e.line, c.line) << c.yaml << e.ToString();
  EXPECT_EQ(e.column, c.column) << c.yaml << e.ToString();
  for (const std::string& word : c.words) {
    EXPECT_NE(e.message.find(word), std::string::npos)
        << c.yaml << e.ToString() << "\nlacks: " << word;
  }
}

TEST(LoadConfigErrors, DocumentShapeAndSyntax) {
  const BadCase cases[] = {
      {"colour: red\n", 1, 1, {"unknown key \"colour\"", "site, paths, http"}},
      {"- a\n", 1, 1, {"expected a mapping", "found a list"}},
      {"hello\n", 1, 1, {"expected a mapping", "\"hello\""}},
      {"shutdown_grace: 5s\nshutdown_grace: 6s\n",
       2,
       1,
       {"\"shutdown_grace\" is repeated", "line 1"}},
      {"? [a]\n: b\n", 1, 3, {"a key must be a plain name", "a list"}},
      {"site: {}\n---\nsite: {}\n", 3, 1, {"only one YAML document"}},
      {"site: [a, b\n", 2, 1, {"YAML syntax error", "end of sequence flow not found"}},
      {"site:\n\ttitle: x\n", 2, 7, {"YAML syntax error"}},
      {"a: b: c\n", 1, 5, {"YAML syntax error", "illegal map value"}},
  };
  for (const BadCase& c : cases) ExpectOneError(c);
}

TEST(LoadConfigErrors, Site) {
  const BadCase cases[] = {
      {"site: [a]\n", 1, 7, {"site: expected a mapping of title, base_url", "found a list"}},
      {"site:\n  titel: X\n", 2, 3, {"site: unknown key \"titel\"", "title, base_url"}},
      {"site:\n  title: \"\"\n", 2, 10, {"site.title", "must not be empty"}},
      {"site:\n  title:\n", 2, 3, {"site.title", "expected a string", "found nothing"}},
      {"site:\n  author: [a]\n", 2, 11, {"site.author", "expected a string", "found a list"}},
      {"site:\n  base_url: ftp://example.org/\n  id_authority: example.org\n",
       2,
       13,
       {"site.base_url", "\"ftp://example.org/\"", "http or https"}},
      {"site:\n  base_url: /feeds/\n  id_authority: example.org\n",
       2,
       13,
       {"site.base_url", "not an absolute URL"}},
      {"site:\n  base_url: https://example.org/?x=1\n", 2, 13, {"site.base_url", "query"}},
      {"site:\n  base_url: http://10.1.2.3/\n",
       2,
       13,
       {"site.id_authority is missing", "10.1.2.3", "IP address", "domain name"}},
      {"site:\n  base_url: http://[::1]:8080/\n",
       2,
       13,
       {"site.id_authority is missing", "[::1]", "IP address"}},
      {"site:\n  base_url: http://my_host/\n",
       2,
       13,
       {"site.id_authority is missing", "\"my_host\"", "not a domain name"}},
      {"site:\n  id_authority: 127.0.0.1\n", 2, 17, {"site.id_authority", "IP address"}},
      {"site:\n  id_authority: not a name\n", 2, 17, {"site.id_authority", "not a domain name"}},
      {"site:\n  language: english\n", 2, 13, {"site.language", "\"english\"", "language tag"}},
  };
  for (const BadCase& c : cases) ExpectOneError(c);
}

TEST(LoadConfigErrors, PathsAndHttp) {
  const BadCase cases[] = {
      {"paths: /var\n", 1, 8, {"paths: expected a mapping", "\"/var\""}},
      {"paths:\n  spool: /x\n", 2, 3, {"paths: unknown key \"spool\"", "inbox, done"}},
      {"paths:\n  inbox: \"\"\n", 2, 10, {"paths.inbox", "must not be empty"}},
      {"paths:\n  state: [a]\n", 2, 10, {"paths.state", "expected a string"}},
      {"paths:\n  inbox: in\n  done: ./in\n",
       3,
       9,
       {"paths.done", "/srv/synd/in", "already used for paths.inbox"}},
      {"paths:\n  output: var/inbox\n", 2, 11, {"paths.output", "already used for paths.inbox"}},
      {"http:\n  port: 80\n", 2, 3, {"http: unknown key \"port\"", "listen"}},
      {"http:\n  listen: 127.0.0.1\n", 2, 11, {"http.listen", "\"127.0.0.1\"", "no port"}},
      {"http:\n  listen: 127.0.0.1:70000\n", 2, 11, {"http.listen", "0 to 65535"}},
      {"http:\n  listen: ::1:80\n", 2, 11, {"http.listen", "brackets"}},
      {"http:\n  listen: \"[::1]\"\n", 2, 11, {"http.listen", "[IPv6]:port"}},
      {"http:\n  listen: [a]\n", 2, 11, {"http.listen", "expected host:port"}},
      {"http:\n  listen:\n", 2, 3, {"http.listen", "expected host:port", "\"\""}},
  };
  for (const BadCase& c : cases) ExpectOneError(c);
}

TEST(LoadConfigErrors, Feeds) {
  const BadCase cases[] = {
      {"feeds: all\n", 1, 8, {"feeds: expected a list", "\"all\""}},
      {"feeds:\n  - all\n", 2, 5, {"feeds[0]: expected a mapping", "name, title, limit"}},
      {"feeds:\n  - title: X\n", 2, 5, {"feeds[0]", "needs a name"}},
      {"feeds:\n  - name: All_News\n", 2, 11, {"feeds[0].name", "\"All_News\"", "a-z, 0-9"}},
      {"feeds:\n  - name: a\n  - name: a\n",
       3,
       11,
       {"feeds[1].name", "\"a\"", "already used", "line 2"}},
      {"feeds:\n  - name: a\n    filter: {}\n",
       3,
       5,
       {"feeds[0]: unknown key \"filter\"", "include"}},
      {"feeds:\n  - name: a\n    limit: 0\n", 3, 12, {"feeds[0].limit", "1 to 10000", "found 0"}},
      {"feeds:\n  - name: a\n    limit: 10001\n", 3, 12, {"feeds[0].limit", "1 to 10000"}},
      {"feeds:\n  - name: a\n    limit: 99999999999999999999\n", 3, 12, {"1 to 10000"}},
      {"feeds:\n  - name: a\n    limit: -5\n", 3, 12, {"1 to 10000", "found -5"}},
      {"feeds:\n  - name: a\n    limit: \"50\"\n", 3, 12, {"expected a whole number", "quoted"}},
      {"feeds:\n  - name: a\n    limit: 5.5\n", 3, 12, {"expected a whole number", "\"5.5\""}},
      {"feeds:\n  - name: a\n    include: {topics: [x]}\n",
       3,
       15,
       {"feeds[0].include: unknown key \"topics\"", "keywords, sections, sources, languages"}},
      {"feeds:\n  - name: a\n    include: {keywords: China}\n",
       3,
       25,
       {"feeds[0].include.keywords", "expected a list"}},
      {"feeds:\n  - name: a\n    exclude: {languages: [en, english]}\n",
       3,
       31,
       {"feeds[0].exclude.languages[1]", "\"english\"", "language tag"}},
      {"feeds:\n  - name: a\n    include: {keywords: [\"\"]}\n",
       3,
       26,
       {"feeds[0].include.keywords[0]", "must not be empty"}},
      {"feeds:\n  - name: a\n    exclude: [sport]\n",
       3,
       14,
       {"feeds[0].exclude: expected a mapping"}},
  };
  for (const BadCase& c : cases) ExpectOneError(c);
}

TEST(LoadConfigErrors, DedupeAndShutdownGrace) {
  const BadCase cases[] = {
      {"dedupe:\n  jaccard: 0\n",
       2,
       12,
       {"dedupe.jaccard", "greater than 0 and at most 1", "found 0"}},
      {"dedupe:\n  jaccard: -0.1\n", 2, 12, {"dedupe.jaccard", "greater than 0"}},
      {"dedupe:\n  containment: 1.5\n", 2, 16, {"dedupe.containment", "at most 1", "1.5"}},
      {"dedupe:\n  jaccard: high\n", 2, 12, {"dedupe.jaccard", "expected a number", "\"high\""}},
      {"dedupe:\n  jaccard: .nan\n", 2, 12, {"dedupe.jaccard", "expected a number"}},
      {"dedupe:\n  overlap: 0.5\n",
       2,
       3,
       {"dedupe: unknown key \"overlap\"", "jaccard, containment"}},
      {"shutdown_grace: 10\n", 1, 17, {"shutdown_grace", "\"10\" has no unit", "\"10s\""}},
      {"shutdown_grace: 10y\n",
       1,
       17,
       {"shutdown_grace", "unknown unit \"y\"", "ms, s, m, h or d"}},
      {"shutdown_grace: 1.5m\n", 1, 17, {"shutdown_grace", "fraction"}},
      {"shutdown_grace: -1s\n", 1, 17, {"shutdown_grace", "negative"}},
      {"shutdown_grace: [10s]\n", 1, 17, {"shutdown_grace", "expected a duration"}},
  };
  for (const BadCase& c : cases) ExpectOneError(c);
}

TEST(LoadConfigErrors, WebhookDeliverySettings) {
  const BadCase cases[] = {
      {"webhooks: {}\n", 1, 11, {"webhooks: expected a list"}},
      {kHook + "    timeout: 15\n", 5, 14, {"webhooks[0].timeout", "no unit"}},
      {kHook + "    timeout: 0s\n", 5, 14, {"webhooks[0].timeout", "at least 1ms"}},
      {kHook + "    timeout: 2w\n", 5, 14, {"webhooks[0].timeout", "unknown unit \"w\""}},
      {kHook + "    retry_schedule: [5s, 5]\n",
       5,
       26,
       {"webhooks[0].retry_schedule[1]", "no unit"}},
      {kHook + "    retry_schedule: 5s\n",
       5,
       21,
       {"webhooks[0].retry_schedule", "expected a list"}},
      {kHook + "    max_in_flight: 0\n", 5, 20, {"webhooks[0].max_in_flight", "1 to 1000"}},
      {kHook + "    max_in_flight: 1001\n", 5, 20, {"webhooks[0].max_in_flight", "1 to 1000"}},
      {kHook + "    ordered: yes\n", 5, 14, {"webhooks[0].ordered", "true or false", "\"yes\""}},
      {kHook + "    allow_private: 1\n", 5, 20, {"webhooks[0].allow_private", "true or false"}},
      {kHook + "    retention: 7\n", 5, 16, {"webhooks[0].retention", "no unit"}},
      {kHook + "    events: [article.deleted]\n",
       5,
       14,
       {"webhooks[0].events[0]", "unknown event \"article.deleted\"", "article.created"}},
      {kHook + "    events: [article.created, article.created]\n",
       5,
       31,
       {"webhooks[0].events[1]", "listed twice"}},
      {kHook + "    events: []\n", 5, 13, {"webhooks[0].events", "at least one event"}},
      {kHook + "    events: article.created\n", 5, 13, {"webhooks[0].events", "expected a list"}},
      {kHook + "    feeds: [nope]\n", 5, 13, {"webhooks[0].feeds[0]", "no feed is named \"nope\""}},
      {kHook + "    feeds: []\n", 5, 12, {"webhooks[0].feeds", "at least one feed"}},
      {kHook + "    colour: red\n", 5, 5, {"webhooks[0]: unknown key \"colour\"", "secret_file"}},
  };
  for (const BadCase& c : cases) ExpectOneError(c);
}

TEST(LoadConfigErrors, WebhookIdentityUrlAndSecret) {
  const std::string secret = "    secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\n";
  const BadCase cases[] = {
      {"webhooks:\n  - name: crm\n    url: ftp://hooks.example.org/x\n" + secret,
       3,
       10,
       {"webhooks[0].url", "http or https"}},
      {"webhooks:\n  - name: crm\n    url: ''\n" + secret, 3, 10, {"webhooks[0].url", "empty"}},
      {"webhooks:\n  - name: crm\n" + secret, 2, 5, {"webhooks[0]", "needs a url"}},
      {"webhooks:\n  - url: http://h/\n" + secret, 2, 5, {"webhooks[0]", "needs a name"}},
      {"webhooks:\n  - name: CRM\n    url: http://h/\n" + secret,
       2,
       11,
       {"webhooks[0].name", "\"CRM\"", "a-z, 0-9"}},
      {kHook + "  - name: crm\n    url: http://h/\n" + secret,
       5,
       11,
       {"webhooks[1].name", "\"crm\"", "already used", "line 2"}},
      {"webhooks:\n  - name: crm\n    url: http://h/\n", 2, 5, {"needs secret or secret_file"}},
      {kHook + "    secret_file: /etc/crm.secret\n",
       5,
       18,
       {"webhooks[0].secret_file", "secret or secret_file, not both"}},
      {"webhooks:\n  - name: crm\n    url: http://h/\n    secret: whsec_dGVzdA==\n",
       4,
       13,
       {"webhooks[0].secret", "too short: 4 bytes", "24 to 64"}},
      {"webhooks:\n  - name: crm\n    url: http://h/\n    secret: hunter2hunter2\n",
       4,
       13,
       {"webhooks[0].secret", "whsec_<base64>"}},
      {"webhooks:\n  - name: crm\n    url: http://h/\n"
       "    secret: [whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw, nope]\n",
       4,
       54,
       {"webhooks[0].secret[1]", "whsec_<base64>"}},
      {"webhooks:\n  - name: crm\n    url: http://h/\n    secret: []\n",
       4,
       13,
       {"webhooks[0].secret", "at least one secret"}},
      {"webhooks:\n  - name: crm\n    url: http://h/\n    secret: {a: b}\n",
       4,
       13,
       {"webhooks[0].secret", "a string or a list of strings"}},
      {"webhooks:\n  - name: crm\n    url: http://h/\n    secret_file: []\n",
       4,
       18,
       {"webhooks[0].secret_file", "at least one secret file"}},
  };
  for (const BadCase& c : cases) ExpectOneError(c);
}

TEST(LoadConfigErrors, ReportsEveryProblemInFileOrder) {
  const std::string yaml =
      "shutdown_grace: 10\n"  // 1:17
      "site:\n"
      "  language: english\n"  // 3:13
      "feeds:\n"
      "  - name: Bad\n"  // 5:11
      "    limit: 0\n"   // 6:12
      "http:\n"
      "  listen: nowhere\n"  // 8:11
      "webhooks:\n"
      "  - name: x\n"
      "    url: http://h/\n"
      "    secret_file: missing\n"  // 12:18
      "    feeds: [Bad]\n"          // not reported again: feed "Bad" exists, though invalid
      "extra: 1\n";                 // 14:1
  const ConfigLoad load = LoadConfigText(yaml, "many.yaml", "/srv/synd");
  ASSERT_FALSE(load.ok());
  std::vector<std::pair<int, int>> positions;
  for (const ConfigError& e : load.errors) positions.emplace_back(e.line, e.column);
  const std::vector<std::pair<int, int>> expected = {{1, 17}, {3, 13},  {5, 11}, {6, 12},
                                                     {8, 11}, {12, 18}, {14, 1}};
  EXPECT_EQ(positions, expected);
  for (const ConfigError& e : load.errors) {
    EXPECT_EQ(e.ToString().rfind(
                  "many.yaml:" + std::to_string(e.line) + ":" + std::to_string(e.column) + ": ", 0),
              0u)
        << e.ToString();
  }
}

}  // namespace
}  // namespace synd

// What a valid configuration loads into: defaults, normalization, relative paths, the DESIGN.md
// §5 example and the installed example file.
#include "config/load.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "config/defaults.hpp"
#include "tests/support/temp_dir.hpp"

namespace synd {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

Config LoadOk(const std::string& yaml, const std::filesystem::path& base = "/srv/synd") {
  ConfigLoad load = LoadConfigText(yaml, "test.yaml", base);
  for (const ConfigError& e : load.errors) ADD_FAILURE() << yaml << "\n" << e.ToString();
  return load.config.value_or(Config{});
}

TEST(LoadConfig, EmptyDocumentsGiveTheEmbeddedDefaults) {
  Config expected = EmbeddedDefaultConfig("/srv/synd");
  expected.source = "test.yaml";
  for (const char* yaml : {"", "# only a comment\n", "---\n", "site:\npaths:\nhttp:\ndedupe:\n",
                           "site: {}\npaths: {}\n"}) {
    EXPECT_EQ(LoadOk(yaml), expected) << yaml;
  }
  EXPECT_EQ(expected.paths.inbox, std::filesystem::path("/srv/synd/var/inbox"));
}

// The example of DESIGN.md §5, verbatim but for the secret.
const char* const kDesignExample = R"(site:
  title: Example News
  base_url: http://127.0.0.1:8080/
  id_authority: news.example.org
  author: Example News Desk
  language: en
paths:
  inbox: var/inbox
  done: var/done
  failed: var/failed
  output: var/feeds
  state: var/state
http:
  listen: 127.0.0.1:8080
feeds:
  - name: all
    title: All stories
    limit: 50
  - name: china
    title: China
    include: { keywords: [China, Beijing] }
    exclude: { keywords: [sport] }
webhooks:
  - name: crm
    url: https://hooks.example.org/syndicated
    secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
    events: [article.created, article.updated]
    feeds: [china]
    timeout: 15s
    retry_schedule: [5s, 5m, 30m, 2h, 5h, 10h, 10h]
    max_in_flight: 8
    ordered: false
    allow_private: false
    retention: 7d
dedupe:
  jaccard: 0.8
  containment: 0.9
shutdown_grace: 10s
)";

TEST(LoadConfig, ReadsTheDesignExampleIntoEveryField) {
  const Config c = LoadOk(kDesignExample, "/etc/synd");
  EXPECT_EQ(c.source, "test.yaml");
  EXPECT_EQ(c.site, (SiteDef{"Example News", "http://127.0.0.1:8080/", "news.example.org",
                             "Example News Desk", "en"}));
  EXPECT_EQ(c.paths.inbox, std::filesystem::path("/etc/synd/var/inbox"));
  EXPECT_EQ(c.paths.done, std::filesystem::path("/etc/synd/var/done"));
  EXPECT_EQ(c.paths.failed, std::filesystem::path("/etc/synd/var/failed"));
  EXPECT_EQ(c.paths.output, std::filesystem::path("/etc/synd/var/feeds"));
  EXPECT_EQ(c.paths.state, std::filesystem::path("/etc/synd/var/state"));
  EXPECT_EQ(c.http.listen, "127.0.0.1:8080");
  ASSERT_EQ(c.feeds.size(), 2u);
  EXPECT_EQ(c.feeds[0], (FeedDef{.name = "all", .title = "All stories", .limit = 50}));
  EXPECT_EQ(c.feeds[1].name, "china");
  EXPECT_EQ(c.feeds[1].include.keywords, (std::vector<std::string>{"China", "Beijing"}));
  EXPECT_EQ(c.feeds[1].exclude.keywords, (std::vector<std::string>{"sport"}));
  ASSERT_EQ(c.webhooks.size(), 1u);
  const WebhookConfig& w = c.webhooks[0];
  EXPECT_EQ(w.name, "crm");
  EXPECT_EQ(w.url, "https://hooks.example.org/syndicated");
  EXPECT_EQ(w.secrets, (std::vector<std::string>{"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}));
  EXPECT_EQ(w.events, (std::vector<std::string>{"article.created", "article.updated"}));
  EXPECT_EQ(w.feeds, (std::vector<std::string>{"china"}));
  EXPECT_EQ(w.timeout, seconds(15));
  EXPECT_EQ(w.retry_schedule, (std::vector<Duration>{seconds(5), minutes(5), minutes(30), hours(2),
                                                     hours(5), hours(10), hours(10)}));
  EXPECT_EQ(w.max_in_flight, 8);
  EXPECT_FALSE(w.ordered);
  EXPECT_FALSE(w.allow_private);
  EXPECT_EQ(w.retention, hours(24 * 7));
  EXPECT_EQ(c.dedupe, (DedupeConfig{0.8, 0.9}));
  EXPECT_EQ(c.shutdown_grace, seconds(10));
}

TEST(LoadConfig, WebhookKeysLeftOutTakeTheDocumentedDefaults) {
  const Config c = LoadOk(
      "webhooks:\n  - name: crm\n    url: http://127.0.0.1:9000/\n"
      "    secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\n");
  ASSERT_EQ(c.webhooks.size(), 1u);
  WebhookConfig expected;
  expected.name = "crm";
  expected.url = "http://127.0.0.1:9000/";
  expected.secrets = {"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"};
  EXPECT_EQ(c.webhooks[0], expected);
  EXPECT_EQ(expected.timeout, seconds(15));
  EXPECT_EQ(expected.retry_schedule.size(), 7u);
  EXPECT_EQ(expected.retention, hours(24 * 7));
}

TEST(LoadConfig, ReadsNonDefaultWebhookSettings) {
  const Config c = LoadOk(
      "webhooks:\n  - name: fast\n    url: http://127.0.0.1:9000/\n"
      "    secret: [whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw, "
      "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=]\n"
      "    events: [article.updated]\n    timeout: 250ms\n    retry_schedule: [0s, 1s]\n"
      "    max_in_flight: 1\n    ordered: true\n    allow_private: True\n    retention: 0s\n");
  ASSERT_EQ(c.webhooks.size(), 1u);
  const WebhookConfig& w = c.webhooks[0];
  EXPECT_EQ(w.secrets.size(), 2u);
  EXPECT_EQ(w.events, std::vector<std::string>{"article.updated"});
  EXPECT_EQ(w.timeout, std::chrono::milliseconds(250));
  EXPECT_EQ(w.retry_schedule, (std::vector<Duration>{seconds(0), seconds(1)}));
  EXPECT_EQ(w.max_in_flight, 1);
  EXPECT_TRUE(w.ordered);
  EXPECT_TRUE(w.allow_private);
  EXPECT_EQ(w.retention, seconds(0));
  EXPECT_TRUE(c.webhooks[0].feeds.empty());
}

TEST(LoadConfig, NormalizesBaseUrlAndDefaultsIdAuthorityToItsHost) {
  struct Case {
    const char* yaml;
    const char* base_url;
    const char* id_authority;
  };
  const Case cases[] = {
      {"site:\n  base_url: https://News.Example.org/feeds\n", "https://news.example.org/feeds/",
       "news.example.org"},
      {"site:\n  base_url: http://localhost:8080\n", "http://localhost:8080/", "localhost"},
      {"site:\n  base_url: http://10.0.0.1/\n  id_authority: Desk@Example.org\n",
       "http://10.0.0.1/", "Desk@example.org"},
      {"site:\n  id_authority: example.net\n", "http://127.0.0.1:8080/", "example.net"},
      {"site:\n  title: T\n", "http://127.0.0.1:8080/", "localhost"},
  };
  for (const Case& c : cases) {
    const Config config = LoadOk(c.yaml);
    EXPECT_EQ(config.site.base_url, c.base_url) << c.yaml;
    EXPECT_EQ(config.site.id_authority, c.id_authority) << c.yaml;
  }
}

TEST(LoadConfig, ResolvesRelativePathsAgainstTheConfigFolder) {
  const Config c = LoadOk(
      "paths:\n  inbox: in\n  done: ./out/../done\n  failed: /abs/failed\n"
      "  output: ../shared/feeds\n  state: state/\n",
      "/etc/synd");
  EXPECT_EQ(c.paths.inbox, std::filesystem::path("/etc/synd/in"));
  EXPECT_EQ(c.paths.done, std::filesystem::path("/etc/synd/done"));
  EXPECT_EQ(c.paths.failed, std::filesystem::path("/abs/failed"));
  EXPECT_EQ(c.paths.output, std::filesystem::path("/etc/shared/feeds"));
  EXPECT_EQ(c.paths.state, std::filesystem::path("/etc/synd/state"));
}

TEST(LoadConfig, RelativeBaseDirIsMadeAbsolute) {
  const Config c = LoadOk("paths:\n  inbox: in\n", "conf");
  EXPECT_TRUE(c.paths.inbox.is_absolute()) << c.paths.inbox;
  EXPECT_EQ(c.paths.inbox, (std::filesystem::current_path() / "conf/in").lexically_normal());
}

TEST(LoadConfig, AcceptsEveryListenForm) {
  for (const char* listen :
       {"\"\"", "''", "127.0.0.1:0", "0.0.0.0:65535", "\"[::1]:8080\"", "localhost:8080"}) {
    const std::string yaml = std::string("http:\n  listen: ") + listen + "\n";
    const Config c = LoadOk(yaml);
    std::string expected = listen;
    if (expected == "\"\"" || expected == "''") expected.clear();
    if (expected.front() == '"') expected = expected.substr(1, expected.size() - 2);
    EXPECT_EQ(c.http.listen, expected) << yaml;
  }
}

TEST(LoadConfig, ReadsFeedFiltersAndDefaultsTitleAndLimit) {
  const Config c = LoadOk(
      "feeds:\n"
      "  - name: world-news\n"
      "    include:\n"
      "      keywords: [Climate change]\n"
      "      sections: [World]\n"
      "      sources: [example.com, Wire]\n"
      "      languages: [en, pt-BR]\n"
      "    exclude: { sections: [Sport], languages: [zh-Hant] }\n");
  ASSERT_EQ(c.feeds.size(), 1u);
  const FeedDef& f = c.feeds[0];
  EXPECT_EQ(f.title, "world-news");
  EXPECT_EQ(f.limit, 50u);
  EXPECT_EQ(f.include,
            (FeedFilter{{"Climate change"}, {"World"}, {"example.com", "Wire"}, {"en", "pt-BR"}}));
  EXPECT_EQ(f.exclude, (FeedFilter{{}, {"Sport"}, {}, {"zh-Hant"}}));
}

TEST(LoadConfig, AnEmptyFeedListMeansNoFeeds) {
  EXPECT_TRUE(LoadOk("feeds: []\n").feeds.empty());
  EXPECT_TRUE(LoadOk("feeds:\n").feeds.empty());
  EXPECT_EQ(LoadOk("site: {}\n").feeds.size(), 1u);
}

TEST(LoadConfig, AcceptsLimitsAndThresholdsAtTheirBounds) {
  const Config c = LoadOk(
      "feeds:\n  - name: a\n    limit: 1\n  - name: b\n    limit: 10000\n"
      "dedupe:\n  jaccard: 1\n  containment: 0.001\nshutdown_grace: 0s\n");
  EXPECT_EQ(c.feeds[0].limit, 1u);
  EXPECT_EQ(c.feeds[1].limit, 10000u);
  EXPECT_EQ(c.dedupe, (DedupeConfig{1.0, 0.001}));
  EXPECT_EQ(c.shutdown_grace, seconds(0));
}

TEST(ConfigError, PrintsFileLineColumnAndMessage) {
  EXPECT_EQ((ConfigError{"/etc/x.yaml", 3, 14, "site.title: must not be empty"}).ToString(),
            "/etc/x.yaml:3:14: site.title: must not be empty");
}

TEST(LoadConfigFile, ReadsTheFileAndResolvesPathsAgainstItsFolder) {
  testing::TempDir dir;
  testing::WriteFile(dir / "conf/synd.yaml", "paths:\n  inbox: spool/in\n");
  const ConfigLoad load = LoadConfigFile(dir / "conf/synd.yaml");
  ASSERT_TRUE(load.ok()) << load.errors[0].ToString();
  EXPECT_EQ(load.config->source, (dir / "conf/synd.yaml").string());
  EXPECT_EQ(load.config->paths.inbox, dir.path() / "conf/spool/in");
}

TEST(LoadConfigFile, AMissingOrUnreadableFileIsAnErrorAtOneOne) {
  testing::TempDir dir;
  std::filesystem::create_directories(dir / "folder.yaml");
  const std::pair<std::filesystem::path, const char*> cases[] = {
      {dir / "missing.yaml", "No such file or directory"},
      {dir / "folder.yaml", "not a regular file"},
  };
  for (const auto& [path, reason] : cases) {
    const ConfigLoad load = LoadConfigFile(path);
    ASSERT_EQ(load.errors.size(), 1u) << path;
    EXPECT_EQ(load.errors[0].ToString().rfind(path.string() + ":1:1: cannot read", 0), 0u)
        << load.errors[0].ToString();
    EXPECT_NE(load.errors[0].message.find(reason), std::string::npos) << load.errors[0].message;
  }
}

TEST(LoadConfigFile, NamesTheFileInSyntaxErrors) {
  testing::TempDir dir;
  testing::WriteFile(dir / "bad.yaml", "site:\n  title: [unclosed\n");
  const ConfigLoad load = LoadConfigFile(dir / "bad.yaml");
  ASSERT_EQ(load.errors.size(), 1u);
  EXPECT_EQ(load.errors[0].file, (dir / "bad.yaml").string());
  EXPECT_NE(load.errors[0].message.find("YAML syntax error"), std::string::npos);
}

const std::filesystem::path kExample =
    std::filesystem::path(SYND_SOURCE_DIR) / "config/syndicated.example.yaml";

TEST(ExampleConfig, LoadsWithoutErrorsAndUsesTheSystemPaths) {
  const ConfigLoad load = LoadConfigFile(kExample);
  for (const ConfigError& e : load.errors) ADD_FAILURE() << e.ToString();
  ASSERT_TRUE(load.ok());
  const Config& c = *load.config;
  EXPECT_EQ(c.paths.inbox, std::filesystem::path("/var/spool/syndicated/inbox"));
  EXPECT_EQ(c.paths.done, std::filesystem::path("/var/spool/syndicated/done"));
  EXPECT_EQ(c.paths.failed, std::filesystem::path("/var/spool/syndicated/failed"));
  EXPECT_EQ(c.paths.output, std::filesystem::path("/var/lib/syndicated/feeds"));
  EXPECT_EQ(c.paths.state, std::filesystem::path("/var/lib/syndicated/state"));
  EXPECT_TRUE(c.webhooks.empty()) << "the example's webhook must stay commented out";
}

// Removes "# " from the commented-out webhook block, which starts at "# webhooks:" and ends at
// the first line that is not a comment.
std::string UncommentWebhooks(const std::string& text) {
  std::istringstream in(text);
  std::string out;
  std::string line;
  bool in_block = false;
  while (std::getline(in, line)) {
    if (line == "# webhooks:") in_block = true;
    if (in_block && line.rfind("# ", 0) != 0) in_block = false;
    out += (in_block ? line.substr(2) : line) + "\n";
  }
  return out;
}

TEST(ExampleConfig, ItsCommentedWebhookIsValidOnceUncommented) {
  const std::string text = UncommentWebhooks(testing::ReadFile(kExample));
  const ConfigLoad load = LoadConfigText(text, "example.yaml", "/etc/syndicated");
  for (const ConfigError& e : load.errors) ADD_FAILURE() << e.ToString() << "\n" << text;
  ASSERT_TRUE(load.ok());
  ASSERT_EQ(load.config->webhooks.size(), 1u);
  const WebhookConfig& w = load.config->webhooks[0];
  EXPECT_EQ(w.name, "crm");
  EXPECT_EQ(w.feeds, std::vector<std::string>{"china"});
  EXPECT_EQ(w.retry_schedule.size(), 7u);
}

}  // namespace
}  // namespace synd

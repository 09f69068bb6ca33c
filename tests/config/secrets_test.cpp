// Webhook secrets: secret_file reading (relative paths, trimming, lists, errors naming the file)
// and the rule that no error message ever holds a secret.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include "config/load.hpp"
#include "tests/support/temp_dir.hpp"

namespace synd {
namespace {

constexpr const char* kSecretA = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
constexpr const char* kSecretB = "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

std::string Hook(const std::string& secret_line) {
  return "webhooks:\n  - name: crm\n    url: http://127.0.0.1:9/\n" + secret_line + "\n";
}

TEST(SecretFile, ReadsRelativeToTheConfigFolderAndTrimsWhiteSpace) {
  testing::TempDir dir;
  testing::WriteFile(dir / "etc/secrets/a", std::string("\n  ") + kSecretA + " \r\n");
  testing::WriteFile(dir / "b.secret", kSecretB);
  testing::WriteFile(dir / "etc/synd.yaml", Hook("    secret_file: [secrets/a, ../b.secret]"));
  const ConfigLoad load = LoadConfigFile(dir / "etc/synd.yaml");
  for (const ConfigError& e : load.errors) ADD_FAILURE() << e.ToString();
  ASSERT_TRUE(load.ok());
  EXPECT_EQ(load.config->webhooks[0].secrets, (std::vector<std::string>{kSecretA, kSecretB}));
}

TEST(SecretFile, AcceptsASinglePathAndAnAbsolutePath) {
  testing::TempDir dir;
  testing::WriteFile(dir / "s", kSecretA);
  const ConfigLoad load =
      LoadConfigText(Hook("    secret_file: " + (dir / "s").string()), "t.yaml", "/nowhere");
  ASSERT_TRUE(load.ok()) << load.errors[0].ToString();
  EXPECT_EQ(load.config->webhooks[0].secrets, std::vector<std::string>{kSecretA});
}

TEST(SecretFile, ProblemsNameTheFileAndPointAtItsEntry) {
  testing::TempDir dir;
  testing::WriteFile(dir / "empty", " \n");
  testing::WriteFile(dir / "garbage", "hunter2-is-my-password\n");
  testing::WriteFile(dir / "short", "whsec_dGVzdA==\n");
  std::filesystem::create_directories(dir / "folder");
  struct Case {
    const char* entry;
    const char* problem;
  };
  const Case cases[] = {
      {"missing", "cannot open"},    {"folder", "not a regular file"}, {"empty", "whsec_<base64>"},
      {"garbage", "whsec_<base64>"}, {"short", "too short"},
  };
  for (const Case& c : cases) {
    const std::string yaml = Hook(std::string("    secret_file: [") + c.entry + "]");
    const ConfigLoad load = LoadConfigText(yaml, "t.yaml", dir.path());
    ASSERT_EQ(load.errors.size(), 1u) << c.entry;
    const ConfigError& e = load.errors[0];
    EXPECT_EQ(e.line, 4) << c.entry;
    EXPECT_EQ(e.column, 19) << c.entry;
    EXPECT_NE(e.message.find("webhooks[0].secret_file[0]"), std::string::npos) << e.message;
    EXPECT_NE(e.message.find((dir / c.entry).string()), std::string::npos) << e.message;
    EXPECT_NE(e.message.find(c.problem), std::string::npos) << e.message;
    EXPECT_EQ(e.message.find("hunter2"), std::string::npos) << e.message;
  }
}

TEST(SecretFile, AnUnreadableFileIsAnErrorNamingIt) {
  // A folder in place of the file cannot be read by anyone, root included, so this runs in CI.
  testing::TempDir dir;
  std::filesystem::create_directory(dir / "locked");
  const ConfigLoad load = LoadConfigText(Hook("    secret_file: locked"), "t.yaml", dir.path());
  ASSERT_EQ(load.errors.size(), 1u);
  EXPECT_NE(load.errors[0].message.find((dir / "locked").string()), std::string::npos)
      << load.errors[0].message;
}

TEST(SecretFile, IsReadAgainOnEveryLoadSoRotationNeedsNoRestart) {
  testing::TempDir dir;
  testing::WriteFile(dir / "s", kSecretA);
  const std::string yaml = Hook("    secret_file: s");
  EXPECT_EQ(LoadConfigText(yaml, "t", dir.path()).config->webhooks[0].secrets[0], kSecretA);
  testing::WriteFile(dir / "s", kSecretB);
  EXPECT_EQ(LoadConfigText(yaml, "t", dir.path()).config->webhooks[0].secrets[0], kSecretB);
}

// The secret's distinctive part; no message may contain it, nor a long piece of it.
const std::string kBody = "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

TEST(Secrets, NeverAppearInErrorMessages) {
  testing::TempDir dir;
  testing::WriteFile(dir / "bad-secret", "whsec_" + kBody + "!\n");
  testing::WriteFile(dir / "raw-secret", kBody + "\n");
  const std::string s = std::string(kSecretA);
  const std::string hook = "webhooks:\n  - name: crm\n    url: http://h/\n";
  const std::string cases[] = {
      hook + "    secret: whsec_" + kBody + "!\n",               // not base64
      hook + "    secret: " + kBody + "\n",                      // no prefix
      hook + "    secret: whsec_" + kBody.substr(0, 20) + "\n",  // too short
      hook + "    secret: [" + s + ", whsec_" + kBody + "=x]\n",
      hook + "    secret_file: bad-secret\n",
      hook + "    secret_file: raw-secret\n",
      hook + "    secret: " + s + "\n    secret_file: raw-secret\n",  // both
      hook + "    secret: " + s + "\n    events: [" + s + "]\n",      // misplaced
      hook + "    secret: " + s + "\n    feeds: [" + s + "]\n",
      hook + "    secret: " + s + "\n    timeout: " + s + "\n",
      hook + "    secret: " + s + "\n    max_in_flight: " + s + "\n",
      hook + "    secret: " + s + "\n    ordered: " + s + "\n",
      "site:\n  title: T\n  id_authority: " + s + "\n",
      "site:\n  language: " + s + "\n",
      "feeds:\n  - name: " + s + "\n",
      "http:\n  listen: " + s + "\n",
      s + ": 1\n",
      "dedupe:\n  jaccard: " + s + "\n",
      hook + "    url: " + s + "\n    secret: " + s + "\n",
  };
  for (const std::string& yaml : cases) {
    const ConfigLoad load = LoadConfigText(yaml, "t.yaml", dir.path());
    EXPECT_FALSE(load.errors.empty()) << yaml;
    for (const ConfigError& e : load.errors) {
      for (std::size_t at = 0; at + 8 <= kBody.size(); ++at) {
        EXPECT_EQ(e.ToString().find(kBody.substr(at, 8)), std::string::npos) << yaml << "\n"
                                                                             << e.ToString();
      }
    }
  }
}

}  // namespace
}  // namespace synd

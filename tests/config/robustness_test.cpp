// Whatever bytes a config file holds, loading returns a Config or positioned errors: it never
// throws, and never returns both or neither.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "config/load.hpp"
#include "tests/support/temp_dir.hpp"

namespace synd {
namespace {

void ExpectWellFormed(const ConfigLoad& load, const std::string& text) {
  EXPECT_NE(load.config.has_value(), !load.errors.empty()) << text;
  for (const ConfigError& e : load.errors) {
    EXPECT_GE(e.line, 1) << text;
    EXPECT_GE(e.column, 1) << text;
    EXPECT_FALSE(e.message.empty()) << text;
  }
}

TEST(LoadConfigRobustness, MutatedExampleFilesGiveAConfigOrPositionedErrors) {
  const std::string example =
      testing::ReadFile(std::filesystem::path(SYND_SOURCE_DIR) / "config/syndicated.example.yaml");
  const std::string alphabet = " \t\n:-[]{},#&*!|>'\"%@`?0123456789abcxyz.\\";
  std::mt19937 rng(20250328);  // fixed: a failure must reproduce
  int rejected = 0;
  for (int round = 0; round < 1500; ++round) {
    std::string text = example;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int i = 0; i < edits; ++i) {
      const std::size_t at = rng() % text.size();
      switch (rng() % 3) {
        case 0:
          text[at] = alphabet[rng() % alphabet.size()];
          break;
        case 1:
          text.erase(at, 1 + rng() % 8);
          break;
        default:
          text.insert(at, 1, alphabet[rng() % alphabet.size()]);
      }
      if (text.empty()) text = "x";
    }
    ConfigLoad load;
    EXPECT_NO_THROW(load = LoadConfigText(text, "fuzz.yaml", "/srv/synd")) << text;
    ExpectWellFormed(load, text);
    rejected += load.ok() ? 0 : 1;
  }
  // Most edits break something; if none were rejected the mutations did not reach the loader.
  EXPECT_GT(rejected, 100);
}

TEST(LoadConfigRobustness, OddDocumentsGiveAConfigOrPositionedErrors) {
  const std::string cases[] = {
      std::string("\0\0\0", 3),
      "\xEF\xBB\xBFsite: {}\n",
      "\xff\xfe\x00garbage",
      std::string(10000, '['),
      std::string(10000, '{'),
      "a: &x [*x]\n",
      "a: *undefined\n",
      "site: &s {title: T}\nhttp: *s\n",
      "<<: {site: {}}\n",
      "!!binary x: 1\n",
      "site: !custom {title: T}\n",
      "%YAML 1.2\n---\nsite: {}\n",
      "...\n",
  };
  for (const std::string& text : cases) {
    ConfigLoad load;
    EXPECT_NO_THROW(load = LoadConfigText(text, "odd.yaml", "/srv/synd")) << text;
    ExpectWellFormed(load, text);
  }
}

}  // namespace
}  // namespace synd

// Which configuration a command runs on (DESIGN.md §4): -c FILE, else ./syndicated.yaml, else
// the system file, else the embedded default; a file that is there but bad is never skipped.
#include <gtest/gtest.h>

#include <string>

#include "config/defaults.hpp"
#include "config/load.hpp"
#include "tests/support/temp_dir.hpp"

namespace synd {
namespace {

class ResolveConfigTest : public ::testing::Test {
 protected:
  // Each candidate sets a distinct site title, so the test can tell which one was read.
  void Write(const std::filesystem::path& path, const std::string& title) {
    testing::WriteFile(path, "site:\n  title: " + title + "\n");
  }
  std::string TitleOf(const ConfigLoad& load) {
    for (const ConfigError& e : load.errors) ADD_FAILURE() << e.ToString();
    return load.ok() ? load.config->site.title : "";
  }

  testing::TempDir dir_;
  std::filesystem::path cwd_ = dir_ / "work";
  std::filesystem::path system_ = dir_ / "etc/syndicated/syndicated.yaml";
};

TEST_F(ResolveConfigTest, TheCommandLineFileWinsAndResolvesAgainstTheWorkingDirectory) {
  Write(cwd_ / "conf/mine.yaml", "cli");
  Write(cwd_ / "syndicated.yaml", "local");
  Write(system_, "system");
  const ConfigLoad load = ResolveConfig(std::filesystem::path("conf/mine.yaml"), cwd_, system_);
  EXPECT_EQ(TitleOf(load), "cli");
  EXPECT_EQ(load.config->source, "conf/mine.yaml");
  EXPECT_EQ(load.config->paths.inbox, cwd_ / "conf/var/inbox");
}

TEST_F(ResolveConfigTest, AMissingCommandLineFileIsAnErrorNotAFallback) {
  Write(cwd_ / "syndicated.yaml", "local");
  const ConfigLoad load = ResolveConfig(std::filesystem::path("nope.yaml"), cwd_, system_);
  ASSERT_EQ(load.errors.size(), 1u);
  EXPECT_EQ(load.errors[0].ToString().rfind("nope.yaml:1:1: cannot read the configuration", 0), 0u)
      << load.errors[0].ToString();
  EXPECT_NE(load.errors[0].message.find("No such file or directory"), std::string::npos);
}

TEST_F(ResolveConfigTest, TheWorkingDirectoryFileComesBeforeTheSystemFile) {
  Write(cwd_ / "syndicated.yaml", "local");
  Write(system_, "system");
  const ConfigLoad load = ResolveConfig(std::nullopt, cwd_, system_);
  EXPECT_EQ(TitleOf(load), "local");
  EXPECT_EQ(load.config->source, (cwd_ / "syndicated.yaml").string());
}

TEST_F(ResolveConfigTest, TheSystemFileComesNext) {
  std::filesystem::create_directories(cwd_);
  Write(system_, "system");
  const ConfigLoad load = ResolveConfig(std::nullopt, cwd_, system_);
  EXPECT_EQ(TitleOf(load), "system");
  EXPECT_EQ(load.config->source, system_.string());
  EXPECT_EQ(load.config->paths.inbox, system_.parent_path() / "var/inbox");
}

TEST_F(ResolveConfigTest, WithNoFileTheEmbeddedDefaultRunsUnderTheWorkingDirectory) {
  std::filesystem::create_directories(cwd_);
  const ConfigLoad load = ResolveConfig(std::nullopt, cwd_, system_);
  ASSERT_TRUE(load.ok());
  EXPECT_EQ(*load.config, EmbeddedDefaultConfig(cwd_));
  EXPECT_EQ(load.config->source, "<embedded default>");
  EXPECT_EQ(load.config->http.listen, "127.0.0.1:8080");
  EXPECT_EQ(load.config->paths.inbox, cwd_ / "var/inbox");
}

TEST_F(ResolveConfigTest, ABadFileFoundOnTheWayIsReportedNotSkipped) {
  testing::WriteFile(cwd_ / "syndicated.yaml", "site: [\n");
  Write(system_, "system");
  ConfigLoad load = ResolveConfig(std::nullopt, cwd_, system_);
  ASSERT_FALSE(load.ok());
  EXPECT_EQ(load.errors[0].file, (cwd_ / "syndicated.yaml").string());

  std::filesystem::remove(cwd_ / "syndicated.yaml");
  std::filesystem::create_symlink(dir_ / "absent.yaml", cwd_ / "syndicated.yaml");
  load = ResolveConfig(std::nullopt, cwd_, system_);
  ASSERT_EQ(load.errors.size(), 1u);
  EXPECT_NE(load.errors[0].message.find("No such file or directory"), std::string::npos);
}

}  // namespace
}  // namespace synd

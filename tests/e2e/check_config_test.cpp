// `syndicated check-config` as an operator runs it: the real binary, real files, exit statuses
// 0 and 78, problems on stderr as FILE:LINE:COL: message.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/temp_dir.hpp"

namespace synd {
namespace {

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the binary with `args` in `cwd` through the shell; arguments are single-quoted.
ProcessResult RunSyndicated(const std::filesystem::path& cwd, const std::vector<std::string>& args,
                            const testing::TempDir& scratch) {
  std::string command = "cd '" + cwd.string() + "' && '" + SYND_BINARY + "'";
  for (const std::string& arg : args) command += " '" + arg + "'";
  command += " >'" + (scratch / "stdout").string() + "' 2>'" + (scratch / "stderr").string() + "'";
  const int status = std::system(command.c_str());
  ProcessResult run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = testing::ReadFile(scratch / "stdout");
  run.err = testing::ReadFile(scratch / "stderr");
  return run;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(CheckConfigCommand, AcceptsAGoodFileAndSaysWhichOne) {
  testing::TempDir dir;
  testing::WriteFile(dir / "good.yaml",
                     "site:\n  base_url: https://news.example.org/\nfeeds:\n  - name: all\n");
  const ProcessResult run = RunSyndicated(dir.path(), {"check-config", "-c", "good.yaml"}, dir);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  EXPECT_NE(run.out.find("OK"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("good.yaml"), std::string::npos) << run.out;
}

TEST(CheckConfigCommand, AcceptsTheInstalledExample) {
  testing::TempDir dir;
  const std::string example = std::string(SYND_SOURCE_DIR) + "/config/syndicated.example.yaml";
  const ProcessResult run = RunSyndicated(dir.path(), {"check-config", "--config", example}, dir);
  EXPECT_EQ(run.exit_code, 0) << run.err;
}

TEST(CheckConfigCommand, ReportsEveryProblemAsFileLineColumnAndExits78) {
  testing::TempDir dir;
  testing::WriteFile(dir / "bad.yaml",
                     "site:\n"
                     "  base_url: http://10.0.0.1/\n"
                     "feeds:\n"
                     "  - name: all\n"
                     "    limit: 0\n"
                     "webhooks:\n"
                     "  - name: crm\n"
                     "    url: http://hooks.example.org/\n"
                     "    secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\n"
                     "    timeout: 15\n");
  const ProcessResult run = RunSyndicated(dir.path(), {"check-config", "-c", "bad.yaml"}, dir);
  EXPECT_EQ(run.exit_code, 78);
  EXPECT_EQ(run.out, "");
  const std::vector<std::string> lines = Lines(run.err);
  ASSERT_EQ(lines.size(), 3u) << run.err;
  EXPECT_EQ(lines[0].rfind("bad.yaml:2:13: site.id_authority is missing", 0), 0u) << lines[0];
  EXPECT_EQ(lines[1].rfind("bad.yaml:5:12: feeds[0].limit:", 0), 0u) << lines[1];
  EXPECT_EQ(lines[2].rfind("bad.yaml:10:14: webhooks[0].timeout:", 0), 0u) << lines[2];
  EXPECT_EQ(run.err.find("MfKQ9r8G"), std::string::npos) << run.err;
}

TEST(CheckConfigCommand, AMissingFileExits78WithItsName) {
  testing::TempDir dir;
  const ProcessResult run = RunSyndicated(dir.path(), {"check-config", "-c", "absent.yaml"}, dir);
  EXPECT_EQ(run.exit_code, 78);
  EXPECT_EQ(run.err.rfind("absent.yaml:1:1: cannot read", 0), 0u) << run.err;
}

TEST(CheckConfigCommand, WithoutDashCReadsSyndicatedYamlInTheWorkingDirectory) {
  testing::TempDir dir;
  testing::WriteFile(dir / "syndicated.yaml", "shutdown_grace: 10\n");
  const ProcessResult run = RunSyndicated(dir.path(), {"check-config"}, dir);
  EXPECT_EQ(run.exit_code, 78);
  EXPECT_EQ(run.err.rfind((dir / "syndicated.yaml").string() + ":1:17: shutdown_grace:", 0), 0u)
      << run.err;
}

TEST(CheckConfigCommand, AnUnknownOptionIsAUsageError) {
  testing::TempDir dir;
  const ProcessResult run = RunSyndicated(dir.path(), {"check-config", "--bogus"}, dir);
  EXPECT_EQ(run.exit_code, 2) << run.err;
}

}  // namespace
}  // namespace synd

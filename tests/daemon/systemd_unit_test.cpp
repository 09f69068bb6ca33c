// Checks the shipped systemd unit the way an operator's tools do: systemd-analyze's offline
// security score and its verifier.
#include <gtest/gtest.h>
#include <stdio.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

namespace synd {
namespace {

const std::filesystem::path kUnit =
    std::filesystem::path(SYND_SOURCE_DIR) / "systemd" / "syndicated.service";

// Runs a shell command, returning its combined output and exit status.
std::pair<std::string, int> RunShell(const std::string& command) {
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  EXPECT_NE(pipe, nullptr) << command;
  if (!pipe) return {"", -1};
  std::string out;
  std::array<char, 4096> buf{};
  while (size_t n = fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
  const int status = ::pclose(pipe);
  return {out, WEXITSTATUS(status)};
}

TEST(SystemdUnit, SandboxScoresAtMostOnePointFive) {
  const auto [out, rc] =
      RunShell("systemd-analyze security --offline=yes --no-pager " + kUnit.string());
  std::smatch m;
  ASSERT_TRUE(std::regex_search(out, m, std::regex(R"(Overall exposure level for \S+: ([0-9.]+))")))
      << out;
  EXPECT_LE(std::stod(m[1].str()), 1.5) << out;
}

TEST(SystemdUnit, VerifierReportsNothingButTheUninstalledBinary) {
  const auto [out, rc] = RunShell("cd " + kUnit.parent_path().string() +
                                  " && systemd-analyze verify --man=no ./syndicated.service");
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    EXPECT_NE(line.find("/usr/bin/syndicated is not executable"), std::string::npos)
        << "unexpected verifier output: " << line;
  }
}

TEST(SystemdUnit, DeclaresTheServiceContract) {
  std::ifstream in(kUnit);
  std::stringstream text;
  text << in.rdbuf();
  for (const char* line : {"Type=notify", "Restart=on-failure", "RestartPreventExitStatus=78",
                           "WatchdogSec=", "ExecReload=/usr/bin/syndicated check-config",
                           "ExecReload=/bin/kill -HUP $MAINPID", "User=syndicated"}) {
    EXPECT_NE(text.str().find(line), std::string::npos) << line;
  }
}

}  // namespace
}  // namespace synd

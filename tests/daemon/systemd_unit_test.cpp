// Checks the shipped systemd unit the way an operator's tools do: systemd-analyze's offline
// security score and its verifier.
#include <gtest/gtest.h>
#include <stdio.h>

#include <array>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

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

// SCORE from systemd-analyze's "Overall exposure level for UNIT: SCORE ..." line, or nullopt.
// (Not with std::regex: g++ 12 warns inside <regex> under the sanitizers, and warnings are
// errors.)
std::optional<double> ExposureLevel(const std::string& out) {
  constexpr std::string_view kLabel = "Overall exposure level for ";
  const std::size_t at = out.find(kLabel);
  if (at == std::string::npos) return std::nullopt;
  const std::size_t unit = at + kLabel.size();
  const std::size_t colon = out.find(": ", unit);
  if (colon == std::string::npos || colon == unit || out.find_first_of(" \t\n", unit) < colon) {
    return std::nullopt;
  }
  double score = 0;
  const char* digits = out.data() + colon + 2;
  const auto [end, error] = std::from_chars(digits, out.data() + out.size(), score);
  if (error != std::errc() || end == digits) return std::nullopt;
  return score;
}

TEST(SystemdUnit, SandboxScoresAtMostOnePointFive) {
  const auto [out, rc] =
      RunShell("systemd-analyze security --offline=yes --no-pager " + kUnit.string());
  const std::optional<double> score = ExposureLevel(out);
  ASSERT_TRUE(score) << out;
  EXPECT_LE(*score, 1.5) << out;
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
  for (const char* line :
       {"Type=notify", "Restart=on-failure", "RestartPreventExitStatus=78",
        "WatchdogSec=", "ExecReload=/usr/bin/syndicated check-config",
        "ExecReload=/bin/kill -HUP $MAINPID", "User=syndicated",
        // Read leases on producers' files tell a file still being written.
        "CapabilityBoundingSet=CAP_LEASE\n", "AmbientCapabilities=CAP_LEASE\n"}) {
    EXPECT_NE(text.str().find(line), std::string::npos) << line;
  }
}

}  // namespace
}  // namespace synd

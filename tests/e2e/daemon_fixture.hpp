// Shared set-up for end-to-end tests of `syndicated run`: a temp folder with a config on
// loopback port 0, the daemon as a child process, and article files unlike each other.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

namespace synd::testing {

// The config every daemon test starts from; `extra` is appended (e.g. more feeds).
std::string DaemonConfig(const std::string& extra = "");

// A plain one-article text file whose title and words are its own: no two indexes share a
// 5-word shingle, so each is a new story.
std::string DistinctArticle(int index);

// DistinctArticle(index) with its title edited to "Story <index> (updated) ...": the same
// article, so a revision of its story rather than a new one.
std::string RetitledArticle(int index);

// Writes `bytes` next to the inbox and renames it in, as a careful producer does.
void DropFile(const std::filesystem::path& root, const std::string& name, const std::string& bytes);

// Counts regular files and symlinks in `dir` (not *.error files).
std::size_t CountInputs(const std::filesystem::path& dir);

class DaemonTest : public ::testing::Test {
 protected:
  DaemonTest();
  // Writes the config and starts `syndicated run`; waits for READY=1.
  void StartDaemon(const std::string& config = DaemonConfig());
  std::filesystem::path root() const { return dir_.path(); }
  std::filesystem::path inbox() const { return dir_ / "var/inbox"; }
  std::string Feed(const std::string& file) const;  // var/feeds/<file>, "" when missing

  TempDir dir_;
  ChildProcess daemon_;
};

}  // namespace synd::testing

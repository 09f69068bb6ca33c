// Test support: a fresh temporary directory per test, removed with everything in it at the end.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace synd::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(std::string_view name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// Reads a whole file; fails the current test (and returns "") when it cannot.
std::string ReadFile(const std::filesystem::path& path);

// Writes a whole file, creating parent folders.
void WriteFile(const std::filesystem::path& path, std::string_view bytes);

// Path of a fixture under tests/data/.
std::filesystem::path DataFile(std::string_view name);

}  // namespace synd::testing

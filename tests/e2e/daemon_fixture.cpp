#include "tests/e2e/daemon_fixture.hpp"

#include <random>

namespace synd::testing {

std::string DaemonConfig(const std::string& extra) {
  return "site:\n"
         "  title: E2E News\n"
         "  base_url: http://127.0.0.1:8080/\n"
         "  id_authority: e2e.example.org\n"
         "http:\n"
         "  listen: 127.0.0.1:0\n" +
         extra;
}

std::string DistinctArticle(int index) {
  std::mt19937 rng(static_cast<unsigned>(index) * 7919u + 17u);
  const char* syllables[] = {"ka", "lo", "mi", "ne", "su", "ta",
                             "ri", "po", "ve", "zu", "do", "fa"};
  auto word = [&] {
    std::string w;
    for (int i = 0; i < 3; ++i) w += syllables[rng() % 12];
    return w;
  };
  std::string text = "Story " + std::to_string(index) + " " + word() + " " + word() + "\n\n";
  for (int p = 0; p < 4; ++p) {
    for (int w = 0; w < 30; ++w) text += word() + (w == 29 ? ".\n" : " ");
  }
  return text;
}

std::string RetitledArticle(int index) {
  const std::string title = "Story " + std::to_string(index) + " ";
  return title + "(updated) " + DistinctArticle(index).substr(title.size());
}

void DropFile(const std::filesystem::path& root, const std::string& name,
              const std::string& bytes) {
  const std::filesystem::path staging = root / ("staging-" + name);
  WriteFile(staging, bytes);
  std::filesystem::rename(staging, root / "var/inbox" / name);
}

std::size_t CountInputs(const std::filesystem::path& dir) {
  std::error_code ec;
  std::size_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (e.path().extension() != ".error") ++n;
  }
  return n;
}

DaemonTest::DaemonTest() : daemon_(dir_.path()) {}

void DaemonTest::StartDaemon(const std::string& config) {
  WriteFile(dir_ / "syndicated.yaml", config);
  ASSERT_TRUE(daemon_.Start({"run", "-c", "syndicated.yaml"}));
  ASSERT_TRUE(daemon_.WaitForNotification("READY=1")) << daemon_.Log();
  // The "ready:" log line, which names the HTTP port, is written just after READY=1.
  ASSERT_TRUE(WaitFor([&] { return daemon_.Log().find("info: ready: ") != std::string::npos; }))
      << daemon_.Log();
}

std::string DaemonTest::Feed(const std::string& file) const {
  std::error_code ec;
  const auto path = dir_ / ("var/feeds/" + file);
  if (!std::filesystem::exists(path, ec)) return "";
  return ReadFile(path);
}

}  // namespace synd::testing

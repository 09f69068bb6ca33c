#include "tests/e2e/once_run.hpp"

#include <sys/wait.h>

#include <cstdlib>

namespace synd::testing {

OnceRun Once(const TempDir& dir, const std::vector<std::string>& extra) {
  std::string command = "cd '" + dir.path().string() + "' && '" + SYND_BINARY + "' once";
  for (const std::string& arg : extra) command += " '" + arg + "'";
  command += " >'" + (dir / "stdout").string() + "' 2>'" + (dir / "stderr").string() + "'";
  const int status = std::system(command.c_str());
  return OnceRun{WIFEXITED(status) ? WEXITSTATUS(status) : -1, ReadFile(dir / "stdout"),
                 ReadFile(dir / "stderr")};
}

}  // namespace synd::testing

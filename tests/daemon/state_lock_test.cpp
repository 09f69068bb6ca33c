#include "daemon/state_lock.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <optional>

#include "tests/support/temp_dir.hpp"

namespace synd {
namespace {

TEST(StateLock, SecondHolderIsRefusedWithThePidOfTheFirstUntilItLetsGo) {
  testing::TempDir dir;
  std::optional<Result<StateLock>> first(StateLock::Acquire(dir.path()));
  ASSERT_TRUE(first->ok()) << first->status().message();
  Result<StateLock> second = StateLock::Acquire(dir.path());
  ASSERT_FALSE(second.ok());
  const std::string message = second.status().message();
  EXPECT_NE(message.find("another syndicated (pid " + std::to_string(::getpid()) + ")"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find((dir / StateLock::kFileName).string()), std::string::npos) << message;
  first.reset();
  EXPECT_TRUE(StateLock::Acquire(dir.path()).ok()) << "released with its holder";
}

TEST(StateLock, AMissingStateFolderIsAnErrorNamingTheLockFile) {
  testing::TempDir dir;
  Result<StateLock> lock = StateLock::Acquire(dir / "missing");
  ASSERT_FALSE(lock.ok());
  EXPECT_NE(lock.status().message().find("cannot open " + (dir / "missing").string()),
            std::string::npos)
      << lock.status().message();
}

}  // namespace
}  // namespace synd

#include "daemon/state_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace synd {
namespace {

std::string ReadHolder(int fd) {
  char buf[32] = {};
  const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
  if (n <= 0) return "";
  std::string pid(buf, static_cast<std::size_t>(n));
  while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
  return pid;
}

}  // namespace

Result<StateLock> StateLock::Acquire(const std::filesystem::path& state) {
  const std::filesystem::path path = state / kFileName;
  UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0640));
  if (fd.get() < 0) {
    return Status::Io("cannot open " + path.string() + ": " + std::strerror(errno));
  }
  if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK) {
      return Status::Io("cannot lock " + path.string() + ": " + std::strerror(errno));
    }
    const std::string holder = ReadHolder(fd.get());
    return Status::Io("another syndicated" + (holder.empty() ? "" : " (pid " + holder + ")") +
                      " is using the state folder " + state.string() + " (it holds " +
                      path.string() + "); stop it first");
  }
  const std::string pid = std::to_string(::getpid()) + "\n";
  // The pid is for the message above only; failing to write it does not matter.
  if (::ftruncate(fd.get(), 0) == 0) (void)!::pwrite(fd.get(), pid.data(), pid.size(), 0);
  return StateLock(std::move(fd));
}

}  // namespace synd

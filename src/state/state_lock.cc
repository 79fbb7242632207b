#include "state/state_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <thread>

#include "base/file.h"

namespace vueops::state {
namespace {

// How often a waiting process tries the lock again. Only waits the caller asked for sleep.
constexpr std::chrono::milliseconds kRetryInterval(100);
// Enough of the holder's description for a message; the file is never larger than we write.
constexpr uint64_t kMaxHolderBytes = 4096;

// "pid 123 on host, since 2024-01-02T03:04:05Z: vueops apply --parallelism 4"
std::string DescribeThisProcess() {
  char host[256] = "";
  ::gethostname(host, sizeof host - 1);
  std::time_t now = std::time(nullptr);
  std::tm utc;
  char since[32] = "";
  if (gmtime_r(&now, &utc) != nullptr) std::strftime(since, sizeof since, "%FT%TZ", &utc);
  std::string command;
  if (Result<std::string> cmdline = ReadFile("/proc/self/cmdline", kMaxHolderBytes); cmdline.ok()) {
    for (char c : *cmdline) command += c == '\0' ? ' ' : c;
    while (!command.empty() && command.back() == ' ') command.pop_back();
  }
  std::string description = "pid " + std::to_string(::getpid()) + " on " + host + ", since " +
                            since + (command.empty() ? "" : ": " + command);
  return description.substr(0, kMaxHolderBytes - 1);
}

Status Held(const std::string& state_path, const std::string& lock_path, int timeout_ms) {
  Result<std::string> holder = ReadFile(lock_path, kMaxHolderBytes);
  std::string who = holder.ok() && !holder->empty() ? " (" + *holder + ")" : "";
  std::string waited =
      timeout_ms > 0 ? "; still held after " + std::to_string(timeout_ms) + " ms" : "";
  return AbortedError(state_path + " is in use by another vueops process" + who + waited +
                      "; let it finish and run again. If that process is gone, the lock went "
                      "with it: nothing needs removing");
}

}  // namespace

std::string StateLock::LockPath(const std::string& state_path) { return state_path + ".lock"; }

Result<std::unique_ptr<StateLock>> StateLock::Acquire(const std::string& state_path,
                                                      int timeout_ms) {
  const std::string lock_path = LockPath(state_path);
  int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    int error = errno;
    std::string message = "cannot open the lock " + lock_path + ": " + std::strerror(error);
    if (error == EACCES || error == EPERM || error == EROFS) {
      return PermissionDeniedError(message + "; make " + DirectoryOf(lock_path) + " writable");
    }
    return UnavailableError(message);
  }
  std::unique_ptr<StateLock> lock(new StateLock(fd));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EINTR) continue;
    if (errno != EWOULDBLOCK) {
      return UnavailableError("cannot lock " + lock_path + ": " + std::strerror(errno));
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      return Held(state_path, lock_path, timeout_ms);
    }
    std::this_thread::sleep_for(kRetryInterval);
  }
  // Who holds it, for the message another process prints; the lock does not depend on it.
  std::string holder = DescribeThisProcess();
  if (::ftruncate(fd, 0) == 0) {
    ssize_t written = ::pwrite(fd, holder.data(), holder.size(), 0);
    (void)written;
  }
  return lock;
}

StateLock::~StateLock() {
  // Closing the descriptor releases the flock. The file stays: removing it would race with a
  // process that has it open and is about to lock it.
  ::close(fd_);
}

}  // namespace vueops::state

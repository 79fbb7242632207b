// The local backend's operation lock: one vueops process at a time may apply, destroy or
// repair a state, while any number read it. An flock(2) on PATH.lock beside the state, so the
// kernel releases it when its holder exits, however it exits (kill -9 included); the file
// names the holder for the message the next process prints.
#ifndef VUEOPS_STATE_STATE_LOCK_H_
#define VUEOPS_STATE_STATE_LOCK_H_

#include <memory>
#include <string>

#include "base/status.h"

namespace vueops::state {

class StateLock {
 public:
  // Takes the lock of the state at `state_path`, waiting up to `timeout_ms` for its holder
  // (0: not at all). kAborted when it is held, naming the holder (process, host, since when,
  // command line) and what to do.
  static Result<std::unique_ptr<StateLock>> Acquire(const std::string& state_path, int timeout_ms);

  ~StateLock();  // releases it
  StateLock(const StateLock&) = delete;
  StateLock& operator=(const StateLock&) = delete;

  // PATH.lock, the file the lock is taken on.
  static std::string LockPath(const std::string& state_path);

 private:
  explicit StateLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace vueops::state

#endif  // VUEOPS_STATE_STATE_LOCK_H_

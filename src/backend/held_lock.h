// Taking the team backend's lock, waiting for a live holder up to a timeout, and keeping it:
// the lease is renewed in the background while the operation runs, and a lost lease is
// noticed before the next state write.
#ifndef VUEOPS_BACKEND_HELD_LOCK_H_
#define VUEOPS_BACKEND_HELD_LOCK_H_

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "backend/remote_lock.h"
#include "base/clock.h"
#include "base/status.h"

namespace vueops::backend {

// Long enough that a slow network never loses a live holder's lock; short enough that the
// next operator learns of a killed holder within a minute.
inline constexpr int kDefaultLeaseSeconds = 60;

struct LockRequest {
  std::string operation;  // "apply"
  std::string who;        // the operator ($USER, and the AWS identity when known)
  std::string host;       // empty: this machine's name
  int64_t pid = 0;        // 0: this process
  int lease_seconds = kDefaultLeaseSeconds;
  // How long to wait for a live holder (--lock-timeout); zero fails at once.
  Clock::Duration timeout{0};
  // Told once when the lock is held by another and we start waiting.
  std::function<void(const LockInfo& holder)> waiting;
  // Renew on a thread of our own; tests call RenewIfDue instead.
  bool renew_in_background = true;
};

class HeldLock {
 public:
  // Takes the lock. A live holder is waited for up to request.timeout, then kAborted naming
  // it and --lock-timeout. A holder whose lease ran out is never replaced here:
  // kFailedPrecondition naming it and `vueops state unlock ID`.
  static Result<std::unique_ptr<HeldLock>> Acquire(std::unique_ptr<RemoteLock> lock,
                                                   LockRequest request, Clock& clock);
  ~HeldLock();  // stops renewing and removes the lock (best effort: a lock left behind
                // expires and is reported to the next operator)
  HeldLock(const HeldLock&) = delete;
  HeldLock& operator=(const HeldLock&) = delete;

  LockInfo info();
  // OK while the lock is ours; kAborted once a renewal found it taken over or the lease ran
  // out before a renewal succeeded. State writes check this first.
  Status Check();
  // Renews when a third of the lease has passed since the last renewal.
  void RenewIfDue();
  std::string Describe() const { return lock_->Describe(); }

 private:
  HeldLock(std::unique_ptr<RemoteLock> lock, LockInfo info, Clock& clock);
  void RenewLoop();

  std::unique_ptr<RemoteLock> lock_;
  Clock& clock_;
  std::mutex mutex_;
  LockInfo info_;
  Clock::TimePoint last_renewal_;
  Status lost_;
  bool stopping_ = false;
  std::condition_variable wake_;
  std::thread renewer_;
};

}  // namespace vueops::backend

#endif  // VUEOPS_BACKEND_HELD_LOCK_H_

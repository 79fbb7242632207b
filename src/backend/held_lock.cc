#include "backend/held_lock.h"

#include <unistd.h>

#include "state/lineage.h"

namespace vueops::backend {
namespace {

// How often a waiting operator asks again.
constexpr Clock::Duration kPollInterval = std::chrono::seconds(2);
// How often the renewing thread wakes to see whether a renewal is due.
constexpr std::chrono::milliseconds kRenewTick(500);

int64_t Seconds(Clock::TimePoint time) {
  return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

std::string ThisHost() {
  char host[256] = "";
  ::gethostname(host, sizeof host - 1);
  return host;
}

}  // namespace

Result<std::unique_ptr<HeldLock>> HeldLock::Acquire(std::unique_ptr<RemoteLock> lock,
                                                    LockRequest request, Clock& clock) {
  if (request.lease_seconds < 3) {
    return InvalidArgumentError("a lock lease must be at least 3 seconds, not " +
                                std::to_string(request.lease_seconds));
  }
  LockInfo info;
  info.id = state::NewLineage();
  info.who = request.who;
  info.host = request.host.empty() ? ThisHost() : request.host;
  info.pid = request.pid != 0 ? request.pid : ::getpid();
  info.operation = request.operation;
  info.lease_seconds = request.lease_seconds;
  const Clock::Duration deadline = clock.Monotonic() + request.timeout;
  bool told = false;
  while (true) {
    const Clock::TimePoint now = clock.Now();
    info.created_at = Seconds(now);
    info.expires_at = info.created_at + info.lease_seconds;
    ASSIGN_OR_RETURN(LockAttempt attempt, lock->TryAcquire(info));
    if (attempt.acquired) {
      std::unique_ptr<HeldLock> held(new HeldLock(std::move(lock), info, clock));
      if (request.renew_in_background)
        held->renewer_ = std::thread([raw = held.get()] { raw->RenewLoop(); });
      return held;
    }
    if (!attempt.holder.has_value()) continue;  // released between our write and our read
    const LockInfo& holder = *attempt.holder;
    if (LeaseExpired(holder, clock.Now())) {
      return FailedPreconditionError(
          "the state is locked by " + holder.id + ": " + DescribeLock(holder, clock.Now()) +
          ". Its holder stopped renewing the lease: it was killed or lost its network, and what "
          "it finished is in the state. If it is not running any more, take the lock over "
          "with: vueops state unlock " +
          holder.id);
    }
    const Clock::Duration left = deadline - clock.Monotonic();
    if (left <= Clock::Duration::zero()) {
      std::string waited =
          request.timeout.count() > 0
              ? "; still held after waiting " +
                    std::to_string(
                        std::chrono::duration_cast<std::chrono::seconds>(request.timeout).count()) +
                    " s"
              : "";
      return AbortedError("the state is locked by " + holder.id + ": " +
                          DescribeLock(holder, clock.Now()) + waited +
                          "; let it finish, or wait for it with --lock-timeout DURATION "
                          "(e.g. --lock-timeout 10m)");
    }
    if (!told && request.waiting) request.waiting(holder);
    told = true;
    clock.SleepFor(std::min(left, kPollInterval));
  }
}

HeldLock::HeldLock(std::unique_ptr<RemoteLock> lock, LockInfo info, Clock& clock)
    : lock_(std::move(lock)), clock_(clock), info_(std::move(info)), last_renewal_(clock.Now()) {}

HeldLock::~HeldLock() {
  {
    std::lock_guard guard(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (renewer_.joinable()) renewer_.join();
  std::lock_guard guard(mutex_);
  if (lost_.ok()) lock_->Release(info_).IgnoreError();
}

LockInfo HeldLock::info() {
  std::lock_guard guard(mutex_);
  return info_;
}

Status HeldLock::Check() {
  std::lock_guard guard(mutex_);
  if (lost_.ok() && Seconds(clock_.Now()) > info_.expires_at) {
    lost_ = AbortedError("the lease on " + lock_->Describe() +
                         " ran out before it could be renewed; another operator may hold the "
                         "state now");
  }
  return lost_;
}

void HeldLock::RenewIfDue() {
  std::lock_guard guard(mutex_);
  if (!lost_.ok()) return;
  const Clock::TimePoint now = clock_.Now();
  if (now - last_renewal_ < std::chrono::seconds(info_.lease_seconds) / 3) return;
  LockInfo renewed = info_;
  renewed.expires_at = Seconds(now) + info_.lease_seconds;
  Status status = lock_->Renew(renewed);
  if (status.ok()) {
    info_ = renewed;
    last_renewal_ = now;
  } else if (status.code() == StatusCode::kAborted) {
    lost_ = status;
  }
  // Other failures (the network) are tried again at the next tick; Check() notices a lease
  // that ran out meanwhile.
}

void HeldLock::RenewLoop() {
  std::unique_lock guard(mutex_);
  while (!stopping_) {
    wake_.wait_for(guard, kRenewTick);
    if (stopping_) break;
    guard.unlock();
    RenewIfDue();
    guard.lock();
  }
}

}  // namespace vueops::backend

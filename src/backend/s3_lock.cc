// The lock as an S3 object beside the state, taken with If-None-Match: * and renewed with
// If-Match on its own ETag, so that nothing but its holder ever changes it.
#include <mutex>

#include "backend/remote_lock.h"

namespace vueops::backend {
namespace {

class S3Lock final : public RemoteLock {
 public:
  S3Lock(std::unique_ptr<ObjectStore> objects, std::string key, Clock& clock, S3LockOptions options)
      : objects_(std::move(objects)), key_(std::move(key)), clock_(clock), options_(options) {}

  Result<LockAttempt> TryAcquire(const LockInfo& lock) override {
    std::string body = DumpJson(LockToJson(lock));
    ASSIGN_OR_RETURN(WriteOutcome outcome, objects_->Put(key_, body, WriteCondition::IfAbsent()));
    if (outcome.written) {
      if (options_.confirm_after.count() > 0) clock_.SleepFor(options_.confirm_after);
    }
    // Read back in both cases: a written lock is confirmed (see S3LockOptions), and a refused
    // write may have been our own first attempt whose answer was lost (the client retried it).
    ASSIGN_OR_RETURN(std::optional<StoredObject> there, objects_->Get(key_));
    LockAttempt attempt;
    if (!there.has_value()) return attempt;  // released meanwhile: try again
    ASSIGN_OR_RETURN(LockInfo holder, LockFromJson(there->body, Describe()));
    if (holder.id == lock.id) {
      std::lock_guard guard(mutex_);
      etag_ = there->etag;
      attempt.acquired = true;
      return attempt;
    }
    attempt.holder = std::move(holder);
    return attempt;
  }

  Status Renew(const LockInfo& lock) override {
    std::string etag;
    {
      std::lock_guard guard(mutex_);
      etag = etag_;
    }
    ASSIGN_OR_RETURN(WriteOutcome outcome, objects_->Put(key_, DumpJson(LockToJson(lock)),
                                                         WriteCondition::IfMatch(etag)));
    if (!outcome.written) {
      // Our renewal's first attempt may have landed before a retry was refused.
      ASSIGN_OR_RETURN(std::optional<StoredObject> there, objects_->Get(key_));
      if (there.has_value() && there->body == DumpJson(LockToJson(lock))) {
        outcome.etag = there->etag;
      } else {
        return Lost(there);
      }
    }
    std::lock_guard guard(mutex_);
    etag_ = outcome.etag;
    return Status::Ok();
  }

  Status Release(const LockInfo& lock) override {
    ASSIGN_OR_RETURN(std::optional<StoredObject> there, objects_->Get(key_));
    if (!there.has_value()) return Status::Ok();
    Result<LockInfo> holder = LockFromJson(there->body, Describe());
    if (!holder.ok() || holder->id != lock.id) return Status::Ok();  // not ours to remove
    ASSIGN_OR_RETURN(bool deleted, objects_->Delete(key_, there->etag));
    (void)deleted;  // replaced meanwhile: then it is not ours
    return Status::Ok();
  }

  Result<std::optional<LockInfo>> Read() override {
    ASSIGN_OR_RETURN(std::optional<StoredObject> there, objects_->Get(key_));
    if (!there.has_value()) return std::optional<LockInfo>();
    ASSIGN_OR_RETURN(LockInfo holder, LockFromJson(there->body, Describe()));
    return std::optional<LockInfo>(std::move(holder));
  }

  Status Remove(const std::string& id) override {
    ASSIGN_OR_RETURN(std::optional<StoredObject> there, objects_->Get(key_));
    if (!there.has_value()) return NotFoundError(Describe() + ": the state is not locked");
    ASSIGN_OR_RETURN(LockInfo holder, LockFromJson(there->body, Describe()));
    if (holder.id != id) {
      return FailedPreconditionError("the lock on the state is " + holder.id + " (" +
                                     DescribeLock(holder, clock_.Now()) + "), not " + id);
    }
    ASSIGN_OR_RETURN(bool deleted, objects_->Delete(key_, there->etag));
    if (!deleted) {
      return AbortedError(Describe() +
                          " changed while it was being removed (its holder renewed "
                          "it: it is alive); nothing was removed");
    }
    return Status::Ok();
  }

  std::string Describe() const override { return objects_->Describe(key_); }

 private:
  Status Lost(const std::optional<StoredObject>& there) {
    std::string now_there = "nobody holds it now";
    if (there.has_value()) {
      Result<LockInfo> holder = LockFromJson(there->body, Describe());
      now_there = holder.ok() ? "it is now held by " + holder->id + " (" +
                                    DescribeLock(*holder, clock_.Now()) + ")"
                              : "another object is there now";
    }
    return AbortedError("lost the lock " + Describe() +
                        " (someone removed it with vueops state unlock; " + now_there + ")");
  }

  std::unique_ptr<ObjectStore> objects_;
  std::string key_;
  Clock& clock_;
  S3LockOptions options_;
  std::mutex mutex_;
  std::string etag_;  // of our lock object, while we hold it
};

}  // namespace

std::unique_ptr<RemoteLock> NewS3Lock(std::unique_ptr<ObjectStore> objects, std::string key,
                                      Clock& clock, S3LockOptions options) {
  return std::make_unique<S3Lock>(std::move(objects), std::move(key), clock, options);
}

}  // namespace vueops::backend

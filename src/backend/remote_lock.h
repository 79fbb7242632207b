// The team backend's operation lock: one apply, destroy, import or state repair at a time on a
// state kept in S3, by whoever runs it. Held under a lease that its holder renews while it
// works; a lock whose lease ran out (its holder was killed or lost its network) is never taken
// silently: it is reported with its owner, and `vueops state unlock LOCK_ID` removes it.
//
// Two stores: an S3 object written with If-None-Match (the default), and a DynamoDB item
// written with a condition (for S3-compatible stores without conditional writes).
#ifndef VUEOPS_BACKEND_REMOTE_LOCK_H_
#define VUEOPS_BACKEND_REMOTE_LOCK_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "backend/object_store.h"
#include "base/clock.h"
#include "base/json.h"
#include "base/status.h"
#include "client/aws_client.h"

namespace vueops::backend {

// Who holds a lock, for the message every waiting operator reads.
struct LockInfo {
  std::string id;          // random; what `vueops state unlock` names
  std::string who;         // the operator: "alice" ($USER) and the AWS identity when known
  std::string host;        // where the holder runs
  int64_t pid = 0;         // its process
  std::string operation;   // "apply", "destroy", "import", "state push", ...
  int64_t created_at = 0;  // seconds since the epoch
  int64_t expires_at = 0;  // the lease's end, moved forward by each renewal
  int lease_seconds = 0;

  bool operator==(const LockInfo&) const = default;
};

Json LockToJson(const LockInfo& lock);
// kDataLoss naming `source` for text that is not a lock this vueops wrote.
Result<LockInfo> LockFromJson(std::string_view text, const std::string& source);
// "apply by alice on build-7 (pid 4242), since 2026-11-24T21:00:00Z, lease until
// 2026-11-24T21:01:00Z (expired 3 min ago)".
std::string DescribeLock(const LockInfo& lock, Clock::TimePoint now);
bool LeaseExpired(const LockInfo& lock, Clock::TimePoint now);

// The outcome of one attempt: taken, or held by `holder` (nullopt when it vanished between
// the attempt and the read: try again).
struct LockAttempt {
  bool acquired = false;
  std::optional<LockInfo> holder;
};

class RemoteLock {
 public:
  virtual ~RemoteLock() = default;
  // Writes `lock` if no lock exists, atomically. Never replaces another lock, live or not.
  virtual Result<LockAttempt> TryAcquire(const LockInfo& lock) = 0;
  // Rewrites our lock with its new expires_at. kAborted when the lock there is no longer ours
  // (someone ran `vueops state unlock` and took it): the caller must stop writing.
  virtual Status Renew(const LockInfo& lock) = 0;
  // Removes our lock; OK when it is gone already; leaves another's.
  virtual Status Release(const LockInfo& lock) = 0;
  virtual Result<std::optional<LockInfo>> Read() = 0;
  // `vueops state unlock ID`: removes the lock if its id is `id`. kNotFound when there is no
  // lock; kFailedPrecondition naming the holder when the lock there has another id.
  virtual Status Remove(const std::string& id) = 0;
  // "s3://bucket/vueops/state.lock", "DynamoDB table locks, item vueops-state/vueops/state".
  virtual std::string Describe() const = 0;
};

struct S3LockOptions {
  // After a conditional write succeeds, the holder reads the lock back this much later and
  // keeps it only if it is still its own. Amazon S3 makes If-None-Match atomic and this read
  // only confirms it; emulators and S3-compatible stores that check the condition and write in
  // two steps (moto does) can let two writers through, and the read-back catches the loser.
  Clock::Duration confirm_after = std::chrono::milliseconds(300);
};

// The lock at `key` (the state's key + ".lock") in `objects` (owned).
std::unique_ptr<RemoteLock> NewS3Lock(std::unique_ptr<ObjectStore> objects, std::string key,
                                      Clock& clock, S3LockOptions options = {});

// The lock as an item of the DynamoDB table `table` (hash key "LockID", a string, as
// Terraform's lock tables have), item id `lock_id` ("bucket/key").
std::unique_ptr<RemoteLock> NewDynamoDbLock(client::AwsClient client, std::string table,
                                            std::string lock_id, Clock& clock);

}  // namespace vueops::backend

#endif  // VUEOPS_BACKEND_REMOTE_LOCK_H_

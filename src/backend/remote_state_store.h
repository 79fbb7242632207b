// The team backend's state: one S3 object holding the state document (state/snapshot.h),
// written as a new version at every change and guarded by its ETag, with a local journal so
// that nothing is lost when S3 cannot be reached.
//
// A change is made in memory, written to the journal (durable when the call returns), then
// pushed: PutObject with If-Match on the ETag of the version it replaces (If-None-Match: * for
// the first). Changes made by several threads while a push is in flight go up together in the
// next one. A push that fails for want of a network is reported once and retried by the next
// change and at close; what is still unpushed stays in the journal and the next run pushes it.
// A push refused because S3 holds a version we did not write (someone broke our lock) stops
// all writing with an error: the state never forks.
//
// Opened for an operation (with a HeldLock), the store is writable; opened without, it reads
// the latest state (S3's, or the journal's when the journal holds changes not yet pushed).
#ifndef VUEOPS_BACKEND_REMOTE_STATE_STORE_H_
#define VUEOPS_BACKEND_REMOTE_STATE_STORE_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "backend/held_lock.h"
#include "backend/object_store.h"
#include "state/snapshot.h"
#include "state/store.h"

namespace vueops::backend {

struct RemoteStateOptions {
  std::string key;           // the state object's key ("vueops/state")
  std::string journal_path;  // the local journal (mode 0600)
  // Where warnings go (a push that failed and is kept in the journal); may be empty.
  std::function<void(std::string_view)> notes;
};

// What a remote store can say beyond StateStore.
class RemoteStateStore : public state::StateStore {
 public:
  // Pushes what is unpushed. OK when S3 holds the latest change; otherwise the error, with
  // the journal's path (the changes are safe there).
  virtual Status Flush() = 0;
  // Changes in the journal not yet in S3.
  virtual int64_t unpushed() = 0;
  // "s3://bucket/key".
  virtual std::string source() const = 0;
};

// Opens the state at options.key in `objects`. With `lock` (held for an operation), the store
// may change the state and releases the lock when destroyed, after a last push. Errors name
// the object and the journal: a journal with unpushed changes that S3 has moved past
// (kFailedPrecondition, naming both serials and how to choose), a state that is not vueops's.
Result<std::unique_ptr<RemoteStateStore>> OpenRemoteState(std::unique_ptr<ObjectStore> objects,
                                                          std::unique_ptr<HeldLock> lock,
                                                          RemoteStateOptions options);

// What `vueops state push` needs: replace the remote state with `snapshot` under `lock`,
// guarded by the ETag of the version read at `expected_etag` (empty: there must be none).
// Returns the new ETag. kFailedPrecondition when the remote moved meanwhile.
Result<std::string> WriteRemoteState(ObjectStore& objects, const std::string& key,
                                     const state::StateSnapshot& snapshot,
                                     const std::string& expected_etag);

}  // namespace vueops::backend

#endif  // VUEOPS_BACKEND_REMOTE_STATE_STORE_H_

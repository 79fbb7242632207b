// Where the team backend keeps its objects: S3 in production, memory in tests. Only what the
// backend needs: read an object with its ETag, write one on a condition (absent, or still at
// an ETag), delete one on a condition.
#ifndef VUEOPS_BACKEND_OBJECT_STORE_H_
#define VUEOPS_BACKEND_OBJECT_STORE_H_

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "base/status.h"
#include "client/aws_client.h"

namespace vueops::backend {

struct StoredObject {
  std::string body;
  std::string etag;  // without quotes
};

// When a write may happen.
struct WriteCondition {
  enum class Kind { kAlways, kIfAbsent, kIfMatch };
  Kind kind = Kind::kAlways;
  std::string etag;  // kIfMatch: the ETag the object must still have

  static WriteCondition Always() { return {}; }
  static WriteCondition IfAbsent() { return {Kind::kIfAbsent, ""}; }
  static WriteCondition IfMatch(std::string etag) { return {Kind::kIfMatch, std::move(etag)}; }
};

// The result of a conditional write: written with a new ETag, or refused because the
// condition did not hold (someone else wrote first).
struct WriteOutcome {
  bool written = false;
  std::string etag;
};

class ObjectStore {
 public:
  virtual ~ObjectStore() = default;
  // nullopt when there is no object at `key`.
  virtual Result<std::optional<StoredObject>> Get(const std::string& key) = 0;
  // A failed condition is an OK result with written == false; other failures are errors.
  virtual Result<WriteOutcome> Put(const std::string& key, const std::string& body,
                                   const WriteCondition& condition) = 0;
  // Deletes the object if it still has `etag` (or unconditionally when `etag` is empty). True
  // when deleted or already absent; false when another ETag is there.
  virtual Result<bool> Delete(const std::string& key, const std::string& etag) = 0;
  // "s3://bucket/key", for messages.
  virtual std::string Describe(const std::string& key) const = 0;
};

// S3 through `client` (already acting in the bucket's account and region). Conditional writes
// use If-None-Match: * and If-Match (S3 User Guide, "Add preconditions to S3 operations with
// conditional requests"); a 409 ConditionalRequestConflict counts as a failed condition.
std::unique_ptr<ObjectStore> NewS3ObjectStore(client::AwsClient client, std::string bucket);

// A view of `store` (not owned) for owners that want their own ObjectStore: several
// operators' stores over one bucket in tests.
std::unique_ptr<ObjectStore> NewObjectStoreView(ObjectStore* store);

// Memory, atomic, for tests. `fail_next` makes the next N calls fail with kUnavailable (a
// network cut).
class MemoryObjectStore : public ObjectStore {
 public:
  Result<std::optional<StoredObject>> Get(const std::string& key) override;
  Result<WriteOutcome> Put(const std::string& key, const std::string& body,
                           const WriteCondition& condition) override;
  Result<bool> Delete(const std::string& key, const std::string& etag) override;
  std::string Describe(const std::string& key) const override { return "memory://" + key; }

  void FailNext(int calls);
  int versions_written(const std::string& key);

 private:
  Status TakeFailure();
  std::mutex mutex_;
  std::map<std::string, StoredObject> objects_;
  std::map<std::string, int> versions_;
  int next_etag_ = 0;
  int failures_ = 0;
};

}  // namespace vueops::backend

#endif  // VUEOPS_BACKEND_OBJECT_STORE_H_

#include "backend/object_store.h"

namespace vueops::backend {
namespace {

std::string Unquoted(std::string etag) {
  if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') {
    etag = etag.substr(1, etag.size() - 2);
  }
  return etag;
}

bool IsConditionFailure(const client::CallInfo& info) {
  return info.error.has_value() &&
         (info.error->code == "PreconditionFailed" ||
          info.error->code == "ConditionalRequestConflict" || info.http_status == 412);
}

class S3ObjectStore final : public ObjectStore {
 public:
  S3ObjectStore(client::AwsClient client, std::string bucket)
      : client_(std::move(client)), bucket_(std::move(bucket)) {}

  Result<std::optional<StoredObject>> Get(const std::string& key) override {
    client::CallInfo info;
    Result<Json> output =
        client_.Call("s3", "GetObject", Json{{"Bucket", bucket_}, {"Key", key}}, &info);
    if (!output.ok()) {
      if (info.error.has_value() && info.error->code == "NoSuchKey") {
        return std::optional<StoredObject>();
      }
      return Explain(output.status(), "read", key, info);
    }
    StoredObject object;
    if (output->contains("Body") && (*output)["Body"].is_string()) {
      object.body = (*output)["Body"].get<std::string>();
    }
    object.etag = Unquoted(output->value("ETag", ""));
    return std::optional<StoredObject>(std::move(object));
  }

  Result<WriteOutcome> Put(const std::string& key, const std::string& body,
                           const WriteCondition& condition) override {
    Json input = {
        {"Bucket", bucket_}, {"Key", key}, {"Body", body}, {"ContentType", "application/json"}};
    if (condition.kind == WriteCondition::Kind::kIfAbsent) input["IfNoneMatch"] = "*";
    if (condition.kind == WriteCondition::Kind::kIfMatch) {
      input["IfMatch"] = "\"" + condition.etag + "\"";
    }
    client::CallInfo info;
    Result<Json> output = client_.Call("s3", "PutObject", input, &info);
    if (!output.ok()) {
      if (IsConditionFailure(info)) return WriteOutcome{};
      return Explain(output.status(), "write", key, info);
    }
    return WriteOutcome{true, Unquoted(output->value("ETag", ""))};
  }

  Result<bool> Delete(const std::string& key, const std::string& etag) override {
    Json input = {{"Bucket", bucket_}, {"Key", key}};
    if (!etag.empty()) input["IfMatch"] = "\"" + etag + "\"";
    client::CallInfo info;
    Result<Json> output = client_.Call("s3", "DeleteObject", input, &info);
    if (!output.ok()) {
      if (IsConditionFailure(info)) return false;
      // If-Match on an absent object: it is gone, which is what was asked.
      if (info.error.has_value() && info.error->code == "NoSuchKey") return true;
      return Explain(output.status(), "delete", key, info);
    }
    return true;
  }

  std::string Describe(const std::string& key) const override {
    return "s3://" + bucket_ + "/" + key;
  }

 private:
  Status Explain(const Status& status, const char* verb, const std::string& key,
                 const client::CallInfo& info) const {
    std::string hint;
    if (info.error.has_value() && info.error->code == "NoSuchBucket") {
      hint = "; create the bucket with: vueops backend bootstrap";
    } else if (info.error.has_value() && info.error->code == "AccessDenied") {
      hint =
          "; the role that reaches the state (state: role) needs s3:GetObject, s3:PutObject "
          "and s3:DeleteObject on the bucket";
    }
    return Status(status.code(), std::string("cannot ") + verb + " " + Describe(key) + ": " +
                                     status.message() + hint);
  }

  client::AwsClient client_;
  std::string bucket_;
};

class ObjectStoreView final : public ObjectStore {
 public:
  explicit ObjectStoreView(ObjectStore* store) : store_(store) {}
  Result<std::optional<StoredObject>> Get(const std::string& key) override {
    return store_->Get(key);
  }
  Result<WriteOutcome> Put(const std::string& key, const std::string& body,
                           const WriteCondition& condition) override {
    return store_->Put(key, body, condition);
  }
  Result<bool> Delete(const std::string& key, const std::string& etag) override {
    return store_->Delete(key, etag);
  }
  std::string Describe(const std::string& key) const override { return store_->Describe(key); }

 private:
  ObjectStore* store_;
};

}  // namespace

std::unique_ptr<ObjectStore> NewObjectStoreView(ObjectStore* store) {
  return std::make_unique<ObjectStoreView>(store);
}

std::unique_ptr<ObjectStore> NewS3ObjectStore(client::AwsClient client, std::string bucket) {
  return std::make_unique<S3ObjectStore>(std::move(client), std::move(bucket));
}

Status MemoryObjectStore::TakeFailure() {
  if (failures_ == 0) return Status::Ok();
  --failures_;
  return UnavailableError("connection reset (injected)");
}

Result<std::optional<StoredObject>> MemoryObjectStore::Get(const std::string& key) {
  std::lock_guard lock(mutex_);
  RETURN_IF_ERROR(TakeFailure());
  auto it = objects_.find(key);
  if (it == objects_.end()) return std::optional<StoredObject>();
  return std::optional<StoredObject>(it->second);
}

Result<WriteOutcome> MemoryObjectStore::Put(const std::string& key, const std::string& body,
                                            const WriteCondition& condition) {
  std::lock_guard lock(mutex_);
  RETURN_IF_ERROR(TakeFailure());
  auto it = objects_.find(key);
  if (condition.kind == WriteCondition::Kind::kIfAbsent && it != objects_.end()) {
    return WriteOutcome{};
  }
  if (condition.kind == WriteCondition::Kind::kIfMatch &&
      (it == objects_.end() || it->second.etag != condition.etag)) {
    return WriteOutcome{};
  }
  StoredObject& object = objects_[key];
  object.body = body;
  object.etag = "etag-" + std::to_string(++next_etag_);
  ++versions_[key];
  return WriteOutcome{true, object.etag};
}

Result<bool> MemoryObjectStore::Delete(const std::string& key, const std::string& etag) {
  std::lock_guard lock(mutex_);
  RETURN_IF_ERROR(TakeFailure());
  auto it = objects_.find(key);
  if (it == objects_.end()) return true;
  if (!etag.empty() && it->second.etag != etag) return false;
  objects_.erase(it);
  return true;
}

void MemoryObjectStore::FailNext(int calls) {
  std::lock_guard lock(mutex_);
  failures_ = calls;
}

int MemoryObjectStore::versions_written(const std::string& key) {
  std::lock_guard lock(mutex_);
  return versions_[key];
}

}  // namespace vueops::backend

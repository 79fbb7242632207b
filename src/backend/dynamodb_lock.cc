// The lock as an item of a DynamoDB table, for state stores without conditional writes: put
// with attribute_not_exists, renewed and removed on the condition that the item is still ours.
#include "backend/remote_lock.h"

namespace vueops::backend {
namespace {

constexpr const char* kConditionFailed = "ConditionalCheckFailedException";

class DynamoDbLock final : public RemoteLock {
 public:
  DynamoDbLock(client::AwsClient client, std::string table, std::string lock_id, Clock& clock)
      : client_(std::move(client)),
        table_(std::move(table)),
        lock_id_(std::move(lock_id)),
        clock_(clock) {}

  Result<LockAttempt> TryAcquire(const LockInfo& lock) override {
    Json input = Item(lock);
    input["ConditionExpression"] = "attribute_not_exists(LockID)";
    client::CallInfo info;
    Result<Json> put = client_.Call("dynamodb", "PutItem", input, &info);
    LockAttempt attempt;
    if (put.ok()) {
      attempt.acquired = true;
      return attempt;
    }
    if (!IsConditionFailure(info)) return Explain(put.status(), info);
    ASSIGN_OR_RETURN(std::optional<LockInfo> holder, Read());
    // Our own first attempt, whose answer was lost and whose retry was refused.
    if (holder.has_value() && holder->id == lock.id) {
      attempt.acquired = true;
      return attempt;
    }
    attempt.holder = std::move(holder);
    return attempt;
  }

  Status Renew(const LockInfo& lock) override {
    Json input = Item(lock);
    OwnedBy(lock.id, &input);
    client::CallInfo info;
    Result<Json> put = client_.Call("dynamodb", "PutItem", input, &info);
    if (put.ok()) return Status::Ok();
    if (!IsConditionFailure(info)) return Explain(put.status(), info);
    return AbortedError("lost the lock " + Describe() +
                        " (someone removed it with vueops state unlock)");
  }

  Status Release(const LockInfo& lock) override {
    Json input = {{"TableName", table_}, {"Key", Key()}};
    OwnedBy(lock.id, &input);
    client::CallInfo info;
    Result<Json> deleted = client_.Call("dynamodb", "DeleteItem", input, &info);
    if (deleted.ok() || IsConditionFailure(info)) return Status::Ok();
    return Explain(deleted.status(), info);
  }

  Result<std::optional<LockInfo>> Read() override {
    client::CallInfo info;
    Result<Json> got =
        client_.Call("dynamodb", "GetItem",
                     {{"TableName", table_}, {"Key", Key()}, {"ConsistentRead", true}}, &info);
    if (!got.ok()) return Explain(got.status(), info);
    if (!got->contains("Item")) return std::optional<LockInfo>();
    const Json& item = (*got)["Item"];
    if (!item.contains("Info") || !item["Info"].contains("S")) {
      return DataLossError(Describe() +
                           " has no Info attribute: it was not written by vueops; "
                           "if no vueops is running on this state, delete the item");
    }
    ASSIGN_OR_RETURN(LockInfo lock, LockFromJson(item["Info"]["S"].get<std::string>(), Describe()));
    return std::optional<LockInfo>(std::move(lock));
  }

  Status Remove(const std::string& id) override {
    ASSIGN_OR_RETURN(std::optional<LockInfo> holder, Read());
    if (!holder.has_value()) return NotFoundError(Describe() + ": the state is not locked");
    if (holder->id != id) {
      return FailedPreconditionError("the lock on the state is " + holder->id + " (" +
                                     DescribeLock(*holder, clock_.Now()) + "), not " + id);
    }
    Json input = {{"TableName", table_}, {"Key", Key()}};
    OwnedBy(id, &input);
    client::CallInfo info;
    Result<Json> deleted = client_.Call("dynamodb", "DeleteItem", input, &info);
    if (deleted.ok()) return Status::Ok();
    if (IsConditionFailure(info)) {
      return AbortedError(Describe() + " changed while it was being removed; nothing was removed");
    }
    return Explain(deleted.status(), info);
  }

  std::string Describe() const override {
    return "DynamoDB table " + table_ + ", item " + lock_id_;
  }

 private:
  Json Key() const { return Json{{"LockID", {{"S", lock_id_}}}}; }

  Json Item(const LockInfo& lock) const {
    return Json{{"TableName", table_},
                {"Item",
                 {{"LockID", {{"S", lock_id_}}},
                  {"Owner", {{"S", lock.id}}},
                  {"Info", {{"S", DumpJson(LockToJson(lock))}}},
                  {"Expires", {{"N", std::to_string(lock.expires_at)}}}}}};
  }

  static void OwnedBy(const std::string& id, Json* input) {
    (*input)["ConditionExpression"] = "#owner = :id";
    (*input)["ExpressionAttributeNames"] = {{"#owner", "Owner"}};
    (*input)["ExpressionAttributeValues"] = {{":id", {{"S", id}}}};
  }

  static bool IsConditionFailure(const client::CallInfo& info) {
    return info.error.has_value() && info.error->code == kConditionFailed;
  }

  Status Explain(const Status& status, const client::CallInfo& info) const {
    std::string hint;
    if (info.error.has_value() && info.error->code == "ResourceNotFoundException") {
      hint = "; create the table with: vueops backend bootstrap";
    }
    return Status(status.code(), "lock " + Describe() + ": " + status.message() + hint);
  }

  client::AwsClient client_;
  std::string table_;
  std::string lock_id_;
  Clock& clock_;
};

}  // namespace

std::unique_ptr<RemoteLock> NewDynamoDbLock(client::AwsClient client, std::string table,
                                            std::string lock_id, Clock& clock) {
  return std::make_unique<DynamoDbLock>(std::move(client), std::move(table), std::move(lock_id),
                                        clock);
}

}  // namespace vueops::backend

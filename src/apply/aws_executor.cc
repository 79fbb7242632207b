#include <algorithm>
#include <chrono>
#include <random>

#include "apply/executor.h"

namespace vueops::apply {
namespace {

using plan::Action;
using resources::ResourceType;
using state::RecordStatus;
using state::ResourceRecord;

// A fresh idempotency token: 32 hex digits, as AWS's ClientToken and CallerReference accept.
std::string NewToken() {
  static thread_local std::mt19937_64 generator{std::random_device{}()};
  char buffer[33];
  std::snprintf(buffer, sizeof buffer, "%016llx%016llx",
                static_cast<unsigned long long>(generator()),
                static_cast<unsigned long long>(generator()));
  return buffer;
}

int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The attributes to remember: the desired values, overlaid with what AWS reported, without
// the sensitive ones (never stored).
// Whether two lists hold the same items, in any order.
bool SameItems(const Json& a, const Json& b) {
  if (!a.is_array() || !b.is_array() || a.size() != b.size()) return false;
  std::vector<Json> left(a.begin(), a.end()), right(b.begin(), b.end());
  std::sort(left.begin(), left.end());
  std::sort(right.begin(), right.end());
  return left == right;
}

Json Recordable(const ResourceType& type, const Json& desired, const Json& reported) {
  Json attributes = desired.is_object() ? desired : Json::object();
  if (reported.is_object()) {
    for (auto it = reported.begin(); it != reported.end(); ++it) {
      // A list AWS reports in another order than the spec's (an adopted route table's
      // subnets) is recorded in the spec's: types that read lists back in the recorded order
      // (OrderLike) then compare equal; the others read AWS's order and show it.
      if (attributes.contains(it.key()) && SameItems(attributes[it.key()], it.value())) continue;
      attributes[it.key()] = it.value();
    }
  }
  for (const resources::Attribute& attribute : type.attributes()) {
    if (attribute.sensitive) attributes.erase(std::string(attribute.name));
  }
  return attributes;
}

class AwsExecutor : public Executor {
 public:
  Status Execute(const plan::Change& change, const Json& desired, ExecutionContext& context,
                 std::string* id) override {
    if (change.type == nullptr) {
      return FailedPreconditionError(change.address +
                                     ": this vueops does not know the resource type in state; "
                                     "use `vueops state rm` if it should be forgotten");
    }
    ASSIGN_OR_RETURN(client::AwsClient * client,
                     context.access->ClientFor(change.account, change.region));
    resources::ResourceContext resource(*client, context.access->clock(), change.address,
                                        change.tags, context.progress, context.cancelled);
    if (change.action != Action::kDelete && resources::ContainsUnknown(desired)) {
      return InternalError(change.address +
                           ": refers to an output its dependencies did not record");
    }
    switch (change.action) {
      case Action::kNoop: return Status::Ok();
      case Action::kCreate: return Create(change, desired, resource, context, id);
      case Action::kUpdate: return Update(change, desired, resource, context, id);
      case Action::kReplace:
        return InternalError(change.address + ": the applier runs a replace as its destroy and "
                                              "create halves");
      case Action::kDelete: return Delete(change, resource, context);
      case Action::kAdopt: return Adopt(change, desired, resource, context, id);
    }
    return InternalError("unknown action");
  }

 private:
  static ResourceRecord BaseRecord(const plan::Change& change) {
    ResourceRecord record;
    record.address = change.address;
    record.type = std::string(change.type->name());
    record.account = change.account;
    record.region = change.region;
    record.dependencies = change.depends_on;
    record.updated_at = Now();
    return record;
  }

  Status Create(const plan::Change& change, const Json& desired,
                resources::ResourceContext& resource, ExecutionContext& context,
                std::string* id) {
    const ResourceType& type = *change.type;
    ResourceRecord record = BaseRecord(change);
    // A create an interrupted apply began keeps its token, so AWS sees the same request.
    record.create_token = change.record && !change.record->create_token.empty()
                              ? change.record->create_token
                              : NewToken();
    record.status = RecordStatus::kIntent;
    record.attributes = Recordable(type, desired, Json::object());
    RETURN_IF_ERROR(context.store->Put(record));
    ASSIGN_OR_RETURN(resources::Created created, type.Create(resource, desired, record.create_token));
    record.status = RecordStatus::kCreated;
    record.id = created.id;
    record.outputs = std::move(created.outputs);
    if (!record.outputs.contains("id")) record.outputs["id"] = record.id;
    record.attributes = Recordable(type, desired, created.attributes);
    record.updated_at = Now();
    RETURN_IF_ERROR(context.store->Put(record));
    *id = record.id;
    Status ready = type.WaitReady(resource, record);
    if (!ready.ok()) {
      record.status = RecordStatus::kTainted;
      context.store->Put(record).IgnoreError();  // the readiness error is the one to report
      return ready.WithContext("created " + record.id + " but it did not become ready");
    }
    return Status::Ok();
  }

  Status Update(const plan::Change& change, const Json& desired,
                resources::ResourceContext& resource, ExecutionContext& context,
                std::string* id) {
    const ResourceType& type = *change.type;
    std::vector<std::string> changed;
    for (const plan::AttributeChange& attribute : change.attributes) changed.push_back(attribute.name);
    RETURN_IF_ERROR(type.Update(resource, *change.record, desired, changed));
    ResourceRecord record = *change.record;
    record.attributes = Recordable(type, desired, Json::object());
    record.dependencies = change.depends_on;
    record.updated_at = Now();
    RETURN_IF_ERROR(context.store->Put(record));
    *id = record.id;
    return type.WaitReady(resource, record);
  }

  Status Delete(const plan::Change& change, resources::ResourceContext& resource,
                ExecutionContext& context) {
    const ResourceRecord& record = *change.record;
    bool exists = record.status != RecordStatus::kIntent || change.found.has_value();
    if (exists && change.reason.rfind("already deleted", 0) != 0) {
      ResourceRecord target = record;
      if (change.found) target.id = change.found->id;
      RETURN_IF_ERROR(change.type->Delete(resource, target));
    }
    return context.store->Remove(change.address);
  }

  // Records the object an interrupted create made, then finishes it: the crash may have come
  // between the type's create call and the calls that complete the object (a route table's
  // routes and subnet associations), so its in-place attributes are read and brought to the
  // spec as an update would, and it is waited for like a new object. Without this, the
  // re-apply "completes" and the next plan still shows the update. Only objects of vueops's
  // own creates (their intent holds the create's token) are finished: `vueops import` adopts
  // objects made by hand, which its intents (without a token) leave as they are.
  Status Adopt(const plan::Change& change, const Json& desired,
               resources::ResourceContext& resource, ExecutionContext& context,
               std::string* id) {
    const ResourceType& type = *change.type;
    ResourceRecord record = BaseRecord(change);
    record.create_token = change.record ? change.record->create_token : "";
    record.status = RecordStatus::kCreated;
    record.id = change.found->id;
    record.outputs = change.found->outputs;
    if (!record.outputs.contains("id")) record.outputs["id"] = record.id;
    record.attributes = Recordable(type, desired, change.found->attributes);
    RETURN_IF_ERROR(context.store->Put(record));
    *id = record.id;
    if (record.create_token.empty()) return Status::Ok();
    ASSIGN_OR_RETURN(Json live, type.Read(resource, record));
    std::vector<std::string> unfinished;
    for (const resources::Attribute& attribute : type.attributes()) {
      std::string name(attribute.name);
      if (attribute.update != resources::UpdateMode::kInPlace || !desired.contains(name)) continue;
      if (attribute.sensitive && !live.contains(name)) continue;
      if (JsonEqualUnordered(desired[name], live.contains(name) ? live[name] : Json())) continue;
      unfinished.push_back(name);
    }
    if (!unfinished.empty()) {
      RETURN_IF_ERROR(type.Update(resource, record, desired, unfinished)
                          .WithContext("finishing the adopted " + record.id));
      record.attributes = Recordable(type, desired, Json::object());
      record.updated_at = Now();
      RETURN_IF_ERROR(context.store->Put(record));
    }
    return type.WaitReady(resource, record);
  }
};

}  // namespace

std::unique_ptr<Executor> NewAwsExecutor() { return std::make_unique<AwsExecutor>(); }

Status RecordingExecutor::Execute(const plan::Change& change, const Json& desired,
                                  ExecutionContext&, std::string*) {
  std::lock_guard<std::mutex> lock(mutex_);
  executed_.emplace_back(change.address, desired);
  return Status::Ok();
}

}  // namespace vueops::apply

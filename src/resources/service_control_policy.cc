// service_control_policy: a service control policy and the roots, OUs and accounts it is
// attached to (deny-leaving, stay-in-region, ...).
//
// Attributes:
//   name         string  in place  unique in the organization
//   description  string  in place
//   content      object  in place  the policy document
//   targets      list    in place  the ids it is attached to (r-..., ou-..., 12-digit account
//                                  ids); attached and detached to match
// Outputs: id (p-...), arn.
//
// The targets are references when the builder writes them, so they cannot be sorted before
// they resolve: Read lists the live targets in the order the state recorded (the desired
// order), then any others (attached by hand) sorted, so an unchanged policy reads back equal.
//
// Organizations has no batch read of policy contents: a read is DescribePolicy and
// ListTargetsForPolicy.
#include <algorithm>
#include <set>

#include "resources/resource_calls.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"name", UpdateMode::kInPlace},
    {"description", UpdateMode::kInPlace},
    {"content", UpdateMode::kInPlace},
    {"targets", UpdateMode::kInPlace},
};

constexpr std::string_view kPolicyType = "SERVICE_CONTROL_POLICY";
// Organizations API Reference: the operations' errors.
constexpr std::string_view kPolicyNotFound = "PolicyNotFoundException";
constexpr std::string_view kDuplicatePolicy = "DuplicatePolicyException";
constexpr std::string_view kDuplicateAttachment = "DuplicatePolicyAttachmentException";
constexpr std::string_view kNotAttached = "PolicyNotAttachedException";
constexpr std::string_view kTargetNotFound = "TargetNotFoundException";
// Organizations User Guide, "Quotas": a service control policy is at most 5,120 characters.
constexpr size_t kMaxContentCharacters = 5120;

Json Outputs(const Json& summary) {
  return {{"id", summary.value("Id", "")}, {"arn", summary.value("Arn", "")}};
}

// The live target ids, ordered as `recorded` lists them, then the others sorted.
Json OrderedTargets(const Json& live, const Json& recorded) {
  std::set<std::string> present;
  for (const Json& target : live) present.insert(target.value("TargetId", ""));
  Json ordered = Json::array();
  if (recorded.is_array()) {
    for (const Json& id : recorded) {
      if (id.is_string() && present.erase(id.get<std::string>())) ordered.push_back(id);
    }
  }
  for (const std::string& id : present) ordered.push_back(id);
  return ordered;
}

Result<Json> Targets(ResourceContext& context, const std::string& policy_id) {
  return CallAllPages(context, "organizations", "ListTargetsForPolicy", {{"PolicyId", policy_id}},
                      kNextTokenPaging, "Targets");
}

Status CheckContent(const std::string& address, const Json& desired) {
  if (!desired.contains("content")) return Status::Ok();
  size_t size = DumpJson(desired["content"]).size();
  if (size > kMaxContentCharacters) {
    return InvalidArgumentError(address + ": the policy is " + std::to_string(size) +
                                " characters; Organizations takes at most 5120");
  }
  return Status::Ok();
}

class ServiceControlPolicyType : public ResourceType {
 public:
  std::string_view name() const override { return "service_control_policy"; }
  std::string_view service() const override { return "organizations"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }
  bool global() const override { return true; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    ASSIGN_OR_RETURN(Json described,
                     context.CallOrNotFound("organizations", "DescribePolicy",
                                            {{"PolicyId", record.id}}, {kPolicyNotFound}));
    ASSIGN_OR_RETURN(Json targets, Targets(context, record.id));
    const Json& policy = described["Policy"];
    const Json& summary = policy["PolicySummary"];
    Result<Json> content = ParseJson(policy.value("Content", ""));
    return Json{{"name", summary.value("Name", "")},
                {"description", summary.value("Description", "")},
                {"content", content.ok() ? *content : policy["Content"]},
                {"targets", OrderedTargets(targets, record.attributes.value("targets", Json()))}};
  }

  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string&) const override {
    RETURN_IF_ERROR(CheckContent(context.address(), desired));
    bool existed = false;
    ASSIGN_OR_RETURN(Json created,
                     CallUnlessDone(context, "organizations", "CreatePolicy",
                                    {{"Content", DumpJson(desired["content"])},
                                     {"Description", desired.value("description", "")},
                                     {"Name", desired.value("name", "")},
                                     {"Type", kPolicyType},
                                     {"Tags", context.TagList()}},
                                    {kDuplicatePolicy}, &existed));
    Json summary;
    if (existed) {
      // A create whose answer was lost made it: take it back only if it is this resource's.
      ASSIGN_OR_RETURN(std::optional<Json> named, Named(context, desired.value("name", "")));
      if (!named || !TaggedAsThis(context, named->value("Id", ""))) {
        return AlreadyExistsError(context.address() + ": a service control policy named " +
                                  desired.value("name", "") +
                                  " exists and is not tagged as this resource; adopt it with "
                                  "`vueops import`");
      }
      summary = *named;
      RETURN_IF_ERROR(UpdatePolicy(context, summary.value("Id", ""), desired));
    } else {
      summary = created["Policy"]["PolicySummary"];
    }
    std::string id = summary.value("Id", "");
    RETURN_IF_ERROR(SyncTargets(context, id, desired.value("targets", Json::array())));
    return Created{id, Outputs(summary), Json::object()};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>& changed) const override {
    auto has = [&](std::string_view name) {
      return std::find(changed.begin(), changed.end(), name) != changed.end();
    };
    if (has("name") || has("description") || has("content")) {
      RETURN_IF_ERROR(UpdatePolicy(context, record.id, desired));
    }
    if (has("targets")) {
      RETURN_IF_ERROR(SyncTargets(context, record.id, desired.value("targets", Json::array())));
    }
    return Status::Ok();
  }

  Status CheckUpdate(const std::string& address, const Json&, const Json& after) const override {
    return CheckContent(address, after);
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    // Organizations refuses to delete an attached policy (PolicyInUseException).
    Status detached = SyncTargets(context, record.id, Json::array());
    if (!detached.ok()) {
      Result<Json> exists = context.CallOrNotFound("organizations", "DescribePolicy",
                                                   {{"PolicyId", record.id}}, {kPolicyNotFound});
      if (!exists.ok() && exists.status().code() == StatusCode::kNotFound) return Status::Ok();
      return detached;
    }
    return CallIgnoring(context, "organizations", "DeletePolicy", {{"PolicyId", record.id}},
                        {kPolicyNotFound});
  }

  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    ASSIGN_OR_RETURN(std::optional<Json> named, Named(context, desired.value("name", "")));
    if (!named) return std::optional<Found>();
    state::ResourceRecord record;
    record.address = context.address();
    record.id = named->value("Id", "");
    record.attributes = {{"targets", desired.value("targets", Json::array())}};
    ASSIGN_OR_RETURN(Json attributes, Read(context, record));
    return std::optional<Found>(Found{record.id, Outputs(*named), std::move(attributes)});
  }

 private:
  // The organization's service control policy called `policy_name` (names are unique).
  static Result<std::optional<Json>> Named(ResourceContext& context,
                                           const std::string& policy_name) {
    ASSIGN_OR_RETURN(Json policies,
                     CallAllPages(context, "organizations", "ListPolicies",
                                  {{"Filter", kPolicyType}}, kNextTokenPaging, "Policies"));
    for (const Json& policy : policies) {
      if (policy.value("Name", "") == policy_name) return std::optional<Json>(policy);
    }
    return std::optional<Json>();
  }

  static bool TaggedAsThis(ResourceContext& context, const std::string& policy_id) {
    Result<Json> tags =
        context.Call("organizations", "ListTagsForResource", {{"ResourceId", policy_id}});
    if (!tags.ok()) return false;
    for (const Json& tag : (*tags)["Tags"]) {
      if (tag.value("Key", "") == kAddressTag && tag.value("Value", "") == context.address()) {
        return true;
      }
    }
    return false;
  }

  static Status UpdatePolicy(ResourceContext& context, const std::string& policy_id,
                             const Json& desired) {
    RETURN_IF_ERROR(CheckContent(context.address(), desired));
    return context
        .Call("organizations", "UpdatePolicy",
              {{"PolicyId", policy_id},
               {"Name", desired.value("name", "")},
               {"Description", desired.value("description", "")},
               {"Content", DumpJson(desired["content"])}})
        .status();
  }

  // Attaches the policy to every desired target it lacks and detaches it from the others.
  static Status SyncTargets(ResourceContext& context, const std::string& policy_id,
                            const Json& desired) {
    ASSIGN_OR_RETURN(Json live, Targets(context, policy_id));
    std::set<std::string> wanted, present;
    for (const Json& id : desired) wanted.insert(id.get<std::string>());
    for (const Json& target : live) present.insert(target.value("TargetId", ""));
    for (const std::string& id : wanted) {
      if (present.count(id)) continue;
      RETURN_IF_ERROR(CallIgnoring(context, "organizations", "AttachPolicy",
                                   {{"PolicyId", policy_id}, {"TargetId", id}},
                                   {kDuplicateAttachment}));
    }
    for (const std::string& id : present) {
      if (wanted.count(id)) continue;
      RETURN_IF_ERROR(CallIgnoring(context, "organizations", "DetachPolicy",
                                   {{"PolicyId", policy_id}, {"TargetId", id}},
                                   {kNotAttached, kTargetNotFound}));
    }
    return Status::Ok();
  }
};

}  // namespace

const ResourceType& ServiceControlPolicy() {
  static const ServiceControlPolicyType* type = new ServiceControlPolicyType();
  return *type;
}

}  // namespace vueops::resources

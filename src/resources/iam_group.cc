// iam_group: a group whose members may assume roles (notes: "Accounts and IAM": "The vueusers
// account defines IAM groups with the same names as the roles. vueusers has STS policies that
// map each IAM group onto IAM roles").
//
// Attributes:
//   name                 string  replace   the group's name (its id)
//   inline_policy_names  list    in place  its inline policies' names, sorted: each is an
//                                          iam_group_policy; any other is deleted
//   managed_policy_arns  list    in place  attached managed policies, sorted
// Outputs: id (the name), arn.
//
// IAM groups take no tags, so a group is known by its name alone. One
// GetAccountAuthorizationDetails reads every group of an account.
#include <algorithm>

#include "resources/iam_entities.h"
#include "resources/resource_calls.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"name", UpdateMode::kReplace},
    {"inline_policy_names", UpdateMode::kInPlace},
    {"managed_policy_arns", UpdateMode::kInPlace},
};

Json Attributes(const Json& detail) {
  return {
      {"name", detail.value("GroupName", "")},
      {"inline_policy_names", InlinePolicyNames(detail.value("GroupPolicyList", Json()))},
      {"managed_policy_arns", ManagedPolicyArns(detail.value("AttachedManagedPolicies", Json()))}};
}

Json Outputs(const Json& group) {
  return {{"id", group.value("GroupName", "")}, {"arn", group.value("Arn", "")}};
}

Result<Json> ReadOne(const state::ResourceRecord& record,
                     const std::map<std::string, Json>& details) {
  auto detail = details.find(record.id);
  if (detail == details.end()) {
    return NotFoundError(record.address + ": group " + record.id + " is gone");
  }
  return Attributes(detail->second);
}

class IamGroupType : public ResourceType {
 public:
  std::string_view name() const override { return "iam_group"; }
  std::string_view service() const override { return "iam"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }
  bool global() const override { return true; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    const state::ResourceRecord* one[] = {&record};
    return std::move(ReadMany(context, one)[0]);
  }

  std::vector<Result<Json>> ReadMany(
      ResourceContext& context,
      std::span<const state::ResourceRecord* const> records) const override {
    Result<std::map<std::string, Json>> details = AuthorizationDetails(context, kIamGroupEntity);
    std::vector<Result<Json>> results;
    for (const state::ResourceRecord* record : records) {
      results.push_back(details.ok() ? ReadOne(*record, *details) : Result<Json>(details.status()));
    }
    return results;
  }

  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string&) const override {
    std::string group_name = desired.value("name", "");
    client::CallInfo info;
    Result<Json> output = context.Call("iam", "CreateGroup", {{"GroupName", group_name}}, &info);
    if (!output.ok()) {
      if (info.error && info.error->code == kEntityAlreadyExists) {
        // Without tags there is no telling a group this resource made from another one.
        return AlreadyExistsError(context.address() + ": a group named " + group_name +
                                  " exists already; adopt it with `vueops import`");
      }
      return output.status();
    }
    // A new group has no inline policies yet: its iam_group_policy resources put them.
    RETURN_IF_ERROR(SyncManagedPolicies(context, kIamGroupEntity, group_name,
                                        desired.value("managed_policy_arns", Json::array())));
    return Created{group_name, Outputs((*output)["Group"]), Json::object()};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>& changed) const override {
    auto has = [&](std::string_view name) {
      return std::find(changed.begin(), changed.end(), name) != changed.end();
    };
    if (has("inline_policy_names")) {
      RETURN_IF_ERROR(KeepOnlyInlinePolicies(context, kIamGroupEntity, record.id,
                                             desired.value("inline_policy_names", Json::array())));
    }
    if (has("managed_policy_arns")) {
      RETURN_IF_ERROR(SyncManagedPolicies(context, kIamGroupEntity, record.id,
                                          desired.value("managed_policy_arns", Json::array())));
    }
    return Status::Ok();
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    // IAM refuses to delete a group with members or policies (DeleteConflict).
    Result<Json> members =
        CallAllPages(context, "iam", "GetGroup", {{"GroupName", record.id}}, kIamPaging, "Users");
    if (!members.ok()) {
      Result<Json> exists =
          context.CallOrNotFound("iam", "GetGroup", {{"GroupName", record.id}}, {kNoSuchEntity});
      if (!exists.ok() && exists.status().code() == StatusCode::kNotFound) return Status::Ok();
      return members.status();
    }
    for (const Json& user : *members) {
      RETURN_IF_ERROR(CallIgnoring(
          context, "iam", "RemoveUserFromGroup",
          {{"GroupName", record.id}, {"UserName", user.value("UserName", "")}}, {kNoSuchEntity}));
    }
    RETURN_IF_ERROR(KeepOnlyInlinePolicies(context, kIamGroupEntity, record.id, Json::array()));
    RETURN_IF_ERROR(SyncManagedPolicies(context, kIamGroupEntity, record.id, Json::array()));
    return CallIgnoring(context, "iam", "DeleteGroup", {{"GroupName", record.id}}, {kNoSuchEntity});
  }

  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    std::string group_name = desired.value("name", "");
    Result<Json> group =
        context.CallOrNotFound("iam", "GetGroup", {{"GroupName", group_name}}, {kNoSuchEntity});
    if (!group.ok()) {
      if (group.status().code() == StatusCode::kNotFound) return std::optional<Found>();
      return group.status();
    }
    state::ResourceRecord record;
    record.address = context.address();
    record.id = group_name;
    ASSIGN_OR_RETURN(Json attributes, Read(context, record));
    return std::optional<Found>(
        Found{group_name, Outputs((*group)["Group"]), std::move(attributes)});
  }
};

}  // namespace

const ResourceType& IamGroup() {
  static const IamGroupType* type = new IamGroupType();
  return *type;
}

}  // namespace vueops::resources

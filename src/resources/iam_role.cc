// iam_role: a role that principals assume (notes: "Accounts and IAM": "The roles must be
// created in each target account and the permissions for that role on that account defined")
// and the servers' instance role (notes: "Access notes": "Role assigned to EC2 servers").
//
// Attributes:
//   name                  string  replace   the role's name (its id)
//   description           string  in place  "" for none
//   assume_role_policy    object  in place  the trust policy document
//   max_session_duration  number  in place  seconds a session may last (3600-43200)
//   managed_policy_arns   list    in place  attached managed policies, sorted
//   inline_policy_names   list    in place  its inline policies' names, sorted: each is an
//                                           iam_role_policy; any other is deleted
//   tags                  object  in place  the environment's tags
// Outputs: id (the name), arn.
//
// One GetAccountAuthorizationDetails and one ListRoles read every role of an account:
// the first has the policies and tags, only the second the description and session length.
#include <algorithm>

#include "resources/ec2_tags.h"
#include "resources/iam_entities.h"
#include "resources/resource_calls.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"name", UpdateMode::kReplace},
    {"description", UpdateMode::kInPlace},
    {"assume_role_policy", UpdateMode::kInPlace},
    {"max_session_duration", UpdateMode::kInPlace},
    {"managed_policy_arns", UpdateMode::kInPlace},
    {"inline_policy_names", UpdateMode::kInPlace},
    {"tags", UpdateMode::kInPlace},
};

// IAM API Reference, CreateRole: MaxSessionDuration "from 1 hour to 12 hours", in seconds;
// one hour when not given.
constexpr int kMinSessionSeconds = 3600;
constexpr int kMaxSessionSeconds = 43200;
constexpr int kDefaultSessionSeconds = 3600;

// IAM is eventually consistent: a role just made may not be visible to every IAM reader yet
// (IAM User Guide, "Troubleshooting IAM": "Changes that I make are not always immediately
// visible"). Seconds are typical.
constexpr auto kPropagationTimeout = std::chrono::minutes(2);

Json Attributes(const Json& detail, const Json& listed) {
  return {
      {"name", detail.value("RoleName", "")},
      {"description", listed.value("Description", "")},
      {"assume_role_policy", PolicyValue(detail.value("AssumeRolePolicyDocument", Json()))},
      {"max_session_duration", listed.value("MaxSessionDuration", kDefaultSessionSeconds)},
      {"managed_policy_arns", ManagedPolicyArns(detail.value("AttachedManagedPolicies", Json()))},
      {"inline_policy_names", InlinePolicyNames(detail.value("RolePolicyList", Json()))},
      {"tags", UserTags(detail.value("Tags", Json()))}};
}

Json Outputs(const Json& role) {
  return {{"id", role.value("RoleName", "")}, {"arn", role.value("Arn", "")}};
}

class IamRoleType : public ResourceType {
 public:
  std::string_view name() const override { return "iam_role"; }
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
    Result<std::map<std::string, Json>> details = AuthorizationDetails(context, kIamRoleEntity);
    Result<Json> listed = details.ok() ? CallAllPages(context, "iam", "ListRoles", Json::object(),
                                                      kIamPaging, "Roles")
                                       : Result<Json>(details.status());
    std::vector<Result<Json>> results;
    for (const state::ResourceRecord* record : records) {
      results.push_back(listed.ok() ? ReadOne(*record, *details, *listed)
                                    : Result<Json>(listed.status()));
    }
    return results;
  }

  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string&) const override {
    std::string role_name = desired.value("name", "");
    Json input = {
        {"RoleName", role_name},
        {"AssumeRolePolicyDocument", PolicyText(desired["assume_role_policy"])},
        {"MaxSessionDuration", desired.value("max_session_duration", kDefaultSessionSeconds)},
        {"Tags", IamTagList(context, desired.value("tags", Json::object()))}};
    if (!desired.value("description", "").empty()) input["Description"] = desired["description"];
    bool existed = false;
    ASSIGN_OR_RETURN(Json output, CallUnlessDone(context, "iam", "CreateRole", input,
                                                 {kEntityAlreadyExists}, &existed));
    if (existed) {
      // A create whose answer was lost (a retry after a timeout) made the role already; any
      // other role of that name is not ours to take over.
      ASSIGN_OR_RETURN(output, context.Call("iam", "GetRole", {{"RoleName", role_name}}));
      if (!TaggedWithAddress(context, output["Role"].value("Tags", Json()))) {
        return AlreadyExistsError(context.address() + ": a role named " + role_name +
                                  " exists and is not tagged as this resource; adopt it "
                                  "with `vueops import` or rename one of them");
      }
      std::vector<std::string> all = {"description", "assume_role_policy", "max_session_duration",
                                      "tags"};
      RETURN_IF_ERROR(UpdateRole(context, role_name, desired, all));
      // A new role has no inline policies: only one made before may have others.
      RETURN_IF_ERROR(KeepOnlyInlinePolicies(context, kIamRoleEntity, role_name,
                                             desired.value("inline_policy_names", Json::array())));
    }
    RETURN_IF_ERROR(SyncManagedPolicies(context, kIamRoleEntity, role_name,
                                        desired.value("managed_policy_arns", Json::array())));
    return Created{role_name, Outputs(output["Role"]), Json::object()};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>& changed) const override {
    RETURN_IF_ERROR(UpdateRole(context, record.id, desired, changed));
    auto has = [&](std::string_view name) {
      return std::find(changed.begin(), changed.end(), name) != changed.end();
    };
    if (has("managed_policy_arns")) {
      RETURN_IF_ERROR(SyncManagedPolicies(context, kIamRoleEntity, record.id,
                                          desired.value("managed_policy_arns", Json::array())));
    }
    if (has("inline_policy_names")) {
      RETURN_IF_ERROR(KeepOnlyInlinePolicies(context, kIamRoleEntity, record.id,
                                             desired.value("inline_policy_names", Json::array())));
    }
    return Status::Ok();
  }

  Status CheckUpdate(const std::string& address, const Json&, const Json& after) const override {
    return CheckSessionDuration(address, after);
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    // IAM refuses to delete a role that is in an instance profile or has policies
    // (DeleteConflict), so those go first.
    Result<Json> role =
        context.CallOrNotFound("iam", "GetRole", {{"RoleName", record.id}}, {kNoSuchEntity});
    if (!role.ok()) {
      return role.status().code() == StatusCode::kNotFound ? Status::Ok() : role.status();
    }
    ASSIGN_OR_RETURN(Json profiles,
                     context.Call("iam", "ListInstanceProfilesForRole", {{"RoleName", record.id}}));
    for (const Json& profile : profiles["InstanceProfiles"]) {
      RETURN_IF_ERROR(
          CallIgnoring(context, "iam", "RemoveRoleFromInstanceProfile",
                       {{"InstanceProfileName", profile.value("InstanceProfileName", "")},
                        {"RoleName", record.id}},
                       {kNoSuchEntity}));
    }
    RETURN_IF_ERROR(SyncManagedPolicies(context, kIamRoleEntity, record.id, Json::array()));
    RETURN_IF_ERROR(KeepOnlyInlinePolicies(context, kIamRoleEntity, record.id, Json::array()));
    return CallIgnoring(context, "iam", "DeleteRole", {{"RoleName", record.id}}, {kNoSuchEntity});
  }

  Status WaitReady(ResourceContext& context, const state::ResourceRecord& record) const override {
    return context.Poll(
        "role " + record.id + " to be visible in IAM", kPropagationTimeout, [&]() -> Result<bool> {
          Result<Json> role =
              context.CallOrNotFound("iam", "GetRole", {{"RoleName", record.id}}, {kNoSuchEntity});
          if (role.ok()) return true;
          if (role.status().code() == StatusCode::kNotFound) return false;
          return role.status();
        });
  }

  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    std::string role_name = desired.value("name", "");
    Result<Json> role =
        context.CallOrNotFound("iam", "GetRole", {{"RoleName", role_name}}, {kNoSuchEntity});
    if (!role.ok()) {
      if (role.status().code() == StatusCode::kNotFound) return std::optional<Found>();
      return role.status();
    }
    state::ResourceRecord record;
    record.address = context.address();
    record.id = role_name;
    ASSIGN_OR_RETURN(Json attributes, Read(context, record));
    return std::optional<Found>(Found{role_name, Outputs((*role)["Role"]), std::move(attributes)});
  }

 private:
  static Result<Json> ReadOne(const state::ResourceRecord& record,
                              const std::map<std::string, Json>& details, const Json& listed) {
    auto detail = details.find(record.id);
    auto role = std::find_if(listed.begin(), listed.end(), [&](const Json& candidate) {
      return candidate.value("RoleName", "") == record.id;
    });
    if (detail == details.end() || role == listed.end()) {
      return NotFoundError(record.address + ": role " + record.id + " is gone");
    }
    return Attributes(detail->second, *role);
  }

  static Status CheckSessionDuration(const std::string& address, const Json& desired) {
    if (!desired.contains("max_session_duration") || !desired["max_session_duration"].is_number()) {
      return Status::Ok();
    }
    int seconds = desired["max_session_duration"].get<int>();
    if (seconds < kMinSessionSeconds || seconds > kMaxSessionSeconds) {
      return InvalidArgumentError(address + ": max_session_duration " + std::to_string(seconds) +
                                  " s is outside IAM's 3600-43200 s (1-12 hours)");
    }
    return Status::Ok();
  }

  // The UpdateRole, UpdateAssumeRolePolicy and tag calls for the attributes in `changed`.
  static Status UpdateRole(ResourceContext& context, const std::string& role_name,
                           const Json& desired, const std::vector<std::string>& changed) {
    auto has = [&](std::string_view name) {
      return std::find(changed.begin(), changed.end(), name) != changed.end();
    };
    if (has("description") || has("max_session_duration")) {
      RETURN_IF_ERROR(CheckSessionDuration(context.address(), desired));
      RETURN_IF_ERROR(context
                          .Call("iam", "UpdateRole",
                                {{"RoleName", role_name},
                                 {"Description", desired.value("description", "")},
                                 {"MaxSessionDuration",
                                  desired.value("max_session_duration", kDefaultSessionSeconds)}})
                          .status());
    }
    if (has("assume_role_policy")) {
      RETURN_IF_ERROR(context
                          .Call("iam", "UpdateAssumeRolePolicy",
                                {{"RoleName", role_name},
                                 {"PolicyDocument", PolicyText(desired["assume_role_policy"])}})
                          .status());
    }
    if (has("tags")) {
      ASSIGN_OR_RETURN(Json role, context.Call("iam", "GetRole", {{"RoleName", role_name}}));
      RETURN_IF_ERROR(SyncIamTags(context, kIamRoleEntity, role_name,
                                  role["Role"].value("Tags", Json()),
                                  desired.value("tags", Json::object())));
    }
    return Status::Ok();
  }
};

}  // namespace

const ResourceType& IamRole() {
  static const IamRoleType* type = new IamRoleType();
  return *type;
}

}  // namespace vueops::resources

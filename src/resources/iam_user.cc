// iam_user: a person or a program that signs in to the identity account (notes: "Accounts
// and IAM": "users are added to vueusers account, and can take on roles depending on the IAM
// groups they belong to"; "Access notes": human and non-human users), and the SES SMTP user.
//
// Attributes:
//   name                 string  replace   the user's name (its id); SES's SMTP user keeps
//                                          its name ("DON'T CHANGE THE USER NAME")
//   groups               list    in place  the groups it belongs to, sorted
//   inline_policy_names  list    in place  its inline policies' names, sorted: each is an
//                                          iam_user_policy; any other is deleted
//   managed_policy_arns  list    in place  attached managed policies, sorted
//   tags                 object  in place  the environment's tags
// Outputs: id (the name), arn.
//
// One GetAccountAuthorizationDetails reads every user of an account with its groups,
// policies and tags.
#include <algorithm>
#include <set>

#include "resources/ec2_tags.h"
#include "resources/iam_entities.h"
#include "resources/resource_calls.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

// IAM API Reference, DeleteUser: something is still attached to the user.
constexpr std::string_view kDeleteConflict = "DeleteConflict";

constexpr Attribute kAttributes[] = {
    {"name", UpdateMode::kReplace},
    {"groups", UpdateMode::kInPlace},
    {"inline_policy_names", UpdateMode::kInPlace},
    {"managed_policy_arns", UpdateMode::kInPlace},
    {"tags", UpdateMode::kInPlace},
};

Json Attributes(const Json& detail) {
  return {
      {"name", detail.value("UserName", "")},
      {"groups", SortedStrings(detail.value("GroupList", Json::array()))},
      {"inline_policy_names", InlinePolicyNames(detail.value("UserPolicyList", Json()))},
      {"managed_policy_arns", ManagedPolicyArns(detail.value("AttachedManagedPolicies", Json()))},
      {"tags", UserTags(detail.value("Tags", Json()))}};
}

Json Outputs(const Json& user) {
  return {{"id", user.value("UserName", "")}, {"arn", user.value("Arn", "")}};
}

Result<Json> ReadOne(const state::ResourceRecord& record,
                     const std::map<std::string, Json>& details) {
  auto detail = details.find(record.id);
  if (detail == details.end()) {
    return NotFoundError(record.address + ": user " + record.id + " is gone");
  }
  return Attributes(detail->second);
}

// Adds the user to the desired groups it is not in and removes it from the others.
Status SyncGroups(ResourceContext& context, const std::string& user_name, const Json& desired) {
  ASSIGN_OR_RETURN(Json current, CallAllPages(context, "iam", "ListGroupsForUser",
                                              {{"UserName", user_name}}, kIamPaging, "Groups"));
  std::set<std::string> wanted, present;
  if (desired.is_array()) {
    for (const Json& group : desired) wanted.insert(group.get<std::string>());
  }
  for (const Json& group : current) present.insert(group.value("GroupName", ""));
  for (const std::string& group : wanted) {
    if (present.count(group)) continue;
    RETURN_IF_ERROR(
        context.Call("iam", "AddUserToGroup", {{"GroupName", group}, {"UserName", user_name}})
            .status());
  }
  for (const std::string& group : present) {
    if (wanted.count(group)) continue;
    RETURN_IF_ERROR(CallIgnoring(context, "iam", "RemoveUserFromGroup",
                                 {{"GroupName", group}, {"UserName", user_name}}, {kNoSuchEntity}));
  }
  return Status::Ok();
}

// Deletes every item of a user's list operation (`list_member` of `list_operation`) with
// `delete_operation`, passing `id_member` from each item: what IAM wants gone before it
// deletes a user (IAM API Reference, DeleteUser).
Status DeleteEach(ResourceContext& context, const std::string& user_name,
                  std::string_view list_operation, std::string_view list_member,
                  std::string_view delete_operation, std::string_view id_member) {
  ASSIGN_OR_RETURN(Json items, CallAllPages(context, "iam", list_operation,
                                            {{"UserName", user_name}}, kIamPaging, list_member));
  for (const Json& item : items) {
    std::string id = item.value(std::string(id_member), "");
    RETURN_IF_ERROR(CallIgnoring(context, "iam", delete_operation,
                                 {{"UserName", user_name}, {std::string(id_member), id}},
                                 {kNoSuchEntity}));
  }
  return Status::Ok();
}

class IamUserType : public ResourceType {
 public:
  std::string_view name() const override { return "iam_user"; }
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
    Result<std::map<std::string, Json>> details = AuthorizationDetails(context, kIamUserEntity);
    std::vector<Result<Json>> results;
    for (const state::ResourceRecord* record : records) {
      results.push_back(details.ok() ? ReadOne(*record, *details) : Result<Json>(details.status()));
    }
    return results;
  }

  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string&) const override {
    std::string user_name = desired.value("name", "");
    bool existed = false;
    ASSIGN_OR_RETURN(
        Json output,
        CallUnlessDone(context, "iam", "CreateUser",
                       {{"UserName", user_name},
                        {"Tags", IamTagList(context, desired.value("tags", Json::object()))}},
                       {kEntityAlreadyExists}, &existed));
    if (existed) {
      // A create whose answer was lost made the user already; any other user of that name is
      // not ours to take over.
      ASSIGN_OR_RETURN(output, context.Call("iam", "GetUser", {{"UserName", user_name}}));
      if (!TaggedWithAddress(context, output["User"].value("Tags", Json()))) {
        return AlreadyExistsError(context.address() + ": a user named " + user_name +
                                  " exists and is not tagged as this resource; adopt it with "
                                  "`vueops import`");
      }
      RETURN_IF_ERROR(SyncIamTags(context, kIamUserEntity, user_name,
                                  output["User"].value("Tags", Json()),
                                  desired.value("tags", Json::object())));
      // A new user has no inline policies: only one made before may have others.
      RETURN_IF_ERROR(KeepOnlyInlinePolicies(context, kIamUserEntity, user_name,
                                             desired.value("inline_policy_names", Json::array())));
    }
    RETURN_IF_ERROR(SyncGroups(context, user_name, desired.value("groups", Json::array())));
    RETURN_IF_ERROR(SyncManagedPolicies(context, kIamUserEntity, user_name,
                                        desired.value("managed_policy_arns", Json::array())));
    return Created{user_name, Outputs(output["User"]), Json::object()};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>& changed) const override {
    auto has = [&](std::string_view name) {
      return std::find(changed.begin(), changed.end(), name) != changed.end();
    };
    if (has("groups")) {
      RETURN_IF_ERROR(SyncGroups(context, record.id, desired.value("groups", Json::array())));
    }
    if (has("inline_policy_names")) {
      RETURN_IF_ERROR(KeepOnlyInlinePolicies(context, kIamUserEntity, record.id,
                                             desired.value("inline_policy_names", Json::array())));
    }
    if (has("managed_policy_arns")) {
      RETURN_IF_ERROR(SyncManagedPolicies(context, kIamUserEntity, record.id,
                                          desired.value("managed_policy_arns", Json::array())));
    }
    if (has("tags")) {
      ASSIGN_OR_RETURN(Json user, context.Call("iam", "GetUser", {{"UserName", record.id}}));
      RETURN_IF_ERROR(SyncIamTags(context, kIamUserEntity, record.id,
                                  user["User"].value("Tags", Json()),
                                  desired.value("tags", Json::object())));
    }
    return Status::Ok();
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    Result<Json> user =
        context.CallOrNotFound("iam", "GetUser", {{"UserName", record.id}}, {kNoSuchEntity});
    if (!user.ok()) {
      return user.status().code() == StatusCode::kNotFound ? Status::Ok() : user.status();
    }
    // IAM API Reference, DeleteUser: the password, access keys, signing certificates, SSH
    // keys, service credentials, MFA devices, policies and group memberships go first.
    RETURN_IF_ERROR(CallIgnoring(context, "iam", "DeleteLoginProfile", {{"UserName", record.id}},
                                 {kNoSuchEntity}));
    RETURN_IF_ERROR(DeleteEach(context, record.id, "ListAccessKeys", "AccessKeyMetadata",
                               "DeleteAccessKey", "AccessKeyId"));
    RETURN_IF_ERROR(DeleteEach(context, record.id, "ListSigningCertificates", "Certificates",
                               "DeleteSigningCertificate", "CertificateId"));
    RETURN_IF_ERROR(DeleteEach(context, record.id, "ListSSHPublicKeys", "SSHPublicKeys",
                               "DeleteSSHPublicKey", "SSHPublicKeyId"));
    RETURN_IF_ERROR(DeleteMfaDevices(context, record.id));
    RETURN_IF_ERROR(SyncGroups(context, record.id, Json::array()));
    RETURN_IF_ERROR(KeepOnlyInlinePolicies(context, kIamUserEntity, record.id, Json::array()));
    RETURN_IF_ERROR(SyncManagedPolicies(context, kIamUserEntity, record.id, Json::array()));
    client::CallInfo info;
    Result<Json> deleted = context.Call("iam", "DeleteUser", {{"UserName", record.id}}, &info);
    std::string code = info.error ? info.error->code : "";
    if (deleted.ok() || code == kNoSuchEntity) return Status::Ok();
    if (code != kDeleteConflict) return deleted.status();
    // Service-specific credentials (CodeCommit, Keyspaces) are rare: looked for only when
    // IAM says something is still attached.
    RETURN_IF_ERROR(DeleteServiceCredentials(context, record.id));
    return CallIgnoring(context, "iam", "DeleteUser", {{"UserName", record.id}}, {kNoSuchEntity});
  }

  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    std::string user_name = desired.value("name", "");
    Result<Json> user =
        context.CallOrNotFound("iam", "GetUser", {{"UserName", user_name}}, {kNoSuchEntity});
    if (!user.ok()) {
      if (user.status().code() == StatusCode::kNotFound) return std::optional<Found>();
      return user.status();
    }
    state::ResourceRecord record;
    record.address = context.address();
    record.id = user_name;
    ASSIGN_OR_RETURN(Json attributes, Read(context, record));
    return std::optional<Found>(Found{user_name, Outputs((*user)["User"]), std::move(attributes)});
  }

 private:
  // CodeCommit and Keyspaces credentials (ListServiceSpecificCredentials is not paged).
  static Status DeleteServiceCredentials(ResourceContext& context, const std::string& user_name) {
    ASSIGN_OR_RETURN(Json listed, context.Call("iam", "ListServiceSpecificCredentials",
                                               {{"UserName", user_name}}));
    for (const Json& credential : listed.value("ServiceSpecificCredentials", Json::array())) {
      RETURN_IF_ERROR(CallIgnoring(
          context, "iam", "DeleteServiceSpecificCredential",
          {{"UserName", user_name},
           {"ServiceSpecificCredentialId", credential.value("ServiceSpecificCredentialId", "")}},
          {kNoSuchEntity}));
    }
    return Status::Ok();
  }

  // A human user's MFA device is deactivated; a virtual one is deleted with it, since
  // nobody else can use it.
  static Status DeleteMfaDevices(ResourceContext& context, const std::string& user_name) {
    ASSIGN_OR_RETURN(Json devices,
                     CallAllPages(context, "iam", "ListMFADevices", {{"UserName", user_name}},
                                  kIamPaging, "MFADevices"));
    for (const Json& device : devices) {
      std::string serial = device.value("SerialNumber", "");
      RETURN_IF_ERROR(CallIgnoring(context, "iam", "DeactivateMFADevice",
                                   {{"UserName", user_name}, {"SerialNumber", serial}},
                                   {kNoSuchEntity}));
      if (serial.rfind("arn:", 0) == 0 && serial.find(":mfa/") != std::string::npos) {
        RETURN_IF_ERROR(CallIgnoring(context, "iam", "DeleteVirtualMFADevice",
                                     {{"SerialNumber", serial}}, {kNoSuchEntity}));
      }
    }
    return Status::Ok();
  }
};

}  // namespace

const ResourceType& IamUser() {
  static const IamUserType* type = new IamUserType();
  return *type;
}

}  // namespace vueops::resources

// The access pass (notes: "Accounts and IAM", "Access notes"): each role in every account its
// grants reach, trusting its trusted account; each group with an sts:AssumeRole policy on
// exactly its roles' ARNs (account numbers included); each user in its groups, with a console
// password for humans and access keys for services (docs/resources.md, "Accounts and IAM").
#include <algorithm>

#include "graph/access_grants.h"
#include "graph/account_references.h"
#include "graph/build.h"

namespace vueops::graph {
namespace {

using resources::MakeAddress;
using resources::Reference;

constexpr const char* kPolicyVersion = "2012-10-17";
// The inline policies vueops writes, by name.
constexpr const char* kAssumeRolesPolicy = "vueops-assume-roles";
constexpr const char* kGroupPolicy = "vueops-group-policy";
constexpr const char* kUserPolicy = "vueops-user-policy";
constexpr int kSecondsPerHour = 3600;
// Where a service user's keys are kept (docs/resources.md).
constexpr const char* kAccessKeySecretPrefix = "vueops/access-key/";

std::string RoleAddress(const std::string& account, const std::string& role) {
  return MakeAddress("org", "iam_role", account + "/" + role);
}

// The trust policy: sts:AssumeRole for the trusted account's principals, with MFA when the
// role requires it (IAM User Guide, "Configuring MFA-protected API access").
Json TrustPolicy(const spec::Stack& stack, const spec::Role& role) {
  Json statement = {
      {"Effect", "Allow"},
      {"Principal", {{"AWS", AccountRootArn(stack.organization, role.trusted_account)}}},
      {"Action", "sts:AssumeRole"}};
  if (role.require_mfa) {
    statement["Condition"] = {{"Bool", {{"aws:MultiFactorAuthPresent", "true"}}}};
  }
  return {{"Version", kPolicyVersion}, {"Statement", Json::array({statement})}};
}

void AddRoles(BuildContext& context, const spec::Role& role) {
  const spec::Stack& stack = context.stack();
  for (const RoleGrant& grant : GrantsOf(stack, role)) {
    const spec::PermissionSet& set = *grant.permission_set;
    Json managed = Json::array();
    std::vector<std::string> arns = set.managed_policies;
    std::sort(arns.begin(), arns.end());
    arns.erase(std::unique(arns.begin(), arns.end()), arns.end());
    for (const std::string& arn : arns) managed.push_back(arn);
    Json inline_policies = Json::object();
    if (set.policy) inline_policies[set.name] = set.policy->document;
    context.AddIamEntity(RoleAddress(grant.account->name, role.name), "iam_role",
                         context.AccountOf(grant.account->name),
                         {{"name", role.name},
                          {"description", role.description},
                          {"assume_role_policy", TrustPolicy(stack, role)},
                          {"max_session_duration", role.max_session_hours * kSecondsPerHour},
                          {"managed_policy_arns", managed},
                          {"tags", Json::object()}},
                         inline_policies, grant.grant->location);
  }
}

// The ARNs of every role the group's members may assume, in the group's role order and the
// spec's account order: references to the roles, whose ARNs carry the account numbers.
Json AssumableRoleArns(const spec::Stack& stack, const spec::Group& group) {
  Json arns = Json::array();
  for (const std::string& role_name : group.roles) {
    const spec::Role* role = stack.access.FindRole(role_name);
    if (role == nullptr) continue;  // reported by the loader
    for (const RoleGrant& grant : GrantsOf(stack, *role)) {
      arns.push_back(Reference(RoleAddress(grant.account->name, role->name), "arn"));
    }
  }
  return arns;
}

void AddGroup(BuildContext& context, const spec::Group& group) {
  Json inline_policies = Json::object();
  Json arns = AssumableRoleArns(context.stack(), group);
  if (!arns.empty()) {
    inline_policies[kAssumeRolesPolicy] = {{"Version", kPolicyVersion},
                                           {"Statement",
                                            {{{"Sid", "AssumeRoles"},
                                              {"Effect", "Allow"},
                                              {"Action", "sts:AssumeRole"},
                                              {"Resource", arns}}}}};
  }
  if (group.policy) inline_policies[kGroupPolicy] = group.policy->document;
  context.AddIamEntity(MakeAddress("org", "iam_group", group.name), "iam_group",
                       context.AccountOf(group.account),
                       {{"name", group.name}, {"managed_policy_arns", Json::array()}},
                       inline_policies, group.location);
}

void AddUser(BuildContext& context, const spec::User& user) {
  const std::string account = context.AccountOf(user.account);
  const std::string user_address = MakeAddress("org", "iam_user", user.name);
  std::vector<std::string> groups = user.groups;
  std::sort(groups.begin(), groups.end());
  groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
  Json inline_policies = Json::object();
  if (user.policy) inline_policies[kUserPolicy] = user.policy->document;
  resources::DesiredResource& resource =
      context.AddIamEntity(user_address, "iam_user", account,
                           {{"name", user.name},
                            {"groups", Json(groups)},
                            {"managed_policy_arns", Json::array()},
                            {"tags", Json::object()}},
                           inline_policies, user.location);
  // Group names are plain strings, not references: joining a group needs it to exist.
  for (const std::string& group : groups) {
    resource.depends_on.push_back(MakeAddress("org", "iam_group", group));
  }

  const std::string& region = context.stack().region;
  if (user.kind == spec::UserKind::kHuman) {
    context.Add(MakeAddress("org", "iam_login_profile", user.name), "iam_login_profile", account,
                "",
                {{"user", Reference(user_address)},
                 {"password_reset_required", true},
                 {"secret_region", region}},
                user.location);
    return;
  }
  for (int n = 1; n <= user.access_keys; ++n) {
    std::string key = user.name + "/" + std::to_string(n);
    context.Add(MakeAddress("org", "iam_access_key", key), "iam_access_key", account, "",
                {{"user", Reference(user_address)},
                 {"status", "Active"},
                 {"secret_name", kAccessKeySecretPrefix + key},
                 {"secret_region", region}},
                user.At("access_keys"));
  }
}

}  // namespace

void BuildAccess(BuildContext& context) {
  const spec::Access& access = context.stack().access;
  for (const spec::Role& role : access.roles) AddRoles(context, role);
  for (const spec::Group& group : access.groups) AddGroup(context, group);
  for (const spec::User& user : access.users) AddUser(context, user);
}

}  // namespace vueops::graph

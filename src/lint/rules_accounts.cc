// Rules of the notes' "Accounts and IAM" and "Access notes" sections (VO1xx).
#include <algorithm>
#include <cctype>

#include "base/file.h"
#include "lint/rule_helpers.h"
#include "lint/rules.h"

namespace vueops::lint {
namespace {

using spec::AccountKind;

bool IsWorkload(AccountKind kind) { return !spec::AccountKindMayHoldUsers(kind); }

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), ::tolower);
  return text;
}

// The role the notes name `name`, if the spec has it.
const spec::Role* NotesRole(const spec::Stack& stack, std::string_view name) {
  return stack.access.FindRole(name);
}

// Whether a permission set only reads: the built-in read-only set, or one whose managed
// policies are all ReadOnlyAccess / ViewOnlyAccess-like and has no inline policy.
bool IsReadOnlySet(const spec::Stack& stack, const std::string& name) {
  if (name.empty() || name == "read-only") return true;
  const spec::PermissionSet* set = stack.access.FindPermissionSet(name);
  if (set == nullptr || set->policy) return false;
  return std::all_of(set->managed_policies.begin(), set->managed_policies.end(),
                     [](const std::string& arn) {
                       return arn.find("ReadOnlyAccess") != std::string::npos ||
                              arn.find("ViewOnlyAccess") != std::string::npos;
                     });
}

bool IsAdminSet(const spec::Stack& stack, const std::string& name) {
  if (name == "admin") return true;
  const spec::PermissionSet* set = stack.access.FindPermissionSet(name);
  return set != nullptr &&
         std::any_of(set->managed_policies.begin(), set->managed_policies.end(),
                     [](const std::string& arn) {
                       return arn.find("AdministratorAccess") != std::string::npos;
                     });
}

// Whether a statement allows every action on every resource.
bool AllowsEverything(const Json& statement) {
  if (!statement.is_object() || statement.value("Effect", "") != "Allow") return false;
  auto actions = StringsOf(statement, "Action");
  auto resources = StringsOf(statement, "Resource");
  bool every_action = std::find(actions.begin(), actions.end(), "*") != actions.end() ||
                      std::find(actions.begin(), actions.end(), "*:*") != actions.end();
  bool every_resource = std::find(resources.begin(), resources.end(), "*") != resources.end();
  return every_action && every_resource;
}

}  // namespace

void CheckNoUsersInWorkloadAccounts(RuleContext& context) {
  const spec::Stack& stack = context.stack();
  for (const spec::User& user : stack.access.users) {
    const spec::Account* account = stack.organization.FindAccount(user.account);
    if (account == nullptr || !IsWorkload(account->kind)) continue;
    context.Report(user.location, Address("org", "user", user.name),
                   "user '" + user.name + "' is in " + std::string(AccountKindName(account->kind)) +
                       " account '" + account->name + "'");
  }
}

void CheckGroupsMatchRoles(RuleContext& context) {
  const spec::Access& access = context.stack().access;
  for (const spec::Group& group : access.groups) {
    if (group.account != access.identity_account) continue;
    if (access.FindRole(group.name) == nullptr) {
      context.Report(group.location, Address("org", "group", group.name),
                     "group '" + group.name + "' in " + group.account +
                         " is not named for a role");
      continue;
    }
    for (const std::string& role : group.roles) {
      if (role != group.name) {
        context.Report(group.At("roles"), Address("org", "group", group.name),
                       "group '" + group.name + "' grants role '" + role +
                           "', not its same-named role");
      }
    }
  }
}

void CheckAssumeRoleNamesAccounts(RuleContext& context) {
  ForEachPolicy(context.stack(), [&](const spec::PolicyDocument& policy, const std::string& owner) {
    for (const Json& statement : Statements(policy.document)) {
      if (!statement.is_object() || statement.value("Effect", "") != "Allow") continue;
      auto actions = StringsOf(statement, "Action");
      bool assume = std::any_of(actions.begin(), actions.end(), [](const std::string& action) {
        std::string lower = Lower(action);
        return lower == "sts:assumerole" || lower == "sts:*" || lower == "*" ||
               lower == "sts:assume*";
      });
      if (!assume) continue;
      for (const std::string& resource : StringsOf(statement, "Resource")) {
        // arn:aws:iam::ACCOUNT:role/NAME — the account is the fifth field.
        size_t start = 0;
        for (int field = 0; field < 4 && start != std::string::npos; ++field) {
          start = resource.find(':', start);
          if (start != std::string::npos) ++start;
        }
        std::string account =
            start == std::string::npos ? "" : resource.substr(start, resource.find(':', start) - start);
        bool role_arn = resource.find(":role/") != std::string::npos;
        if (resource == "*" || (role_arn && account.find_first_not_of("0123456789") != std::string::npos) ||
            (role_arn && account.empty())) {
          context.Report(policy.location, owner,
                         "sts:AssumeRole on '" + resource + "' does not name the account number");
        }
      }
    }
  });
}

void CheckVueDevReadOnlyOnProduction(RuleContext& context) {
  const spec::Stack& stack = context.stack();
  const spec::Role* role = NotesRole(stack, "VueDev");
  if (role == nullptr) return;
  for (const spec::Account& account : stack.organization.accounts) {
    if (account.kind != AccountKind::kProduction) continue;
    std::string set = PermissionIn(stack, *role, account);
    if (!IsReadOnlySet(stack, set)) {
      context.Report(role->At("grants"), Address("org", "role", role->name),
                     "VueDev has '" + set + "' on production account '" + account.name + "'");
    }
  }
}

void CheckVueReadReadOnly(RuleContext& context) {
  const spec::Stack& stack = context.stack();
  const spec::Role* role = NotesRole(stack, "VueRead");
  if (role == nullptr) return;
  for (const spec::Grant& grant : role->grants) {
    if (grant.permission_set != "none" && !IsReadOnlySet(stack, grant.permission_set)) {
      context.Report(grant.At("permission_set"), Address("org", "role", role->name),
                     "VueRead has '" + grant.permission_set + "' on '" + grant.selector + "'");
    }
  }
}

void CheckVueOrgTrustedFromRoot(RuleContext& context) {
  const spec::Stack& stack = context.stack();
  const spec::Role* role = NotesRole(stack, "VueOrg");
  if (role == nullptr) return;
  const spec::Account* trusted = stack.organization.FindAccount(role->trusted_account);
  if (trusted == nullptr || trusted->kind != AccountKind::kRoot) {
    context.Report(role->Has("trusted_account") ? role->At("trusted_account") : role->location,
                   Address("org", "role", role->name),
                   "VueOrg is trusted from '" + role->trusted_account + "', not the root account");
  }
}

void CheckAdminNotOnIdentityAccount(RuleContext& context) {
  const spec::Stack& stack = context.stack();
  const spec::Account* identity = stack.organization.FindAccount(stack.access.identity_account);
  if (identity == nullptr) return;
  for (const spec::Role& role : stack.access.roles) {
    if (role.name == "VueOrg") continue;
    std::string set = PermissionIn(stack, role, *identity);
    if (IsAdminSet(stack, set)) {
      context.Report(role.At("grants"), Address("org", "role", role.name),
                     "role '" + role.name + "' is admin in the identity account '" +
                         identity->name + "'");
    }
  }
}

void CheckRolesRequireMfa(RuleContext& context) {
  for (const spec::Role& role : context.stack().access.roles) {
    if (!role.require_mfa) {
      context.Report(role.At("require_mfa"), Address("org", "role", role.name),
                     "role '" + role.name + "' can be assumed without MFA");
    }
  }
}

void CheckSharedAccessKey(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (env.app_credentials == spec::AppCredentials::kSharedKey) {
      context.Report(env.At("application"), Address(env.name, "application"),
                     "MPF uses the access key of user '" + env.app_key_user +
                         "' for every service");
    }
  }
}

void CheckOneAccessKeyPerUser(RuleContext& context) {
  for (const spec::User& user : context.stack().access.users) {
    if (user.access_keys > 1) {
      context.Report(user.At("access_keys"), Address("org", "user", user.name),
                     "user '" + user.name + "' keeps " + std::to_string(user.access_keys) +
                         " access keys");
    }
  }
}

void CheckUserPoliciesThroughGroups(RuleContext& context) {
  for (const spec::User& user : context.stack().access.users) {
    if (user.policy) {
      context.Report(user.At("policy"), Address("org", "user", user.name),
                     "user '" + user.name + "' has its own policy");
    }
  }
}

void CheckNoWildcardAdminPolicies(RuleContext& context) {
  ForEachPolicy(context.stack(), [&](const spec::PolicyDocument& policy, const std::string& owner) {
    for (const Json& statement : Statements(policy.document)) {
      if (AllowsEverything(statement)) {
        context.Report(policy.location, owner, "a statement allows every action on every resource");
      }
    }
  });
}

void CheckNoWildcardPrincipals(RuleContext& context) {
  ForEachPolicy(context.stack(), [&](const spec::PolicyDocument& policy, const std::string& owner) {
    for (const Json& statement : Statements(policy.document)) {
      if (!statement.is_object() || statement.value("Effect", "") != "Allow") continue;
      auto principal = statement.find("Principal");
      if (principal == statement.end()) continue;
      bool star = (principal->is_string() && *principal == "*");
      if (principal->is_object()) {
        for (const auto& [kind, value] : principal->items()) {
          std::vector<std::string> names = StringsOf(*principal, kind);
          star = star || std::find(names.begin(), names.end(), "*") != names.end();
        }
      }
      if (star) context.Report(policy.location, owner, "a statement allows Principal \"*\"");
    }
  });
}

void CheckRegionLockPolicy(RuleContext& context) {
  const spec::Stack& stack = context.stack();
  bool has_workloads = std::any_of(stack.organization.accounts.begin(),
                                   stack.organization.accounts.end(),
                                   [](const spec::Account& a) { return IsWorkload(a.kind); });
  if (!has_workloads) return;
  for (const spec::ServiceControlPolicy& policy : stack.organization.policies) {
    for (const Json& statement : Statements(policy.policy.document)) {
      if (statement.is_object() && statement.value("Effect", "") == "Deny" &&
          DumpJson(statement).find("aws:RequestedRegion") != std::string::npos) {
        return;
      }
    }
  }
  context.Report(stack.organization.location, "org.organization",
                 "no service control policy denies regions other than " + stack.region);
}

void CheckAccountsInUnits(RuleContext& context) {
  for (const spec::Account& account : context.stack().organization.accounts) {
    if (IsWorkload(account.kind) && account.organizational_unit.empty()) {
      context.Report(account.location, Address("org", "account", account.name),
                     "account '" + account.name + "' is in no organizational unit");
    }
  }
}

void CheckRoleGrantsReachAccounts(RuleContext& context) {
  const spec::Stack& stack = context.stack();
  for (const spec::Role& role : stack.access.roles) {
    for (const spec::Grant& grant : role.grants) {
      if (AccountsSelected(stack, grant.selector).empty()) {
        context.Report(grant.At("selector"), Address("org", "role", role.name),
                       "grant '" + grant.selector + "' of role '" + role.name +
                           "' matches no account");
      }
    }
  }
}

void CheckNoLocalAwsYaml(RuleContext& context) {
  const spec::Operations& operations = context.stack().operations;
  if (operations.credentials == "aws-yaml") {
    context.Report(operations.At("credentials"), "org.operations",
                   "operators' credentials come from a local .secrets/aws.yaml");
    return;
  }
  // The secrets folder's parent (.secrets) is where the notes keep aws.yaml.
  std::string file = JoinPath(DirectoryOf(context.SecretsDir()), "aws.yaml");
  if (FileExists(file)) {
    context.Report(operations.location, "org.operations",
                   file + " still exists; nothing should read it");
  }
}

void CheckStateInToolsAccount(RuleContext& context) {
  const spec::Stack& stack = context.stack();
  const spec::StateBackend& state = stack.state;
  if (state.kind != "s3") {
    context.Report(state.Has("backend") ? state.At("backend") : stack.location, "org.state",
                   "state is kept on this machine, not shared in the tools account");
    return;
  }
  const spec::Account* account = stack.organization.FindAccount(state.account);
  if (account == nullptr || account->kind != AccountKind::kTools) {
    context.Report(state.At("account"), "org.state",
                   "state is kept in '" + state.account + "', not the tools account");
  }
}

}  // namespace vueops::lint

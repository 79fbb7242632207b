// Resolving accounts, OUs, SCPs, roles, groups and users (notes: "Accounts and IAM").
#include <algorithm>
#include <map>

#include "base/did_you_mean.h"
#include "spec/resolve.h"

namespace vueops::spec {
namespace {

// Grant selectors that are not account names.
const std::vector<std::string> kSelectors = {"all", "sandboxes", "production", "workloads"};

// AWS managed policies behind the two permission sets every spec has.
constexpr const char* kAdministratorAccess = "arn:aws:iam::aws:policy/AdministratorAccess";
constexpr const char* kReadOnlyAccess = "arn:aws:iam::aws:policy/ReadOnlyAccess";

std::vector<std::string> AccountNames(const Organization& organization) {
  std::vector<std::string> names;
  for (const Account& account : organization.accounts) names.push_back(account.name);
  return names;
}

void ResolveAccounts(DecodeContext& context, Organization& organization) {
  if (organization.Has("accounts") && organization.accounts.empty()) {
    context.Error("spec.missing", organization.At("accounts"), "organization lists no accounts",
                  "add the accounts: {vueorg: {kind: root, email: ...}, ...}");
  }
  std::map<std::string, const Account*> emails, ids;
  for (const Account& account : organization.accounts) {
    if (std::find(kSelectors.begin(), kSelectors.end(), account.name) != kSelectors.end()) {
      context.Error("spec.value", account.location,
                    "'" + account.name + "' is reserved for grants; rename the account");
    }
    if (!account.email.empty() && !emails.emplace(account.email, &account).second) {
      context.Error("spec.duplicate", account.At("email"),
                    "accounts '" + emails[account.email]->name + "' and '" + account.name +
                        "' share the email " + account.email,
                    "AWS Organizations needs a different root email for every account");
    }
    if (!account.id.empty() && !ids.emplace(account.id, &account).second) {
      context.Error("spec.duplicate", account.At("id"),
                    "accounts '" + ids[account.id]->name + "' and '" + account.name +
                        "' have the same id " + account.id);
    }
  }
  std::vector<std::string> names = AccountNames(organization);
  if (!organization.management_account.empty() &&
      CheckReference(context, organization.At("management_account"), "organization",
                     "account", organization.management_account, names)) {
    const Account* root = organization.FindAccount(organization.management_account);
    if (root->kind != AccountKind::kRoot) {
      context.Error("spec.value", organization.At("management_account"),
                    "the management account '" + root->name + "' has kind " +
                        std::string(AccountKindName(root->kind)) + ", not root",
                    "notes: vueorg is the root org, with only root users");
    }
  }
  int roots = 0;
  for (const Account& account : organization.accounts) {
    if (account.kind == AccountKind::kRoot && ++roots == 2) {
      context.Error("spec.value", account.At("kind"),
                    "account '" + account.name + "' is a second root account",
                    "an organization has one management (root) account");
    }
  }
  std::map<std::string, std::string> unit_of;
  for (OrganizationalUnit& unit : organization.units) {
    for (size_t i = 0; i < unit.accounts.size(); ++i) {
      const std::string& name = unit.accounts[i];
      if (!CheckReference(context, unit.At("accounts", i),
                          "organizational unit '" + unit.name + "'", "account", name, names)) {
        continue;
      }
      if (!unit_of.emplace(name, unit.name).second) {
        context.Error(
            "spec.duplicate", unit.At("accounts", i),
            "account '" + name + "' is in both '" + unit_of[name] + "' and '" + unit.name + "'",
            "an account belongs to one organizational unit");
      }
    }
  }
  for (Account& account : organization.accounts) {
    auto it = unit_of.find(account.name);
    if (it != unit_of.end()) account.organizational_unit = it->second;
  }
  std::vector<std::string> targets = names;
  targets.push_back("root");
  for (const OrganizationalUnit& unit : organization.units) targets.push_back(unit.name);
  for (const ServiceControlPolicy& policy : organization.policies) {
    for (size_t i = 0; i < policy.targets.size(); ++i) {
      CheckReference(context, policy.At("targets", i),
                     "service control policy '" + policy.name + "'", "target", policy.targets[i],
                     targets);
    }
  }
}

void AddBuiltInPermissionSets(Access& access) {
  if (access.FindPermissionSet("admin") == nullptr) {
    PermissionSet& admin = access.permission_sets.emplace_back();
    admin.name = "admin";
    admin.description = "Full administrator access (AWS managed AdministratorAccess)";
    admin.managed_policies = {kAdministratorAccess};
  }
  if (access.FindPermissionSet("read-only") == nullptr) {
    PermissionSet& read_only = access.permission_sets.emplace_back();
    read_only.name = "read-only";
    read_only.description = "Read-only access (AWS managed ReadOnlyAccess)";
    read_only.managed_policies = {kReadOnlyAccess};
  }
}

void ResolveRoles(DecodeContext& context, const Organization& organization, Access& access) {
  std::vector<std::string> accounts = AccountNames(organization);
  std::vector<std::string> selectors = accounts;
  selectors.insert(selectors.end(), kSelectors.begin(), kSelectors.end());
  std::vector<std::string> sets = {"none"};
  for (const PermissionSet& set : access.permission_sets) sets.push_back(set.name);
  for (Role& role : access.roles) {
    std::string owner = "role '" + role.name + "'";
    for (const Grant& grant : role.grants) {
      if (!accounts.empty()) {  // else organization: is missing, and reported
        CheckReference(context, grant.At("selector"), owner, "account", grant.selector, selectors);
      }
      CheckReference(context, grant.At("permission_set"), owner, "permission set",
                     grant.permission_set, sets);
    }
    if (role.trusted_account.empty()) {
      role.trusted_account = access.identity_account;
    } else {
      CheckReference(context, role.At("trusted_account"), owner, "account",
                     role.trusted_account, accounts);
    }
  }
}

// notes: "The vueusers account defines IAM groups with the same names as the roles."
void DeriveGroups(Access& access) {
  for (const Role& role : access.roles) {
    if (role.trusted_account != access.identity_account) continue;
    if (access.FindGroup(role.name) != nullptr) continue;
    Group& group = access.groups.emplace_back();
    group.name = role.name;
    group.account = access.identity_account;
    group.roles = {role.name};
    group.location = role.location;
  }
}

void ResolveGroupsAndUsers(DecodeContext& context, const Organization& organization,
                           Access& access) {
  std::vector<std::string> accounts = AccountNames(organization);
  std::vector<std::string> roles;
  for (const Role& role : access.roles) roles.push_back(role.name);
  for (Group& group : access.groups) {
    if (group.account.empty()) group.account = access.identity_account;
    std::string owner = "group '" + group.name + "'";
    CheckReference(context, group.At("account"), owner, "account", group.account, accounts);
    for (size_t i = 0; i < group.roles.size(); ++i) {
      CheckReference(context, group.At("roles", i), owner, "role", group.roles[i], roles);
    }
  }
  DeriveGroups(access);
  std::vector<std::string> groups;
  for (const Group& group : access.groups) groups.push_back(group.name);
  for (User& user : access.users) {
    if (user.account.empty()) user.account = access.identity_account;
    std::string owner = "user '" + user.name + "'";
    CheckReference(context, user.At("account"), owner, "account", user.account, accounts);
    for (size_t i = 0; i < user.groups.size(); ++i) {
      const std::string& name = user.groups[i];
      if (!CheckReference(context, user.At("groups", i), owner, "group", name, groups)) continue;
      const Group* group = access.FindGroup(name);
      if (group->account != user.account) {
        context.Error("spec.reference", user.At("groups", i),
                      owner + " (in " + user.account + ") cannot join group '" + name +
                          "', which is in " + group->account,
                      "IAM groups hold users of their own account only");
      }
    }
  }
}

void ResolveOperationsAndState(DecodeContext& context, Stack& stack) {
  std::vector<std::string> accounts = AccountNames(stack.organization);
  Operations& operations = stack.operations;
  // The entry host's account: as written, else the account marked ssh_entry: true, else the
  // tools account (notes: "vueops - ... SSH entry").
  const Account* marked = nullptr;
  for (const Account& account : stack.organization.accounts) {
    if (account.ssh_entry && marked == nullptr) marked = &account;
  }
  if (marked != nullptr && !operations.ssh_entry_account.empty() &&
      operations.ssh_entry_account != marked->name) {
    context.Error("spec.value", operations.At("ssh_entry"),
                  "ssh_entry names account '" + operations.ssh_entry_account +
                      "', but account '" + marked->name + "' is marked ssh_entry: true",
                  "make the two agree");
  }
  if (operations.ssh_entry_account.empty() && !operations.ssh_entry_host.empty()) {
    if (marked != nullptr) {
      operations.ssh_entry_account = marked->name;
    } else if (const Account* tools = stack.organization.FirstOfKind(AccountKind::kTools)) {
      operations.ssh_entry_account = tools->name;
    }
  }
  if (operations.ssh_entry_user.empty()) operations.ssh_entry_user = operations.ssh_user;
  if (!operations.ssh_entry_account.empty()) {
    CheckReference(context, operations.At("ssh_entry"), "ssh_entry", "account",
                   operations.ssh_entry_account, accounts);
  }
  StateBackend& state = stack.state;
  if (state.kind == "s3") {
    if (state.region.empty()) state.region = stack.region;
    if (state.account.empty()) {
      // notes: "vueops - Tool state shared across accounts".
      if (const Account* tools = stack.organization.FirstOfKind(AccountKind::kTools)) {
        state.account = tools->name;
      }
    } else {
      CheckReference(context, state.At("account"), "state", "account", state.account, accounts);
    }
    std::vector<std::string> roles;
    for (const Role& role : stack.access.roles) roles.push_back(role.name);
    if (!roles.empty()) {
      CheckReference(context, state.At("role"), "state", "role", state.role, roles);
    }
  }
}

}  // namespace

bool CheckReference(DecodeContext& context, Location at, std::string_view owner,
                    std::string_view kind, const std::string& name,
                    const std::vector<std::string>& candidates) {
  if (std::find(candidates.begin(), candidates.end(), name) != candidates.end()) return true;
  // No accounts at all means organization: is missing, misspelt or empty, which is reported
  // once; an error at every account reference would bury that one.
  if (candidates.empty() && kind == "account") return false;
  std::string hint = SuggestName(name, candidates);
  if (hint.empty()) {
    if (candidates.empty()) {
      hint = "there is no " + std::string(kind) + " to refer to";
    } else {
      hint = "the choices are: ";
      for (size_t i = 0; i < candidates.size(); ++i) hint += (i ? ", " : "") + candidates[i];
    }
  }
  context.Error("spec.reference", at,
                std::string(owner) + " names " + std::string(kind) + " '" + name +
                    "', which does not exist",
                hint, static_cast<uint32_t>(std::max<size_t>(name.size(), 1)));
  return false;
}

void ResolveOrganization(DecodeContext& context, Stack& stack) {
  ResolveAccounts(context, stack.organization);
  Access& access = stack.access;
  std::vector<std::string> accounts = AccountNames(stack.organization);
  if (!access.identity_account.empty() &&
      CheckReference(context, access.At("identity_account"), "access", "account",
                     access.identity_account, accounts)) {
    const Account* identity = stack.organization.FindAccount(access.identity_account);
    if (identity->kind != AccountKind::kIdentity) {
      context.Error("spec.value", access.At("identity_account"),
                    "the identity account '" + identity->name + "' has kind " +
                        std::string(AccountKindName(identity->kind)) + ", not identity",
                    "notes: vueusers holds IAM users, groups, and policies for assuming roles");
    }
  }
  AddBuiltInPermissionSets(access);
  ResolveRoles(context, stack.organization, access);
  ResolveGroupsAndUsers(context, stack.organization, access);
  ResolveOperationsAndState(context, stack);
}

void Resolve(DecodeContext& context, Stack& stack) {
  ResolveOrganization(context, stack);
  for (Environment& env : stack.environments) ResolveEnvironment(context, stack, env);
  // S3 bucket names are global: two environments must not claim the same one.
  std::map<std::string, std::string> owners;
  for (const Environment& env : stack.environments) {
    for (const Bucket& bucket : env.buckets) {
      if (bucket.name.empty()) continue;
      std::string owner = env.name + "." + bucket.key;
      auto [it, inserted] = owners.emplace(bucket.name, owner);
      if (!inserted) {
        context.Error("spec.duplicate", bucket.At("name"),
                      "bucket name '" + bucket.name + "' is used by both " + it->second +
                          " and " + owner,
                      "S3 bucket names are global; include ${env} in the name");
      }
    }
  }
}

}  // namespace vueops::spec

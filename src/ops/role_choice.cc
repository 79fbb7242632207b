#include "ops/role_choice.h"

#include <algorithm>

#include "base/did_you_mean.h"
#include "graph/access_grants.h"

namespace vueops::ops {
namespace {

constexpr std::string_view kAdministratorAccess = "arn:aws:iam::aws:policy/AdministratorAccess";
// AWS managed policies that only read (AWS Managed Policy Reference).
constexpr std::string_view kReadOnlyPolicies[] = {
    "arn:aws:iam::aws:policy/ReadOnlyAccess",
    "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess",
    "arn:aws:iam::aws:policy/SecurityAudit",
};

std::string_view LevelName(PrivilegeLevel level) {
  switch (level) {
    case PrivilegeLevel::kReadOnly: return "read-only";
    case PrivilegeLevel::kLimited: return "limited";
    case PrivilegeLevel::kAdmin: return "admin";
  }
  return "limited";
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

// The permission set `role` has in `account`, or null when the role does not exist there.
const spec::PermissionSet* PermissionsIn(const spec::Stack& stack, const spec::Role& role,
                                         const spec::Account& account) {
  for (const graph::RoleGrant& grant : graph::GrantsOf(stack, role)) {
    if (grant.account == &account) return grant.permission_set;
  }
  return nullptr;
}

std::string CandidateList(const std::vector<RoleCandidate>& candidates) {
  std::string text;
  for (const RoleCandidate& candidate : candidates) {
    text += (text.empty() ? "" : ", ") + candidate.role + ": " + candidate.permission_set;
  }
  return text;
}

}  // namespace

PrivilegeLevel PrivilegeOf(const spec::PermissionSet& set) {
  bool read_only = !set.policy.has_value() && !set.managed_policies.empty();
  for (const std::string& arn : set.managed_policies) {
    if (arn == kAdministratorAccess) return PrivilegeLevel::kAdmin;
    if (std::find(std::begin(kReadOnlyPolicies), std::end(kReadOnlyPolicies), arn) ==
        std::end(kReadOnlyPolicies)) {
      read_only = false;
    }
  }
  return read_only ? PrivilegeLevel::kReadOnly : PrivilegeLevel::kLimited;
}

const spec::User* FindUser(const spec::Stack& stack, std::string_view name) {
  for (const spec::User& user : stack.access.users) {
    if (user.name == name) return &user;
  }
  return nullptr;
}

std::vector<RoleCandidate> RolesOfUserIn(const spec::Stack& stack, const spec::User& user,
                                         const spec::Account& account) {
  std::vector<std::string> granted;
  for (const std::string& group_name : user.groups) {
    const spec::Group* group = stack.access.FindGroup(group_name);
    if (group == nullptr) continue;  // reported by the loader
    granted.insert(granted.end(), group->roles.begin(), group->roles.end());
  }
  std::vector<RoleCandidate> candidates;
  for (const spec::Role& role : stack.access.roles) {
    if (std::find(granted.begin(), granted.end(), role.name) == granted.end()) continue;
    const spec::PermissionSet* set = PermissionsIn(stack, role, account);
    if (set == nullptr) continue;
    candidates.push_back({role.name, set->name, PrivilegeOf(*set)});
  }
  return candidates;
}

std::string ReadOnlyRole(const spec::Stack& stack, const spec::Account& account) {
  std::string fallback;
  for (const spec::Role& role : stack.access.roles) {
    bool here = false, everywhere = true;
    for (const graph::RoleGrant& grant : graph::GrantsOf(stack, role)) {
      bool read_only = grant.permission_set != nullptr &&
                       PrivilegeOf(*grant.permission_set) == PrivilegeLevel::kReadOnly;
      everywhere = everywhere && read_only;
      here = here || (grant.account == &account && read_only);
    }
    if (here && everywhere) return role.name;
    if (here && fallback.empty()) fallback = role.name;
  }
  return fallback;
}

Result<RoleChoice> ChooseRole(const spec::Stack& stack, const spec::Account& account,
                              const spec::User* user, std::string_view requested) {
  RoleChoice choice;
  if (user != nullptr) choice.candidates = RolesOfUserIn(stack, *user, account);

  if (!requested.empty()) {
    choice.role = std::string(requested);
    choice.reason = "named on the command line";
    if (requested == kOrganizationAccessRole) return choice;
    const spec::Role* role = stack.access.FindRole(requested);
    if (role == nullptr) {
      std::vector<std::string> names;
      for (const spec::Role& known : stack.access.roles) names.push_back(known.name);
      names.emplace_back(kOrganizationAccessRole);
      std::string hint = DidYouMean(requested, names);
      return NotFoundError("no role '" + std::string(requested) + "' in the spec" +
                           (hint.empty() ? "; its roles: " + JoinNames(names) : "; " + hint));
    }
    const spec::PermissionSet* set = PermissionsIn(stack, *role, account);
    if (set == nullptr) {
      std::vector<std::string> where;
      for (const graph::RoleGrant& grant : graph::GrantsOf(stack, *role)) {
        where.push_back(grant.account->name);
      }
      return FailedPreconditionError(
          "role " + role->name + " does not exist in " + account.name +
          " (its grants make it in: " +
          (where.empty() ? std::string("no account") : JoinNames(where)) + ")");
    }
    choice.permission_set = set->name;
    choice.max_session_hours = role->max_session_hours;
    choice.require_mfa = role->require_mfa;
    if (user != nullptr &&
        std::none_of(choice.candidates.begin(), choice.candidates.end(),
                     [&](const RoleCandidate& candidate) { return candidate.role == requested; })) {
      choice.reason +=
          " (" + user->name + "'s groups do not grant it, so STS will probably refuse it)";
    }
    return choice;
  }

  if (user == nullptr) {
    return FailedPreconditionError(
        "the caller is not a user of the spec, so vueops cannot tell which role its groups "
        "grant; name the ROLE");
  }
  if (choice.candidates.empty()) {
    std::vector<std::string> roles_there;
    for (const spec::Role& role : stack.access.roles) {
      if (PermissionsIn(stack, role, account) != nullptr) roles_there.push_back(role.name);
    }
    return FailedPreconditionError(
        user->name + "'s groups (" + JoinNames(user->groups) + ") grant no role in " +
        account.name +
        "; roles there: " + (roles_there.empty() ? std::string("none") : JoinNames(roles_there)));
  }
  // Least privilege first: an operator in VueAdmin and VueRead gets VueRead in production and
  // names VueAdmin when they mean to change something. Ties keep the spec's role order.
  const RoleCandidate* best = &choice.candidates.front();
  for (const RoleCandidate& candidate : choice.candidates) {
    if (candidate.level < best->level) best = &candidate;
  }
  const spec::Role* role = stack.access.FindRole(best->role);
  choice.role = best->role;
  choice.permission_set = best->permission_set;
  choice.max_session_hours = role->max_session_hours;
  choice.require_mfa = role->require_mfa;
  if (choice.candidates.size() == 1) {
    choice.reason = "the only role " + user->name + "'s groups grant in " + account.name;
  } else {
    choice.reason = "the least privileged (" + std::string(LevelName(best->level)) + ") of " +
                    user->name + "'s roles in " + account.name + " (" +
                    CandidateList(choice.candidates) + "); name another to use it";
  }
  return choice;
}

}  // namespace vueops::ops

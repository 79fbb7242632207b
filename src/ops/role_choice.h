// Which role an operator assumes in an account (notes: "users ... can take on roles depending
// on the IAM groups they belong to"). The spec's access model says which roles a user's groups
// grant and what each may do in each account; an operator in several groups gets the least
// privileged of them unless they name one.
#ifndef VUEOPS_OPS_ROLE_CHOICE_H_
#define VUEOPS_OPS_ROLE_CHOICE_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "spec/stack.h"

namespace vueops::ops {

// The role Organizations creates in every account it makes, which the management account's
// principals may assume (AWS Organizations User Guide, "Accessing member accounts"). Not a
// spec role, but a way in that an operator may name.
inline constexpr std::string_view kOrganizationAccessRole = "OrganizationAccountAccessRole";

// How much a permission set allows, for choosing among roles: read-only < other < admin.
enum class PrivilegeLevel { kReadOnly = 0, kLimited = 1, kAdmin = 2 };

// kAdmin with AdministratorAccess among the managed policies; kReadOnly when only AWS's
// read-only managed policies (ReadOnlyAccess, ViewOnlyAccess, SecurityAudit) and no inline
// policy; kLimited otherwise.
PrivilegeLevel PrivilegeOf(const spec::PermissionSet& set);

struct RoleCandidate {
  std::string role;
  std::string permission_set;  // what the role may do in the account
  PrivilegeLevel level = PrivilegeLevel::kLimited;
};

struct RoleChoice {
  std::string role;
  std::string permission_set;  // empty for OrganizationAccountAccessRole
  int max_session_hours = 1;   // the role's maximum session (spec), 1 for the organization's
  bool require_mfa = false;    // the role's trust policy asks for MFA (spec)
  // The user's roles that exist in the account, in the spec's role order (empty when the role
  // was named and the caller is not a spec user).
  std::vector<RoleCandidate> candidates;
  // Why this role, for the output: "named on the command line", "the only role alice's
  // groups grant in vueprod", "the least privileged of alice's roles in vueprod (...)".
  std::string reason;
};

// The roles `user`'s groups grant that exist in `account` (in the spec's role order).
std::vector<RoleCandidate> RolesOfUserIn(const spec::Stack& stack, const spec::User& user,
                                         const spec::Account& account);

// The role to read `account` through (vueops audit, access matrix --live): one the spec makes
// read-only in every account it exists in (VueRead), else one read-only in this account
// (VueDev on production), else "".
std::string ReadOnlyRole(const spec::Stack& stack, const spec::Account& account);

// Chooses the role to assume in `account`.
//   requested non-empty: that role; kNotFound with a "did you mean" for a name the spec does
//     not define (OrganizationAccountAccessRole is always accepted), kFailedPrecondition for a
//     role that does not exist in the account (naming where it does).
//   requested empty: among the roles `user`'s groups grant in the account, the least
//     privileged (PrivilegeLevel), the spec's role order breaking ties. kFailedPrecondition
//     when `user` is null (the caller is not a user of the spec) or has no role there.
Result<RoleChoice> ChooseRole(const spec::Stack& stack, const spec::Account& account,
                              const spec::User* user, std::string_view requested);

// The spec's user named `name`, or null.
const spec::User* FindUser(const spec::Stack& stack, std::string_view name);

}  // namespace vueops::ops

#endif  // VUEOPS_OPS_ROLE_CHOICE_H_

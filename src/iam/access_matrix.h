// Who can do what (`vueops access matrix`): for every role, every account and every class of
// action (assume, read, write, admin), whether the policies vueops creates allow it, decided by
// the evaluator (evaluator.h) on representative actions. Pure: the documents come in, already
// parsed, and the matrix goes out; where the documents come from (the spec's desired
// resources) is the caller's business.
#ifndef VUEOPS_IAM_ACCESS_MATRIX_H_
#define VUEOPS_IAM_ACCESS_MATRIX_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "iam/evaluation.h"
#include "iam/evaluator.h"
#include "iam/policy.h"
#include "iam/request_context.h"

namespace vueops::iam {

enum class ActionClass { kAssume, kRead, kWrite, kAdmin };
inline constexpr ActionClass kActionClasses[] = {ActionClass::kAssume, ActionClass::kRead,
                                                 ActionClass::kWrite, ActionClass::kAdmin};
std::string_view ActionClassName(ActionClass action_class);  // "assume", "read", ...

// A class is allowed when every one of its representative actions is, partial when some are,
// denied when none is; no role when the role does not exist in the account.
enum class Verdict { kAllowed, kPartial, kDenied, kNoRole };
std::string_view VerdictName(Verdict verdict);  // "allowed", "partial", "denied", "no role"
// How a table shows it: as VerdictName, but "—" for no role.
std::string_view VerdictSymbol(Verdict verdict);

// One action that stands for its class. `resource` may hold {account} (the role's account id)
// and {region} (the stack's region).
struct RepresentativeAction {
  ActionClass action_class;
  std::string_view action;
  std::string_view resource;
};
// The representative actions of read, write and admin (docs/operations.md, "Who can do what"):
//   read:  ec2:DescribeInstances, s3:GetObject, rds:DescribeDBInstances
//   write: ec2:RunInstances, s3:PutObject, autoscaling:UpdateAutoScalingGroup
//   admin: iam:CreateRole, iam:PutRolePolicy, organizations:AttachPolicy
// Assume has one: sts:AssumeRole on the role's ARN.
std::span<const RepresentativeAction> RepresentativeActions();

// An account as the matrix sees it: its SCPs from the organization root down to it.
struct AccessAccount {
  std::string name;  // vueprod
  std::string kind;  // spec::AccountKindName: root, identity, backup, tools, production, sandbox
  std::string id;    // 12 digits (a stand-in when the spec does not know it yet)
  bool management = false;  // SCPs never apply in the management account
  std::vector<ServiceControlLevel> service_control_policies;
};

// One role in one account.
struct AccessRole {
  std::string name;
  std::string account;  // the account's name
  std::string arn;
  Policy trust;                     // PolicyKind::kTrust
  std::vector<Policy> permissions;  // inline and managed, PolicyKind::kIdentity
  std::optional<Policy> permissions_boundary;
  std::string source;  // where the spec grants it ("stack.yaml:120:9"), for messages
};

struct AccessGroup {
  std::string name;
  std::string account;  // the account's name
  std::vector<Policy> policies;
  std::string source;
};

struct AccessUser {
  std::string name;
  std::string account;
  std::vector<std::string> groups;
  std::vector<Policy> policies;  // the user's own
};

// Everything the matrix is computed from.
struct AccessDocuments {
  std::string identity_account;         // vueusers: where the same-named groups are
  std::string region;                   // aws:RequestedRegion of every request
  std::vector<std::string> role_names;  // the matrix's rows, in this order
  std::vector<AccessAccount> accounts;  // its columns, in this order
  std::vector<AccessRole> roles;
  std::vector<AccessGroup> groups;
  std::vector<AccessUser> users;
  // What the documents could not say exactly (a managed policy vueops does not know, account
  // ids that are stand-ins), shown with the matrix.
  std::vector<std::string> notes;

  const AccessAccount* FindAccount(std::string_view name) const;
  const AccessAccount* FindAccountById(std::string_view id) const;
  const AccessRole* FindRole(std::string_view name, std::string_view account) const;
  const AccessRole* FindRoleByArn(std::string_view arn) const;
  const AccessGroup* FindGroup(std::string_view name) const;
  const AccessUser* FindUser(std::string_view name) const;
};

// The context every request of the matrix carries unless the caller says otherwise:
// aws:RequestedRegion (the stack's region), aws:MultiFactorAuthPresent=true (human users sign
// in with MFA; the roles' trust policies require it) and aws:SecureTransport=true.
ContextValues DefaultAccessContext(const AccessDocuments& documents);

// The ARN of "a member of `group`": a user of the group's account, named after the group.
std::string GroupMemberArn(const AccessDocuments& documents, const AccessGroup& group);

// The policies in force for a session of `role`, a member of `group`, and `user` (with its
// groups'), each with its account's service control policies.
PoliciesInForce RoleSessionPolicies(const AccessDocuments& documents, const AccessRole& role);
PoliciesInForce GroupMemberPolicies(const AccessDocuments& documents, const AccessGroup& group);
PoliciesInForce UserPolicies(const AccessDocuments& documents, const AccessUser& user);

// sts:AssumeRole of `role` by a member of `group`: the group's policies must allow it on the
// role's ARN, and the role's trust policy must allow the caller.
Evaluation EvaluateAssume(const AccessDocuments& documents, const AccessGroup& group,
                          const AccessRole& role, const ContextValues& context);

// One representative action and what the evaluator said of it.
struct ActionOutcome {
  std::string action;
  std::string resource;
  Evaluation evaluation;
};

struct MatrixCell {
  std::string role;
  std::string account;
  ActionClass action_class = ActionClass::kRead;
  // Assume only: the group whose member asks, and its account. The role's own row asks as
  // the same-named group in the identity account.
  std::string caller_group;
  std::string caller_account;
  Verdict verdict = Verdict::kNoRole;
  std::vector<ActionOutcome> outcomes;  // one per representative action; none for no role
  std::string note;                     // why there is nothing to evaluate (no such group)
};

struct AccessMatrix {
  std::vector<std::string> roles;
  std::vector<std::string> accounts;
  // Every role x account x class; for assume, one cell per group (the same-named group in the
  // identity account first, whether or not it exists, then every other group).
  std::vector<MatrixCell> cells;
  std::vector<std::string> notes;  // the documents' notes

  // The role's own cell for a class; for assume, `caller_group` picks another group's.
  const MatrixCell* Find(std::string_view role, std::string_view account, ActionClass action_class,
                         std::string_view caller_group = "") const;
  // The groups other than the role's own that can assume `role` in some account.
  std::vector<std::string> OtherAssumingGroups(std::string_view role) const;
};

AccessMatrix ComputeAccessMatrix(const AccessDocuments& documents);

// The verdict of a class from its outcomes (none: kNoRole).
Verdict VerdictOf(const std::vector<ActionOutcome>& outcomes);

}  // namespace vueops::iam

#endif  // VUEOPS_IAM_ACCESS_MATRIX_H_

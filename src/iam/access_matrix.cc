#include "iam/access_matrix.h"

#include <algorithm>
#include <array>

namespace vueops::iam {
namespace {

// The session name the matrix's role sessions carry (it shows in no decision).
constexpr std::string_view kSessionName = "vueops-access-matrix";

// Chosen to tell the classes apart on the policies people write: read-only policies allow
// Describe/Get, deployers write objects and roll autoscaling groups without launching
// instances, and only administrators change IAM or the organization. The resources are
// stand-ins in the role's account: the matrix asks what the policies allow, not whether the
// objects exist. (AWS also refuses Organizations calls outside the management account and
// its delegated administrators whatever the policies say.)
constexpr std::array<RepresentativeAction, 9> kRepresentativeActions = {{
    {ActionClass::kRead, "ec2:DescribeInstances", "*"},
    {ActionClass::kRead, "s3:GetObject", "arn:aws:s3:::vueops-access-probe/object"},
    {ActionClass::kRead, "rds:DescribeDBInstances",
     "arn:aws:rds:{region}:{account}:db:vueops-access-probe"},
    {ActionClass::kWrite, "ec2:RunInstances", "arn:aws:ec2:{region}:{account}:instance/*"},
    {ActionClass::kWrite, "s3:PutObject", "arn:aws:s3:::vueops-access-probe/object"},
    {ActionClass::kWrite, "autoscaling:UpdateAutoScalingGroup",
     "arn:aws:autoscaling:{region}:{account}:autoScalingGroup:*:autoScalingGroupName/"
     "vueops-access-probe"},
    {ActionClass::kAdmin, "iam:CreateRole", "arn:aws:iam::{account}:role/vueops-access-probe"},
    {ActionClass::kAdmin, "iam:PutRolePolicy", "arn:aws:iam::{account}:role/vueops-access-probe"},
    {ActionClass::kAdmin, "organizations:AttachPolicy", "*"},
}};

std::string ReplaceAll(std::string text, std::string_view from, std::string_view to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// The account's SCPs for a principal of that account.
void AddServiceControlPolicies(const AccessDocuments& documents, const std::string& account,
                               PoliciesInForce& policies) {
  const AccessAccount* found = documents.FindAccount(account);
  if (found == nullptr) return;
  policies.service_control_policies = found->service_control_policies;
  policies.management_account = found->management;
}

MatrixCell AssumeCell(const AccessDocuments& documents, const std::string& role_name,
                      const AccessAccount& account, const std::string& group_name,
                      const std::string& group_account, const ContextValues& context) {
  MatrixCell cell;
  cell.role = role_name;
  cell.account = account.name;
  cell.action_class = ActionClass::kAssume;
  cell.caller_group = group_name;
  cell.caller_account = group_account;
  const AccessRole* role = documents.FindRole(role_name, account.name);
  if (role == nullptr) return cell;
  const AccessGroup* group = documents.FindGroup(group_name);
  if (group == nullptr || group->account != group_account) {
    cell.verdict = Verdict::kDenied;
    cell.note = "no group " + group_name + " in " + group_account;
    return cell;
  }
  cell.outcomes.push_back(
      {"sts:AssumeRole", role->arn, EvaluateAssume(documents, *group, *role, context)});
  cell.verdict = VerdictOf(cell.outcomes);
  return cell;
}

MatrixCell ActionCell(const AccessDocuments& documents, const std::string& role_name,
                      const AccessAccount& account, ActionClass action_class,
                      const ContextValues& context) {
  MatrixCell cell;
  cell.role = role_name;
  cell.account = account.name;
  cell.action_class = action_class;
  const AccessRole* role = documents.FindRole(role_name, account.name);
  if (role == nullptr) return cell;
  PoliciesInForce policies = RoleSessionPolicies(documents, *role);
  for (const RepresentativeAction& representative : kRepresentativeActions) {
    if (representative.action_class != action_class) continue;
    Request request;
    request.principal = RoleSessionPrincipal(role->arn, kSessionName);
    request.action = std::string(representative.action);
    request.resource =
        ReplaceAll(ReplaceAll(std::string(representative.resource), "{account}", account.id),
                   "{region}", documents.region);
    request.context = context;
    Evaluation evaluation = Evaluate(request, policies);
    cell.outcomes.push_back({request.action, request.resource, std::move(evaluation)});
  }
  cell.verdict = VerdictOf(cell.outcomes);
  return cell;
}

}  // namespace

std::string_view ActionClassName(ActionClass action_class) {
  switch (action_class) {
    case ActionClass::kAssume: return "assume";
    case ActionClass::kRead: return "read";
    case ActionClass::kWrite: return "write";
    case ActionClass::kAdmin: return "admin";
  }
  return "";
}

std::string_view VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kAllowed: return "allowed";
    case Verdict::kPartial: return "partial";
    case Verdict::kDenied: return "denied";
    case Verdict::kNoRole: return "no role";
  }
  return "";
}

std::string_view VerdictSymbol(Verdict verdict) {
  return verdict == Verdict::kNoRole ? "—" : VerdictName(verdict);
}

std::span<const RepresentativeAction> RepresentativeActions() { return kRepresentativeActions; }

const AccessAccount* AccessDocuments::FindAccount(std::string_view name) const {
  for (const AccessAccount& account : accounts) {
    if (account.name == name) return &account;
  }
  return nullptr;
}

const AccessAccount* AccessDocuments::FindAccountById(std::string_view id) const {
  for (const AccessAccount& account : accounts) {
    if (account.id == id) return &account;
  }
  return nullptr;
}

const AccessRole* AccessDocuments::FindRole(std::string_view name, std::string_view account) const {
  for (const AccessRole& role : roles) {
    if (role.name == name && role.account == account) return &role;
  }
  return nullptr;
}

const AccessRole* AccessDocuments::FindRoleByArn(std::string_view arn) const {
  for (const AccessRole& role : roles) {
    if (role.arn == arn) return &role;
  }
  return nullptr;
}

const AccessGroup* AccessDocuments::FindGroup(std::string_view name) const {
  for (const AccessGroup& group : groups) {
    if (group.name == name) return &group;
  }
  return nullptr;
}

const AccessUser* AccessDocuments::FindUser(std::string_view name) const {
  for (const AccessUser& user : users) {
    if (user.name == name) return &user;
  }
  return nullptr;
}

ContextValues DefaultAccessContext(const AccessDocuments& documents) {
  ContextValues context;
  if (!documents.region.empty()) context.Set("aws:RequestedRegion", documents.region);
  context.Set("aws:MultiFactorAuthPresent", "true");
  context.Set("aws:SecureTransport", "true");
  return context;
}

std::string GroupMemberArn(const AccessDocuments& documents, const AccessGroup& group) {
  const AccessAccount* account = documents.FindAccount(group.account);
  return "arn:aws:iam::" + (account != nullptr ? account->id : std::string()) + ":user/" +
         group.name + "-member";
}

PoliciesInForce RoleSessionPolicies(const AccessDocuments& documents, const AccessRole& role) {
  PoliciesInForce policies;
  AddServiceControlPolicies(documents, role.account, policies);
  policies.identity_policies = role.permissions;
  policies.permissions_boundary = role.permissions_boundary;
  return policies;
}

PoliciesInForce GroupMemberPolicies(const AccessDocuments& documents, const AccessGroup& group) {
  PoliciesInForce policies;
  AddServiceControlPolicies(documents, group.account, policies);
  policies.identity_policies = group.policies;
  return policies;
}

PoliciesInForce UserPolicies(const AccessDocuments& documents, const AccessUser& user) {
  PoliciesInForce policies;
  AddServiceControlPolicies(documents, user.account, policies);
  policies.identity_policies = user.policies;
  for (const std::string& name : user.groups) {
    const AccessGroup* group = documents.FindGroup(name);
    if (group == nullptr) continue;
    policies.identity_policies.insert(policies.identity_policies.end(), group->policies.begin(),
                                      group->policies.end());
  }
  return policies;
}

Evaluation EvaluateAssume(const AccessDocuments& documents, const AccessGroup& group,
                          const AccessRole& role, const ContextValues& context) {
  Request request = AssumeRoleRequest(UserPrincipal(GroupMemberArn(documents, group)), role.arn);
  request.context = context;
  PoliciesInForce policies = GroupMemberPolicies(documents, group);
  policies.resource_policy = role.trust;
  return Evaluate(request, policies);
}

Verdict VerdictOf(const std::vector<ActionOutcome>& outcomes) {
  if (outcomes.empty()) return Verdict::kNoRole;
  size_t allowed = std::count_if(outcomes.begin(), outcomes.end(),
                                 [](const ActionOutcome& o) { return o.evaluation.allowed(); });
  if (allowed == outcomes.size()) return Verdict::kAllowed;
  return allowed == 0 ? Verdict::kDenied : Verdict::kPartial;
}

const MatrixCell* AccessMatrix::Find(std::string_view role, std::string_view account,
                                     ActionClass action_class,
                                     std::string_view caller_group) const {
  if (action_class == ActionClass::kAssume && caller_group.empty()) caller_group = role;
  for (const MatrixCell& cell : cells) {
    if (cell.role == role && cell.account == account && cell.action_class == action_class &&
        cell.caller_group == caller_group) {
      return &cell;
    }
  }
  return nullptr;
}

std::vector<std::string> AccessMatrix::OtherAssumingGroups(std::string_view role) const {
  std::vector<std::string> groups;
  for (const MatrixCell& cell : cells) {
    if (cell.role != role || cell.action_class != ActionClass::kAssume ||
        cell.caller_group == role || cell.verdict != Verdict::kAllowed) {
      continue;
    }
    if (std::find(groups.begin(), groups.end(), cell.caller_group) == groups.end()) {
      groups.push_back(cell.caller_group);
    }
  }
  return groups;
}

AccessMatrix ComputeAccessMatrix(const AccessDocuments& documents) {
  AccessMatrix matrix;
  matrix.roles = documents.role_names;
  for (const AccessAccount& account : documents.accounts) matrix.accounts.push_back(account.name);
  matrix.notes = documents.notes;
  const ContextValues context = DefaultAccessContext(documents);
  for (const std::string& role : documents.role_names) {
    for (const AccessAccount& account : documents.accounts) {
      matrix.cells.push_back(
          AssumeCell(documents, role, account, role, documents.identity_account, context));
      for (const AccessGroup& group : documents.groups) {
        if (group.name == role && group.account == documents.identity_account) continue;
        matrix.cells.push_back(
            AssumeCell(documents, role, account, group.name, group.account, context));
      }
      for (ActionClass action_class :
           {ActionClass::kRead, ActionClass::kWrite, ActionClass::kAdmin}) {
        matrix.cells.push_back(ActionCell(documents, role, account, action_class, context));
      }
    }
  }
  return matrix;
}

}  // namespace vueops::iam

// AWS's policy evaluation logic (IAM User Guide, "Policy evaluation logic" and "Cross-account
// policy evaluation logic"; Organizations User Guide, "Service control policies"): a request
// and the policies in force give Allow, ExplicitDeny or ImplicitDeny.
//
// The steps, in order:
//   1. a Deny that applies in any policy in force wins;
//   2. service control policies, when they apply (not in the management account, not to
//      service-linked roles), must allow at every level from the organization root down to
//      the account;
//   3. a resource-based policy's Allow, in the resource's own account, grants by itself when it
//      names the principal itself (user, session, "*"); when it names the session's role it is
//      still limited by the permissions boundary and session policies; when it names the
//      account it only delegates, and the identity-based policies must allow. Across accounts
//      it is the resource account's half and the caller's account must allow too. A trust
//      policy must always allow;
//   4. an identity-based policy must allow (the root user needs none in its own account);
//   5. the permissions boundary, when there is one, must allow;
//   6. a session (role or federated user) must be allowed by the session policies passed when
//      it was created; a role session created without any is not limited; a federated user
//      without one has no permissions.
#ifndef VUEOPS_IAM_EVALUATOR_H_
#define VUEOPS_IAM_EVALUATOR_H_

#include <optional>
#include <string>
#include <vector>

#include "iam/evaluation.h"
#include "iam/policy.h"
#include "iam/request_context.h"

namespace vueops::iam {

// The service control policies attached at one node of the organization: the root, an OU or
// the account itself.
struct ServiceControlLevel {
  std::string name;  // "Root", "ou:Workloads", "account:vueprod"
  std::vector<Policy> policies;
};

// Everything in force for one request. Policies are evaluated as their `kind` says; the
// caller puts each in its slot.
struct PoliciesInForce {
  // The principal's account's service control policies, from the organization root down to
  // the account. Empty: the account is in no organization.
  std::vector<ServiceControlLevel> service_control_policies;
  // The principal's account is the organization's management account: SCPs never apply there.
  bool management_account = false;
  // The resource's policy: PolicyKind::kResource, or kTrust for sts:AssumeRole* on a role.
  std::optional<Policy> resource_policy;
  // The user's (and its groups') or the role's policies.
  std::vector<Policy> identity_policies;
  std::optional<Policy> permissions_boundary;
  // The policies passed when the session was created; empty when none were.
  std::vector<Policy> session_policies;
};

// Decides `request` under `policies`. Pure: no I/O, no clock (pass aws:CurrentTime in the
// request's context when a policy tests it).
Evaluation Evaluate(const Request& request, const PoliciesInForce& policies);

}  // namespace vueops::iam

#endif  // VUEOPS_IAM_EVALUATOR_H_

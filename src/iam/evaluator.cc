#include "iam/evaluator.h"

#include "iam/statement_match.h"

namespace vueops::iam {
namespace {

// The statements of some policies that apply to the request.
struct Matches {
  std::vector<StatementRef> allows;
  std::vector<StatementRef> denies;
  // Resource and trust policies: the strongest way an applying Allow named the principal.
  PrincipalMatch strongest = PrincipalMatch::kNone;

  void Add(const Policy& policy, const Request& request, const ContextValues& context,
           const std::string& level = "") {
    for (const Statement& statement : policy.statements) {
      StatementMatch match = MatchStatement(policy, statement, request, context);
      if (!match.applies) continue;
      StatementRef ref{policy.name,     policy.kind,   level,
                       statement.index, statement.sid, statement.effect};
      if (statement.effect == Effect::kDeny) {
        denies.push_back(std::move(ref));
        continue;
      }
      allows.push_back(std::move(ref));
      if (static_cast<int>(match.principal) > static_cast<int>(strongest)) {
        strongest = match.principal;
      }
    }
  }
};

void Append(std::vector<StatementRef>& into, const std::vector<StatementRef>& from) {
  into.insert(into.end(), from.begin(), from.end());
}

Evaluation Decide(Decision decision, EvaluationStep step, std::vector<StatementRef> statements,
                  std::string reason) {
  return Evaluation{decision, step, std::move(statements), std::move(reason)};
}

}  // namespace

Evaluation Evaluate(const Request& request, const PoliciesInForce& policies) {
  const ContextValues context = EffectiveContext(request);
  const Principal& principal = request.principal;
  const std::string what = request.action + " on " + request.resource;
  const std::string who =
      principal.arn.empty() ? std::string(PrincipalKindName(principal.kind)) : principal.arn;

  // Which policy types are in force for this principal.
  const bool has_account = principal.HasAccount();
  const bool cross_account = has_account && request.ResourceAccount() != principal.account;
  const bool scps_apply = has_account && !policies.management_account &&
                          !principal.service_linked_role &&
                          !policies.service_control_policies.empty();
  const bool boundary_applies = has_account && principal.kind != PrincipalKind::kRoot &&
                                policies.permissions_boundary.has_value();
  const bool session_policies_apply = principal.IsSession() && !policies.session_policies.empty();
  const bool trust =
      policies.resource_policy && policies.resource_policy->kind == PolicyKind::kTrust;

  std::vector<Matches> scp_levels;
  if (scps_apply) {
    for (const ServiceControlLevel& level : policies.service_control_policies) {
      Matches& matches = scp_levels.emplace_back();
      for (const Policy& policy : level.policies) matches.Add(policy, request, context, level.name);
    }
  }
  Matches resource;
  if (policies.resource_policy) resource.Add(*policies.resource_policy, request, context);
  Matches identity;
  if (has_account) {
    for (const Policy& policy : policies.identity_policies) identity.Add(policy, request, context);
  }
  Matches boundary;
  if (boundary_applies) boundary.Add(*policies.permissions_boundary, request, context);
  Matches session;
  if (session_policies_apply) {
    for (const Policy& policy : policies.session_policies) session.Add(policy, request, context);
  }

  // 1. An explicit Deny in any policy in force.
  std::vector<StatementRef> denies;
  for (const Matches& level : scp_levels) Append(denies, level.denies);
  Append(denies, resource.denies);
  Append(denies, identity.denies);
  Append(denies, boundary.denies);
  Append(denies, session.denies);
  if (!denies.empty()) {
    return Decide(Decision::kExplicitDeny, EvaluationStep::kExplicitDeny, std::move(denies),
                  "a Deny statement applies to " + what + ", and a Deny overrides every Allow");
  }

  // 2. Every level of the organization must allow.
  std::vector<StatementRef> grant;
  for (size_t i = 0; i < scp_levels.size(); ++i) {
    if (scp_levels[i].allows.empty()) {
      return Decide(Decision::kImplicitDeny, EvaluationStep::kServiceControlPolicies, {},
                    "no service control policy attached at " +
                        policies.service_control_policies[i].name + " allows " + what +
                        " (every level from the root to the account must allow)");
    }
    Append(grant, scp_levels[i].allows);
  }

  // 3. The resource-based policy.
  const bool boundary_allows = !boundary_applies || !boundary.allows.empty();
  const bool sessions_allow =
      !principal.IsSession() ||
      (session_policies_apply ? !session.allows.empty()
                              : principal.kind == PrincipalKind::kRoleSession);
  const std::string resource_name =
      policies.resource_policy ? "\"" + policies.resource_policy->name + "\"" : "";
  if (!has_account) {
    // A service, identity provider or anonymous caller has no policies of its own.
    if (resource.allows.empty()) {
      return Decide(Decision::kImplicitDeny, EvaluationStep::kResourcePolicy, {},
                    "a " + std::string(PrincipalKindName(principal.kind)) +
                        " caller has no policies of its own, and no resource-based policy "
                        "allows it " +
                        what);
    }
    return Decide(Decision::kAllow, EvaluationStep::kResourcePolicy, resource.allows,
                  "the " + std::string(PolicyKindName(policies.resource_policy->kind)) + " " +
                      resource_name + " allows " + who + " " + what);
  }
  if (!cross_account) {
    if (resource.strongest == PrincipalMatch::kDirect) {
      Append(grant, resource.allows);
      return Decide(Decision::kAllow, EvaluationStep::kResourcePolicy, std::move(grant),
                    "the " + std::string(PolicyKindName(policies.resource_policy->kind)) + " " +
                        resource_name + " names " + who +
                        " itself, and in the same account that grant needs no "
                        "identity-based Allow");
    }
    if (resource.strongest == PrincipalMatch::kRole) {
      if (!boundary_allows) {
        return Decide(Decision::kImplicitDeny, EvaluationStep::kPermissionsBoundary, {},
                      "the resource-based policy names the session's role, a grant the "
                      "permissions boundary \"" +
                          policies.permissions_boundary->name +
                          "\" limits, and it does not allow " + what);
      }
      if (!sessions_allow) {
        return Decide(Decision::kImplicitDeny, EvaluationStep::kSessionPolicies, {},
                      "the resource-based policy names the session's role, a grant the "
                      "session policies limit, and none allows " +
                          what);
      }
      Append(grant, resource.allows);
      Append(grant, boundary.allows);
      Append(grant, session.allows);
      return Decide(Decision::kAllow, EvaluationStep::kResourcePolicy, std::move(grant),
                    "the resource-based policy " + resource_name + " names the role " +
                        principal.role_arn + ", and the boundary and session policies allow");
    }
    if (trust && resource.strongest == PrincipalMatch::kNone) {
      return Decide(Decision::kImplicitDeny, EvaluationStep::kResourcePolicy, {},
                    "the trust policy " + resource_name + " does not allow " + who + " " + what +
                        " (a trust policy must always allow the principal)");
    }
  } else if (resource.allows.empty()) {
    return Decide(Decision::kImplicitDeny, EvaluationStep::kResourcePolicy, {},
                  policies.resource_policy
                      ? "cross-account access needs both sides, and the " +
                            std::string(PolicyKindName(policies.resource_policy->kind)) + " " +
                            resource_name + " in account " + request.ResourceAccount() +
                            " does not allow " + who + " " + what
                      : "cross-account access needs a resource-based policy in account " +
                            request.ResourceAccount() + " that allows " + who +
                            ", and there is none");
  }
  Append(grant, resource.allows);

  // 4. The principal's identity-based policies.
  if (principal.kind != PrincipalKind::kRoot) {
    if (identity.allows.empty()) {
      std::string reason = "no identity-based policy of " + who + " allows " + what;
      if (resource.strongest == PrincipalMatch::kAccount) {
        reason += " (the resource-based policy names the account " + principal.account +
                  ", which delegates to the account's own policies)";
      }
      return Decide(Decision::kImplicitDeny, EvaluationStep::kIdentityPolicies, {},
                    std::move(reason));
    }
    Append(grant, identity.allows);
  }

  // 5. The permissions boundary.
  if (!boundary_allows) {
    return Decide(Decision::kImplicitDeny, EvaluationStep::kPermissionsBoundary, {},
                  "the permissions boundary \"" + policies.permissions_boundary->name +
                      "\" does not allow " + what);
  }
  Append(grant, boundary.allows);

  // 6. Session policies.
  if (!sessions_allow) {
    return Decide(Decision::kImplicitDeny, EvaluationStep::kSessionPolicies, {},
                  session_policies_apply
                      ? "no session policy allows " + what
                      : "a federated user has only what its session policy allows, and its "
                        "session has none");
  }
  Append(grant, session.allows);

  std::string reason;
  if (principal.kind == PrincipalKind::kRoot) {
    reason = cross_account ? "the resource-based policy allows the account " + principal.account +
                                 ", whose root user needs no other Allow"
                           : "the root user may do anything in its own account that no Deny "
                             "or service control policy forbids";
  } else if (cross_account) {
    reason = "both sides allow: identity-based policies in account " + principal.account +
             " and the resource-based policy in account " + request.ResourceAccount();
  } else {
    reason = "an identity-based policy allows " + what + " and nothing limits it";
  }
  return Decide(Decision::kAllow, EvaluationStep::kIdentityPolicies, std::move(grant),
                std::move(reason));
}

}  // namespace vueops::iam

#include "iam/statement_match.h"

#include "iam/arn.h"
#include "iam/policy_variables.h"
#include "iam/wildcard.h"

namespace vueops::iam {
namespace {

// The account an AWS principal entry delegates to: "123456789012" or
// "arn:aws:iam::123456789012:root"; empty for any other entry.
std::string DelegatedAccount(const std::string& value) {
  if (IsAccountId(value)) return value;
  std::optional<Arn> arn = ParseArn(value);
  if (arn && arn->service == "iam" && arn->resource == "root") return arn->account;
  return "";
}

PrincipalMatch MatchEntry(const PrincipalEntry& entry, const Principal& principal) {
  using Type = PrincipalEntry::Type;
  switch (entry.type) {
    case Type::kAny: return PrincipalMatch::kDirect;
    case Type::kService:
      return principal.kind == PrincipalKind::kService &&
                     EqualsIgnoreCase(entry.value, principal.arn)
                 ? PrincipalMatch::kDirect
                 : PrincipalMatch::kNone;
    case Type::kFederated:
      return principal.kind == PrincipalKind::kIdentityProvider && entry.value == principal.arn
                 ? PrincipalMatch::kDirect
                 : PrincipalMatch::kNone;
    case Type::kCanonicalUser: return PrincipalMatch::kNone;  // S3 ACL grantees, not modelled
    case Type::kAws: break;
  }
  if (!principal.HasAccount()) return PrincipalMatch::kNone;
  std::string account = DelegatedAccount(entry.value);
  if (!account.empty()) {
    return account == principal.account ? PrincipalMatch::kAccount : PrincipalMatch::kNone;
  }
  if (entry.value == principal.arn && principal.kind != PrincipalKind::kRoot) {
    return PrincipalMatch::kDirect;  // the user, session or federated-user ARN itself
  }
  if (principal.kind == PrincipalKind::kRoleSession && entry.value == principal.role_arn) {
    return PrincipalMatch::kRole;
  }
  return PrincipalMatch::kNone;
}

// Whether `identity` (an ARN or account root ARN) is listed in a NotPrincipal element.
bool Listed(const std::vector<PrincipalEntry>& entries, const std::string& identity,
            PrincipalKind kind) {
  for (const PrincipalEntry& entry : entries) {
    if (entry.type == PrincipalEntry::Type::kAny) return true;
    if (entry.type == PrincipalEntry::Type::kService) {
      if (kind == PrincipalKind::kService && EqualsIgnoreCase(entry.value, identity)) return true;
      continue;
    }
    if (entry.value == identity) return true;
    if (IsAccountId(entry.value) && AccountRootArn(entry.value) == identity) return true;
  }
  return false;
}

bool ResourceMatches(const Policy& policy, const Statement& statement, const Request& request,
                     const ContextValues& context, bool& resolved) {
  for (const std::string& resource : statement.resources) {
    std::optional<WildcardPattern> pattern = ExpandPolicyText(
        resource, context, {.wildcards = true, .variables = policy.VariablesEnabled()});
    if (!pattern) {
      resolved = false;
      return false;
    }
    if (ArnMatches(*pattern, request.resource)) return true;
  }
  return false;
}

}  // namespace

bool ActionMatches(std::string_view pattern, std::string_view action) {
  return WildcardMatch(pattern, action, /*ignore_case=*/true);
}

PrincipalMatch MatchPrincipal(const std::vector<PrincipalEntry>& entries,
                              const Principal& principal) {
  PrincipalMatch best = PrincipalMatch::kNone;
  for (const PrincipalEntry& entry : entries) {
    PrincipalMatch match = MatchEntry(entry, principal);
    if (static_cast<int>(match) > static_cast<int>(best)) best = match;
  }
  return best;
}

bool NotPrincipalExcludes(const std::vector<PrincipalEntry>& entries, const Principal& principal) {
  std::vector<std::string> identities;
  if (!principal.arn.empty()) identities.push_back(principal.arn);
  if (principal.kind == PrincipalKind::kRoleSession && !principal.role_arn.empty()) {
    identities.push_back(principal.role_arn);
  }
  if (principal.HasAccount() && principal.kind != PrincipalKind::kRoot) {
    std::optional<Arn> arn = ParseArn(principal.arn);
    identities.push_back(AccountRootArn(principal.account, arn ? arn->partition : "aws"));
  }
  if (identities.empty()) return Listed(entries, "", principal.kind);
  for (const std::string& identity : identities) {
    if (!Listed(entries, identity, principal.kind)) return false;
  }
  return true;
}

StatementMatch MatchStatement(const Policy& policy, const Statement& statement,
                              const Request& request, const ContextValues& context) {
  StatementMatch match;
  bool action_listed = false;
  for (const std::string& action : statement.actions) {
    if (ActionMatches(action, request.action)) {
      action_listed = true;
      break;
    }
  }
  if (action_listed == statement.not_action) return match;

  if (statement.has_resource) {
    bool resolved = true;
    bool listed = ResourceMatches(policy, statement, request, context, resolved);
    if (!resolved || listed == statement.not_resource) return match;
  }

  if (statement.has_principal) {
    if (statement.not_principal) {
      if (NotPrincipalExcludes(statement.principals, request.principal)) return match;
      match.principal = PrincipalMatch::kDirect;
    } else {
      match.principal = MatchPrincipal(statement.principals, request.principal);
      if (match.principal == PrincipalMatch::kNone) return match;
    }
  }

  for (const ConditionClause& clause : statement.conditions) {
    if (EvaluateCondition(clause, context, policy.VariablesEnabled()) != ConditionResult::kTrue) {
      return match;
    }
  }
  match.applies = true;
  return match;
}

}  // namespace vueops::iam

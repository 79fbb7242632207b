// What an evaluation decided, at which step of AWS's evaluation logic, and the statements that
// made it: what `vueops access check` prints.
#ifndef VUEOPS_IAM_EVALUATION_H_
#define VUEOPS_IAM_EVALUATION_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "iam/policy.h"

namespace vueops::iam {

enum class Decision { kAllow, kExplicitDeny, kImplicitDeny };

// The steps of "Policy evaluation logic" (IAM User Guide), in the order AWS takes them.
enum class EvaluationStep {
  kExplicitDeny,            // a Deny in any policy that applies
  kServiceControlPolicies,  // every level of the organization must allow
  kResourcePolicy,          // a grant of its own, or the other side of cross-account access
  kIdentityPolicies,        // the principal's own policies (or the root user's implicit grant)
  kPermissionsBoundary,
  kSessionPolicies,
};

std::string_view DecisionName(Decision decision);          // "Allow", "ExplicitDeny", ...
std::string_view EvaluationStepName(EvaluationStep step);  // "service control policies", ...

// One statement of one policy that took part in the decision.
struct StatementRef {
  std::string policy;  // the policy's name
  PolicyKind kind = PolicyKind::kIdentity;
  std::string level;  // service control policies only: the level it is attached to
  size_t index = 0;
  std::string sid;
  Effect effect = Effect::kAllow;

  bool operator==(const StatementRef& other) const = default;
};

struct Evaluation {
  Decision decision = Decision::kImplicitDeny;
  EvaluationStep step = EvaluationStep::kIdentityPolicies;
  // ExplicitDeny: every Deny that matched. Allow: the Allow statements the grant rests on, one
  // or more per policy type that had to allow. ImplicitDeny: none (nothing allowed at `step`).
  std::vector<StatementRef> statements;
  std::string reason;  // one sentence: why, in the words of the evaluation logic

  bool allowed() const { return decision == Decision::kAllow; }

  // "ImplicitDeny at permissions boundary: ..." and one line per statement.
  std::string ToString() const;
  Json ToJson() const;
};

}  // namespace vueops::iam

#endif  // VUEOPS_IAM_EVALUATION_H_

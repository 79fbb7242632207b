// A parsed IAM policy document: statements with their effect, actions, resources, principals
// and conditions, plus what kind of policy it is, since the kind decides which elements a
// statement may have and how the evaluator weighs it.
#ifndef VUEOPS_IAM_POLICY_H_
#define VUEOPS_IAM_POLICY_H_

#include <string>
#include <string_view>
#include <vector>

#include "iam/condition.h"

namespace vueops::iam {

// The policy language versions IAM accepts (IAM User Guide, "IAM JSON policy elements:
// Version"). Only the current one replaces policy variables.
inline constexpr std::string_view kPolicyVersionCurrent = "2012-10-17";
inline constexpr std::string_view kPolicyVersionOld = "2008-10-17";

enum class Effect { kAllow, kDeny };

enum class PolicyKind {
  kIdentity,             // attached to a user, group or role
  kResource,             // on a bucket, key, queue, secret, ...: names principals
  kTrust,                // a role's trust policy: the resource policy of sts:AssumeRole*
  kServiceControl,       // an Organizations SCP
  kPermissionsBoundary,  // a managed policy set as a user's or role's boundary
  kSession,              // passed to AssumeRole or GetFederationToken
};

std::string_view EffectName(Effect effect);
// "identity-based policy", "service control policy", ...
std::string_view PolicyKindName(PolicyKind kind);
// Whether statements of this kind name principals (resource and trust policies).
bool NamesPrincipals(PolicyKind kind);

// One entry of a Principal or NotPrincipal element.
struct PrincipalEntry {
  enum class Type { kAny, kAws, kService, kFederated, kCanonicalUser };
  Type type = Type::kAny;  // kAny: "*" or {"AWS": "*"}
  std::string value;       // an account id, an ARN, a service or provider name
};

struct Statement {
  size_t index = 0;  // position in the document's Statement array, from 0
  std::string sid;   // empty when the statement has none
  Effect effect = Effect::kAllow;

  bool not_action = false;  // the list is NotAction
  std::vector<std::string> actions;

  bool has_resource = false;  // trust policies have none: the role is the resource
  bool not_resource = false;
  std::vector<std::string> resources;

  bool has_principal = false;  // only in resource and trust policies
  bool not_principal = false;
  std::vector<PrincipalEntry> principals;

  std::vector<ConditionClause> conditions;  // all must hold (AND)

  // "Statement[2] (Sid \"ReadOnly\")" or "Statement[2]": how messages name it.
  std::string Label() const;
};

struct Policy {
  std::string name;  // how decisions name it: "VueAdmin/admin", "vueops-group-policy"
  PolicyKind kind = PolicyKind::kIdentity;
  std::string version;  // kPolicyVersionOld when the document has none
  std::vector<Statement> statements;

  bool VariablesEnabled() const { return version == kPolicyVersionCurrent; }
};

}  // namespace vueops::iam

#endif  // VUEOPS_IAM_POLICY_H_

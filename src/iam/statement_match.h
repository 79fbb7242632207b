// Whether one statement applies to a request: its actions, resources, principals and
// conditions all match (IAM User Guide, "IAM JSON policy elements reference").
#ifndef VUEOPS_IAM_STATEMENT_MATCH_H_
#define VUEOPS_IAM_STATEMENT_MATCH_H_

#include <string_view>
#include <vector>

#include "iam/policy.h"
#include "iam/request_context.h"

namespace vueops::iam {

// "s3:Get*" against "S3:GetObject": the whole action, '*' and '?' as wildcards, any case.
bool ActionMatches(std::string_view pattern, std::string_view action);

// How a Principal element named the request's principal; the evaluator weighs a resource
// policy's Allow by it (IAM User Guide, "Policy evaluation logic", resource-based policies).
enum class PrincipalMatch {
  kNone,
  kAccount,  // the account ("123456789012" or its root ARN): delegated, the identity policies
             // of the principal must allow as well
  kRole,     // the role of a role session: limited by the boundary and session policies
  kDirect,   // the principal itself ("*", the user, session, federated-user ARN, a service,
             // an identity provider): the grant needs nothing else in the same account
};

// The strongest way any entry of a Principal element names `principal`.
PrincipalMatch MatchPrincipal(const std::vector<PrincipalEntry>& entries,
                              const Principal& principal);

// Whether a NotPrincipal element leaves `principal` out, which AWS decides for every identity
// the request carries: a role session is its session ARN, its role ARN and its account; an
// IAM user its ARN and its account. Only when all of them are listed is the principal out of
// the statement ("*" lists everyone).
bool NotPrincipalExcludes(const std::vector<PrincipalEntry>& entries, const Principal& principal);

struct StatementMatch {
  bool applies = false;
  // For statements with a Principal: how it named the principal (kDirect for NotPrincipal).
  PrincipalMatch principal = PrincipalMatch::kNone;
};

// `context` is the request's effective context (EffectiveContext); policy variables in the
// Resource and in string and ARN conditions are replaced from it. A statement whose variable
// cannot be resolved does not apply.
StatementMatch MatchStatement(const Policy& policy, const Statement& statement,
                              const Request& request, const ContextValues& context);

}  // namespace vueops::iam

#endif  // VUEOPS_IAM_STATEMENT_MATCH_H_

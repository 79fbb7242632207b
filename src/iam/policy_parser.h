// Reads IAM policy documents as AWS accepts them: Statement as one object or an array, every
// list element as one string or an array, Principal as "*" or by type. A document AWS would
// refuse gives an InvalidArgument status naming the policy, the statement (index and Sid) and
// the element, with what to write instead.
#ifndef VUEOPS_IAM_POLICY_PARSER_H_
#define VUEOPS_IAM_POLICY_PARSER_H_

#include <string>
#include <string_view>

#include "base/json.h"
#include "base/status.h"
#include "iam/policy.h"

namespace vueops::iam {

// `kind` decides the elements a statement must or must not have: identity-based policies,
// boundaries, session policies and SCPs name no Principal and need a Resource; resource
// policies need a Principal and a Resource; trust policies need a Principal and name no
// Resource (the role is the resource).
[[nodiscard]] Result<Policy> ParsePolicyDocument(const Json& document, PolicyKind kind,
                                                 std::string name);
[[nodiscard]] Result<Policy> ParsePolicy(std::string_view json_text, PolicyKind kind,
                                         std::string name);

}  // namespace vueops::iam

#endif  // VUEOPS_IAM_POLICY_PARSER_H_

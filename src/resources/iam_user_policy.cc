// iam_user_policy: one inline policy of a user: a user's own policy from the spec, and the SES
// SMTP user's permission to send (notes: "Email": SES sends over SMTP as an IAM user).
//
// Attributes:
//   user    string  replace   the user's name (a reference to the iam_user's id)
//   name    string  replace   the policy's name
//   policy  object  in place  the policy document
// Outputs: id ("<user>:<policy>").
//
// The user's inline_policy_names lists these names, so a policy added to the user by hand is
// drift the user removes. The body is iam_inline_policy.h's, shared with roles and groups.
#include "resources/iam_inline_policy.h"
#include "resources/types.h"

namespace vueops::resources {

const ResourceType& IamUserPolicy() {
  static const IamInlinePolicyType* type =
      new IamInlinePolicyType("iam_user_policy", kIamUserEntity);
  return *type;
}

}  // namespace vueops::resources

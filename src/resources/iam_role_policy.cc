// iam_role_policy: one inline policy of a role: the permissions a permission set grants
// (notes: "Accounts and IAM": "the permissions for that role on that account defined"), the
// servers' narrow policy, the replication role's reads and writes.
//
// Attributes:
//   role    string  replace   the role's name (a reference to the iam_role's id)
//   name    string  replace   the policy's name
//   policy  object  in place  the policy document
// Outputs: id ("<role>:<policy>").
//
// The role's inline_policy_names lists these names, so a policy added to the role by hand is
// drift the role removes. The body is iam_inline_policy.h's, shared with groups and users.
#include "resources/iam_inline_policy.h"
#include "resources/types.h"

namespace vueops::resources {

const ResourceType& IamRolePolicy() {
  static const IamInlinePolicyType* type =
      new IamInlinePolicyType("iam_role_policy", kIamRoleEntity);
  return *type;
}

}  // namespace vueops::resources

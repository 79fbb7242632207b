// iam_group_policy: one inline policy of a group: the sts:AssumeRole policy on exactly the
// group's roles (notes: "Accounts and IAM": "vueusers has STS policies that map each IAM group
// onto IAM roles") and a group's own policy from the spec.
//
// Attributes:
//   group   string  replace   the group's name (a reference to the iam_group's id)
//   name    string  replace   the policy's name
//   policy  object  in place  the policy document
// Outputs: id ("<group>:<policy>").
//
// The group's inline_policy_names lists these names, so a policy added to the group by hand
// is drift the group removes. The body is iam_inline_policy.h's, shared with roles and users.
#include "resources/iam_inline_policy.h"
#include "resources/types.h"

namespace vueops::resources {

const ResourceType& IamGroupPolicy() {
  static const IamInlinePolicyType* type =
      new IamInlinePolicyType("iam_group_policy", kIamGroupEntity);
  return *type;
}

}  // namespace vueops::resources

// The AWS managed policies vueops knows the contents of, for the access matrix and `vueops
// access check`, which evaluate a role's permissions without calling AWS. A managed policy
// not in this table is reported and counted as granting nothing.
#ifndef VUEOPS_IAM_AWS_MANAGED_POLICIES_H_
#define VUEOPS_IAM_AWS_MANAGED_POLICIES_H_

#include <optional>
#include <string_view>

namespace vueops::iam {

struct AwsManagedPolicy {
  std::string_view arn;       // arn:aws:iam::aws:policy/ReadOnlyAccess
  std::string_view name;      // ReadOnlyAccess
  std::string_view document;  // the policy JSON
  // The document holds only the statements for some services (AWS's own is too large to
  // embed); actions of other services are not granted by it here.
  bool excerpt = false;
};

// The policy at `arn`, or nullopt when vueops does not know it.
std::optional<AwsManagedPolicy> FindAwsManagedPolicy(std::string_view arn);

}  // namespace vueops::iam

#endif  // VUEOPS_IAM_AWS_MANAGED_POLICIES_H_

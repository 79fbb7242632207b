// The access documents of a stack, as `vueops apply` would create them: the desired resources
// the builder makes (graph::BuildResources: org.iam_role, org.iam_group, org.iam_user,
// org.service_control_policy; docs/resources.md) with their references resolved and their
// policies parsed, for the access matrix and `vueops access check` (iam/access_matrix.h).
#ifndef VUEOPS_CLI_ACCESS_DOCUMENTS_H_
#define VUEOPS_CLI_ACCESS_DOCUMENTS_H_

#include <vector>

#include "base/status.h"
#include "iam/access_matrix.h"
#include "resources/desired.h"
#include "spec/stack.h"

namespace vueops::cli {

// The name and document of the service control policy AWS attaches to the root, every OU and
// every account when SCPs are enabled (Organizations User Guide, "FullAWSAccess"). vueops
// never detaches it, so every level allows what no SCP denies.
inline constexpr const char* kFullAwsAccessName = "FullAWSAccess";

// Account ids the spec does not give yet (they exist once `vueops apply` creates the
// accounts) are stand-ins, 100000000001 upwards in the spec's order, and a note says so.
[[nodiscard]] Result<iam::AccessDocuments> AccessDocumentsFromResources(
    const spec::Stack& stack, const std::vector<resources::DesiredResource>& resources);

}  // namespace vueops::cli

#endif  // VUEOPS_CLI_ACCESS_DOCUMENTS_H_

// `vueops access matrix --live`: the access documents read from the live accounts instead of
// built from the spec. Every account's roles, groups, users and their policies (IAM
// GetAccountAuthorizationDetails, customer managed policies at their default version) and the
// organization's service control policies at the root, each OU and each account
// (Organizations), read through the read-only role the spec makes in each account, become the
// same records the spec's builder makes (org.iam_role.<account>/<role>, org.iam_group.<name>,
// org.iam_user.<name>, org.service_control_policy.<name>), so the matrix is computed from them
// exactly as from the spec.
#ifndef VUEOPS_CLI_ACCESS_LIVE_H_
#define VUEOPS_CLI_ACCESS_LIVE_H_

#include <string>
#include <vector>

#include "base/json.h"
#include "base/status.h"
#include "cli/operator_access.h"
#include "iam/access_matrix.h"
#include "resources/desired.h"

namespace vueops::cli {

// One account's IAM as GetAccountAuthorizationDetails answers it (every page merged), turned
// into the builder's records; `roles` limits the roles to those names (the matrix's rows).
// Customer managed policies become inline documents named "managed:<name>"; AWS managed ones
// stay ARNs (iam/aws_managed_policies.h knows their documents).
std::vector<resources::DesiredResource> IamRecordsFromDetails(
    const Json& details, const std::string& account, const std::vector<std::string>& roles);

// The organization's SCPs as records: `attachments` maps each policy's name to its content
// (the JSON text DescribePolicy returns) and its targets as the builder names them ("root",
// "ou:<unit>", an account id). AWS's FullAWSAccess is left out: the builder puts it at every
// level.
struct LiveScp {
  std::string name;
  std::string content;
  std::vector<std::string> targets;
};
Result<std::vector<resources::DesiredResource>> ScpRecords(const std::vector<LiveScp>& policies);

// Reads every account of the spec (each through `role`, or the read-only role the spec makes
// there) and the management account's organization, and builds the documents. Notes say what
// was read and how (accounts, roles, API calls).
Result<iam::AccessDocuments> ReadLiveAccessDocuments(OperatorAccess& access,
                                                     const std::string& role);

}  // namespace vueops::cli

#endif  // VUEOPS_CLI_ACCESS_LIVE_H_

// How the org passes refer to the organization and to account ids (docs/resources.md,
// "Accounts and IAM"): an account's id is an output of its org.account resource, except the
// management account's, which vueops does not create and reads from the organization.
#ifndef VUEOPS_GRAPH_ACCOUNT_REFERENCES_H_
#define VUEOPS_GRAPH_ACCOUNT_REFERENCES_H_

#include <string>

#include "base/json.h"
#include "spec/organization.h"

namespace vueops::graph {

inline constexpr const char* kOrganizationAddress = "org.organization.main";

// A reference to the 12-digit id of the account the spec calls `account_name`:
// org.account.<name>'s id, or org.organization.main's master_account_id for the management
// account.
Json AccountIdReference(const spec::Organization& organization, const std::string& account_name);

// {"$join": ["arn:aws:iam::", <the account's id>, ":root"]}: the account as a principal.
Json AccountRootArn(const spec::Organization& organization, const std::string& account_name);

}  // namespace vueops::graph

#endif  // VUEOPS_GRAPH_ACCOUNT_REFERENCES_H_

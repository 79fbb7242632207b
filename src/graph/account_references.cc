#include "graph/account_references.h"

#include "resources/desired.h"

namespace vueops::graph {

Json AccountIdReference(const spec::Organization& organization, const std::string& account_name) {
  if (account_name == organization.management_account) {
    return resources::Reference(kOrganizationAddress, "master_account_id");
  }
  return resources::Reference(resources::MakeAddress("org", "account", account_name), "id");
}

Json AccountRootArn(const spec::Organization& organization, const std::string& account_name) {
  return resources::Join(
      {"arn:aws:iam::", AccountIdReference(organization, account_name), ":root"});
}

}  // namespace vueops::graph

// The organization pass (notes: "Accounts and IAM"): the organization with service control
// policies enabled, its OUs, every member account in its OU, and the service control
// policies attached to their targets (docs/resources.md, "Accounts and IAM").
#include <algorithm>

#include "graph/account_references.h"
#include "graph/build.h"

namespace vueops::graph {
namespace {

using resources::MakeAddress;
using resources::Reference;

// Organizations API Reference, EnablePolicyType: the policy type vueops turns on at the root.
constexpr const char* kServiceControlPolicyType = "SERVICE_CONTROL_POLICY";
// CreateOrganization's FeatureSet: service control policies need all features.
constexpr const char* kAllFeatures = "ALL";

// The id of an SCP target written in the spec: "root", an OU's name or an account's name.
Json TargetId(const spec::Organization& organization, const std::string& target) {
  if (target == "root") return Reference(kOrganizationAddress, "root_id");
  for (const spec::OrganizationalUnit& unit : organization.units) {
    if (unit.name == target) return Reference(MakeAddress("org", "organizational_unit", target));
  }
  return AccountIdReference(organization, target);
}

}  // namespace

void BuildOrganization(BuildContext& context) {
  const spec::Organization& organization = context.stack().organization;
  if (organization.accounts.empty()) return;  // no organization: nothing to build
  context.Add(kOrganizationAddress, "organization", "", "",
              {{"feature_set", kAllFeatures}, {"policy_types", {kServiceControlPolicyType}}},
              organization.location);

  for (const spec::OrganizationalUnit& unit : organization.units) {
    context.Add(MakeAddress("org", "organizational_unit", unit.name), "organizational_unit", "", "",
                {{"name", unit.name}, {"parent_id", Reference(kOrganizationAddress, "root_id")}},
                unit.location);
  }

  for (const spec::Account& account : organization.accounts) {
    if (account.name == organization.management_account) continue;  // it runs the organization
    Json parent =
        account.organizational_unit.empty()
            ? Reference(kOrganizationAddress, "root_id")
            : Reference(MakeAddress("org", "organizational_unit", account.organizational_unit));
    context.Add(MakeAddress("org", "account", account.name), "account", "", "",
                {{"name", account.name}, {"email", account.email}, {"parent_id", parent}},
                account.location);
  }

  for (const spec::ServiceControlPolicy& policy : organization.policies) {
    // In one fixed order (the referenced addresses'), so that the list the type reads back in
    // the recorded order compares equal from one plan to the next.
    std::vector<Json> targets;
    for (const std::string& target : policy.targets) {
      Json id = TargetId(organization, target);
      if (std::find(targets.begin(), targets.end(), id) == targets.end()) targets.push_back(id);
    }
    std::sort(targets.begin(), targets.end(),
              [](const Json& a, const Json& b) { return DumpJson(a) < DumpJson(b); });
    resources::DesiredResource& resource = context.Add(
        MakeAddress("org", "service_control_policy", policy.name), "service_control_policy", "", "",
        {{"name", policy.name},
         {"description", policy.description},
         {"content", policy.policy.document},
         {"targets", Json(targets)}},
        policy.location);
    // Attaching needs the policy type enabled at the root, which the organization does.
    resource.depends_on.push_back(kOrganizationAddress);
  }
}

}  // namespace vueops::graph

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "base/diagnostic.h"
#include "graph/build.h"
#include "resources/resource_type.h"
#include "spec/loader.h"

namespace vueops::graph {
namespace {

using resources::Reference;

class BuildOrganizationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    spec::LoadResult loaded =
        spec::LoadStack(std::string(VUEOPS_SOURCE_DIR) + "/examples/vueocity");
    ASSERT_TRUE(loaded.ok()) << RenderDiagnostics(loaded.diagnostics, {});
    stack_ = std::move(*loaded.stack);
    BuildContext context(stack_, options_);
    BuildOrganization(context);
    Result<std::vector<resources::DesiredResource>> built = context.Finish();
    ASSERT_TRUE(built.ok()) << built.status().ToString();
    for (resources::DesiredResource& resource : *built) {
      std::string address = resource.address;
      ASSERT_TRUE(resources_.emplace(address, std::move(resource)).second) << address;
    }
  }

  const resources::DesiredResource& At(const std::string& address) {
    static const resources::DesiredResource kMissing;
    auto it = resources_.find(address);
    EXPECT_NE(it, resources_.end()) << address << " was not built";
    return it == resources_.end() ? kMissing : it->second;
  }

  spec::Stack stack_;
  BuildOptions options_;
  std::map<std::string, resources::DesiredResource> resources_;
};

TEST_F(BuildOrganizationTest, TheOrganizationRunsServiceControlPolicies) {
  const resources::DesiredResource& organization = At("org.organization.main");
  ASSERT_NE(organization.type, nullptr);
  EXPECT_EQ(organization.type->name(), "organization");
  EXPECT_EQ(organization.account, "");
  EXPECT_EQ(organization.region, "");
  EXPECT_EQ(organization.attributes,
            (Json{{"feature_set", "ALL"}, {"policy_types", {"SERVICE_CONTROL_POLICY"}}}));
  EXPECT_EQ(organization.source.line, stack_.organization.location.line);
  EXPECT_GT(organization.source.line, 0u);
}

TEST_F(BuildOrganizationTest, UnitsSitUnderTheRoot) {
  for (const char* name : {"Infrastructure", "Production", "Sandboxes"}) {
    const resources::DesiredResource& unit = At(std::string("org.organizational_unit.") + name);
    ASSERT_NE(unit.type, nullptr);
    EXPECT_EQ(unit.type->name(), "organizational_unit");
    EXPECT_EQ(unit.attributes["name"], name);
    EXPECT_EQ(unit.attributes["parent_id"], Reference("org.organization.main", "root_id"));
  }
}

TEST_F(BuildOrganizationTest, EveryMemberAccountInItsUnitButNotTheManagementAccount) {
  EXPECT_EQ(resources_.count("org.account.vueorg"), 0u);
  const resources::DesiredResource& prod = At("org.account.vueprod");
  ASSERT_NE(prod.type, nullptr);
  EXPECT_EQ(prod.type->name(), "account");
  EXPECT_EQ(prod.account, "");  // made from the management account
  EXPECT_EQ(prod.attributes,
            (Json{{"name", "vueprod"},
                  {"email", "aws-prod@vueocity.com"},
                  {"parent_id", Reference("org.organizational_unit.Production")}}));
  EXPECT_EQ(At("org.account.vuedev").attributes["parent_id"],
            Reference("org.organizational_unit.Sandboxes"));
  EXPECT_EQ(At("org.account.vueusers").attributes["parent_id"],
            Reference("org.organizational_unit.Infrastructure"));
  int accounts = 0;
  for (const auto& [address, resource] : resources_) accounts += resource.type->name() == "account";
  EXPECT_EQ(accounts, 6);
}

TEST_F(BuildOrganizationTest, PoliciesAttachToTheirTargetsById) {
  const resources::DesiredResource& deny = At("org.service_control_policy.deny-leaving");
  ASSERT_NE(deny.type, nullptr);
  EXPECT_EQ(deny.type->name(), "service_control_policy");
  EXPECT_EQ(deny.attributes["name"], "deny-leaving");
  EXPECT_EQ(deny.attributes["description"],
            "Member accounts cannot leave the organization or close themselves");
  EXPECT_EQ(deny.attributes["content"]["Statement"][0]["Sid"], "DenyLeave");
  EXPECT_EQ(deny.attributes["targets"],
            Json::array({Reference("org.organizational_unit.Infrastructure"),
                         Reference("org.organizational_unit.Production"),
                         Reference("org.organizational_unit.Sandboxes")}));
  EXPECT_NE(std::find(deny.depends_on.begin(), deny.depends_on.end(), "org.organization.main"),
            deny.depends_on.end());
  const resources::DesiredResource& region = At("org.service_control_policy.stay-in-region");
  EXPECT_EQ(region.attributes["targets"],
            Json::array({Reference("org.organizational_unit.Production"),
                         Reference("org.organizational_unit.Sandboxes")}));
  EXPECT_EQ(region.attributes["content"]["Statement"][0]["Condition"]["StringNotEquals"]
                             ["aws:RequestedRegion"],
            Json::array({"us-west-2", "us-east-1"}));
}

TEST(BuildOrganizationTargetsTest, RootAccountsAndTheManagementAccountAreTargetsToo) {
  spec::Stack stack;
  stack.name = "vueocity";
  stack.organization.management_account = "vueorg";
  stack.organization.accounts.resize(2);
  stack.organization.accounts[0].name = "vueorg";
  stack.organization.accounts[0].kind = spec::AccountKind::kRoot;
  stack.organization.accounts[1].name = "vueprod";
  stack.organization.accounts[1].kind = spec::AccountKind::kProduction;
  spec::ServiceControlPolicy& policy = stack.organization.policies.emplace_back();
  policy.name = "everything";
  policy.policy.document = {{"Version", "2012-10-17"}};
  policy.targets = {"vueprod", "root", "vueorg", "vueprod"};
  BuildOptions options;
  BuildContext context(stack, options);
  BuildOrganization(context);
  Result<std::vector<resources::DesiredResource>> built = context.Finish();
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  const resources::DesiredResource& scp = built->back();
  ASSERT_EQ(scp.address, "org.service_control_policy.everything");
  // Sorted, once each, the management account's id from the organization.
  EXPECT_EQ(scp.attributes["targets"],
            Json::array({Reference("org.account.vueprod"),
                         Reference("org.organization.main", "master_account_id"),
                         Reference("org.organization.main", "root_id")}));
  EXPECT_EQ(built->at(1).attributes["parent_id"], Reference("org.organization.main", "root_id"));
}

}  // namespace
}  // namespace vueops::graph

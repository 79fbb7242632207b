// The access documents of the example spec: what BuildResources makes, resolved and parsed.
#include "cli/access_documents.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "graph/build.h"
#include "spec/loader.h"

namespace vueops::cli {
namespace {

using ::testing::ElementsAre;

class AccessDocumentsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    spec::LoadResult loaded = spec::LoadStack(VUEOPS_SOURCE_DIR "/examples/vueocity");
    ASSERT_TRUE(loaded.ok());
    stack_ = std::move(*loaded.stack);
    Result<std::vector<resources::DesiredResource>> desired =
        graph::BuildResources(stack_, graph::BuildOptions{});
    ASSERT_TRUE(desired.ok()) << desired.status().ToString();
    Result<iam::AccessDocuments> documents = AccessDocumentsFromResources(stack_, *desired);
    ASSERT_TRUE(documents.ok()) << documents.status().ToString();
    documents_ = std::move(*documents);
  }

  spec::Stack stack_;
  iam::AccessDocuments documents_;
};

TEST_F(AccessDocumentsTest, AccountsGetStandInIdsAndTheirScpChain) {
  const iam::AccessAccount* prod = documents_.FindAccount("vueprod");
  ASSERT_NE(prod, nullptr);
  EXPECT_EQ(prod->id, "100000000005");
  EXPECT_EQ(prod->kind, "production");
  std::vector<std::string> levels, at_unit;
  for (const iam::ServiceControlLevel& level : prod->service_control_policies) {
    levels.push_back(level.name);
  }
  EXPECT_THAT(levels, ElementsAre("Root", "ou:Production", "account:vueprod"));
  for (const iam::Policy& policy : prod->service_control_policies[1].policies) {
    at_unit.push_back(policy.name);
  }
  EXPECT_THAT(at_unit, ElementsAre("FullAWSAccess", "deny-leaving", "stay-in-region"));
  EXPECT_TRUE(documents_.FindAccount("vueorg")->management);
}

TEST_F(AccessDocumentsTest, RolesCarryTheirTrustAndPermissions) {
  const iam::AccessRole* org = documents_.FindRole("VueOrg", "vueprod");
  ASSERT_NE(org, nullptr);
  EXPECT_EQ(org->arn, "arn:aws:iam::100000000005:role/VueOrg");
  ASSERT_EQ(org->trust.statements.size(), 1u);
  EXPECT_EQ(org->trust.statements[0].principals[0].value, "arn:aws:iam::100000000001:root");
  const iam::AccessRole* prod = documents_.FindRole("VueProd", "vueprod");
  ASSERT_NE(prod, nullptr);
  std::vector<std::string> names;
  for (const iam::Policy& policy : prod->permissions) names.push_back(policy.name);
  EXPECT_THAT(names, ElementsAre("VueProd@vueprod/deploy", "VueProd@vueprod/ReadOnlyAccess"));
  EXPECT_EQ(documents_.FindRole("VueProd", "vuedev"), nullptr);
}

TEST_F(AccessDocumentsTest, GroupPoliciesNameTheRolesArnsWithAccountNumbers) {
  const iam::AccessGroup* dev = documents_.FindGroup("VueDev");
  ASSERT_NE(dev, nullptr);
  EXPECT_EQ(dev->account, "vueusers");
  ASSERT_EQ(dev->policies.size(), 1u);
  EXPECT_THAT(
      dev->policies[0].statements[0].resources,
      ElementsAre("arn:aws:iam::100000000005:role/VueDev", "arn:aws:iam::100000000006:role/VueDev",
                  "arn:aws:iam::100000000007:role/VueDev"));
  EXPECT_EQ(documents_.FindGroup("OrgAdmin")->account, "vueorg");
  EXPECT_EQ(documents_.FindUser("bob")->groups, (std::vector<std::string>{"VueDev", "VueRead"}));
}

}  // namespace
}  // namespace vueops::cli

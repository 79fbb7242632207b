#include "cli/access_live.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli/access_documents.h"
#include "spec/loader.h"

namespace vueops::cli {
namespace {

// A group policy still in text, as a client that does not decode documents hands it over.
constexpr const char* kAssumeText =
    R"({"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]})";

// GetAccountAuthorizationDetails as IAM answers it (documents already decoded by the client).
Json Details() {
  Json trust = {
      {"Version", "2012-10-17"},
      {"Statement", Json::array({{{"Effect", "Allow"},
                                  {"Principal", {{"AWS", "arn:aws:iam::222222222222:root"}}},
                                  {"Action", "sts:AssumeRole"}}})}};
  Json deploy = {
      {"Version", "2012-10-17"},
      {"Statement",
       Json::array({{{"Effect", "Allow"}, {"Action", "autoscaling:*"}, {"Resource", "*"}}})}};
  return {{"RoleDetailList",
           Json::array({{{"RoleName", "VueProd"},
                         {"AssumeRolePolicyDocument", trust},
                         {"RolePolicyList",
                          Json::array({{{"PolicyName", "deploy"}, {"PolicyDocument", deploy}}})},
                         {"AttachedManagedPolicies",
                          Json::array({{{"PolicyName", "ReadOnlyAccess"},
                                        {"PolicyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess"}},
                                       {{"PolicyName", "local"},
                                        {"PolicyArn", "arn:aws:iam::111111111111:policy/local"}}})},
                         {"PermissionsBoundary",
                          {{"PermissionsBoundaryArn", "arn:aws:iam::aws:policy/PowerUserAccess"}}}},
                        {{"RoleName", "SomeServiceRole"}, {"AssumeRolePolicyDocument", trust}}})},
          {"GroupDetailList",
           Json::array({{{"GroupName", "VueProd"},
                         {"GroupPolicyList", Json::array({{{"PolicyName", "assume"},
                                                           {"PolicyDocument", kAssumeText}}})}}})},
          {"UserDetailList",
           Json::array({{{"UserName", "alice"}, {"GroupList", Json::array({"VueProd"})}}})},
          {"Policies",
           Json::array({{{"Arn", "arn:aws:iam::111111111111:policy/local"},
                         {"PolicyVersionList",
                          Json::array({{{"IsDefaultVersion", false}, {"Document", {{"old", true}}}},
                                       {{"IsDefaultVersion", true}, {"Document", deploy}}})}}})}};
}

// The record at `address`, or a failure naming it.
const resources::DesiredResource* Find(const std::vector<resources::DesiredResource>& records,
                                       const std::string& address) {
  for (const resources::DesiredResource& record : records) {
    if (record.address == address) return &record;
  }
  ADD_FAILURE() << "no record " << address;
  return nullptr;
}

TEST(AccessLiveTest, RolesGroupsAndUsersBecomeTheBuildersRecords) {
  std::vector<resources::DesiredResource> records =
      IamRecordsFromDetails(Details(), "vueprod", {"VueAdmin", "VueProd"});
  ASSERT_EQ(records.size(), 6u)
      << "a role with two inline policies (one a customer managed policy), a group with one, a "
         "user; roles outside the matrix's rows are left out";
  const resources::DesiredResource* role = Find(records, "org.iam_role.vueprod/VueProd");
  ASSERT_NE(role, nullptr);
  EXPECT_EQ(role->account, "vueprod");
  EXPECT_EQ(role->attributes["name"], "VueProd");
  EXPECT_EQ(role->attributes["assume_role_policy"]["Statement"][0]["Action"], "sts:AssumeRole");
  EXPECT_EQ(role->attributes["managed_policy_arns"],
            Json::array({"arn:aws:iam::aws:policy/ReadOnlyAccess"}));
  EXPECT_EQ(role->attributes["permissions_boundary"], "arn:aws:iam::aws:policy/PowerUserAccess");

  const resources::DesiredResource* deploy =
      Find(records, "org.iam_role_policy.vueprod/VueProd/deploy");
  ASSERT_NE(deploy, nullptr);
  EXPECT_EQ(deploy->attributes["role"], resources::Reference("org.iam_role.vueprod/VueProd"));
  EXPECT_EQ(deploy->attributes["policy"]["Statement"][0]["Action"], "autoscaling:*");
  const resources::DesiredResource* local =
      Find(records, "org.iam_role_policy.vueprod/VueProd/managed:local");
  ASSERT_NE(local, nullptr);
  EXPECT_EQ(local->attributes["policy"]["Statement"][0]["Action"], "autoscaling:*")
      << "a customer managed policy is read at its default version";

  const resources::DesiredResource* group = Find(records, "org.iam_group.vueprod-VueProd");
  ASSERT_NE(group, nullptr);
  EXPECT_EQ(group->attributes["name"], "VueProd");
  EXPECT_EQ(group->account, "vueprod");
  const resources::DesiredResource* assume =
      Find(records, "org.iam_group_policy.vueprod-VueProd/assume");
  ASSERT_NE(assume, nullptr);
  EXPECT_EQ(assume->attributes["policy"]["Statement"][0]["Action"], "sts:AssumeRole")
      << "a document still in text is parsed";
  const resources::DesiredResource* user = Find(records, "org.iam_user.vueprod-alice");
  ASSERT_NE(user, nullptr);
  EXPECT_EQ(user->attributes["groups"], Json::array({"VueProd"}));
}

TEST(AccessLiveTest, ScpsKeepTheirTargetsAndLeaveFullAwsAccessToTheBuilder) {
  std::vector<LiveScp> policies = {
      {"FullAWSAccess", "", {"root", "ou:workloads", "111111111111"}},
      {"region-lock",
       R"({"Statement": [{"Effect": "Deny", "NotAction": "iam:*", "Resource": "*"}]})",
       {"ou:workloads"}}};
  Result<std::vector<resources::DesiredResource>> records = ScpRecords(policies);
  ASSERT_TRUE(records.ok()) << records.status().ToString();
  ASSERT_EQ(records->size(), 1u);
  EXPECT_EQ((*records)[0].address, "org.service_control_policy.region-lock");
  EXPECT_EQ((*records)[0].attributes["targets"], Json::array({"ou:workloads"}));
  EXPECT_EQ((*records)[0].attributes["content"]["Statement"][0]["Effect"], "Deny");

  policies[1].content = "{not json";
  Result<std::vector<resources::DesiredResource>> bad = ScpRecords(policies);
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), ::testing::HasSubstr("region-lock"));
}

TEST(AccessLiveTest, TheRecordsMakeDocumentsTheMatrixReads) {
  spec::LoadResult loaded = spec::LoadStack(VUEOPS_SOURCE_DIR "/examples/vueocity");
  ASSERT_TRUE(loaded.ok());
  spec::Stack stack = std::move(*loaded.stack);
  for (spec::Account& account : stack.organization.accounts) {
    if (account.name == "vueprod") account.id = "111111111111";
  }
  Result<iam::AccessDocuments> documents =
      AccessDocumentsFromResources(stack, IamRecordsFromDetails(Details(), "vueprod", {"VueProd"}));
  ASSERT_TRUE(documents.ok()) << documents.status().ToString();
  const iam::AccessRole* role = documents->FindRole("VueProd", "vueprod");
  ASSERT_NE(role, nullptr);
  EXPECT_EQ(role->arn, "arn:aws:iam::111111111111:role/VueProd");
  EXPECT_EQ(role->permissions.size(), 3u);  // deploy, local, ReadOnlyAccess
  EXPECT_TRUE(role->permissions_boundary.has_value());
  EXPECT_NE(documents->FindGroup("VueProd"), nullptr);
  EXPECT_NE(documents->FindUser("alice"), nullptr);
}

}  // namespace
}  // namespace vueops::cli

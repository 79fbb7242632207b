#include "apply/organization_access.h"

#include <gtest/gtest.h>

#include "client/sts_role_assumer.h"
#include "resource_test_support.h"

namespace vueops::apply {
namespace {

class OrganizationAccessMotoTest : public test_support::ResourceMotoTest {};

TEST_F(OrganizationAccessMotoTest, ReachesMemberAccountsThroughTheirAccessRole) {
  ASSERT_TRUE(client().Call("organizations", "CreateOrganization", {{"FeatureSet", "ALL"}}).ok());
  Result<Json> created = client().Call(
      "organizations", "CreateAccount",
      {{"Email", "prod@example.com"}, {"AccountName", "vueprod"}});
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  std::string request = (*created)["CreateAccountStatus"]["Id"];
  Result<Json> status = client().Call("organizations", "DescribeCreateAccountStatus",
                                      {{"CreateAccountRequestId", request}});
  ASSERT_TRUE(status.ok());
  std::string id = (*status)["CreateAccountStatus"]["AccountId"];

  client::StsRoleAssumer assumer(client());
  OrganizationAccessOptions options;
  options.management_account = "vueorg";
  options.account_id = [&](const std::string& account) -> Result<std::string> {
    if (account == "vueprod") return id;
    return NotFoundError("no account " + account);
  };
  OrganizationAccess access(client(), &assumer, Clock::Real(), options);

  Result<client::AwsClient*> management = access.ClientFor("vueorg", "us-west-2");
  ASSERT_TRUE(management.ok());
  Result<Json> me = (*management)->Call("sts", "GetCallerIdentity", Json::object());
  ASSERT_TRUE(me.ok());
  EXPECT_EQ((*me)["Account"], kAccountId);

  Result<client::AwsClient*> prod = access.ClientFor("vueprod", "us-west-2");
  ASSERT_TRUE(prod.ok()) << prod.status().ToString();
  Result<Json> them = (*prod)->Call("sts", "GetCallerIdentity", Json::object());
  ASSERT_TRUE(them.ok()) << them.status().ToString();
  EXPECT_EQ((*them)["Account"], id);
  EXPECT_NE((*them)["Arn"].get<std::string>().find("OrganizationAccountAccessRole"),
            std::string::npos);
  // Clients are cached per account and region.
  EXPECT_EQ(*access.ClientFor("vueprod", "us-west-2"), *prod);
  EXPECT_NE(*access.ClientFor("vueprod", "us-east-1"), *prod);

  Result<client::AwsClient*> unknown = access.ClientFor("vuetest", "us-west-2");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("does not exist yet"), std::string::npos);
}

}  // namespace
}  // namespace vueops::apply

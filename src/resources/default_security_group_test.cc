#include <gtest/gtest.h>

#include "resources/network_moto_test.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class DefaultSecurityGroupMotoTest : public NetworkMotoTest {};

TEST_F(DefaultSecurityGroupMotoTest, RoundTripStripsEveryRuleAndDeleteOnlyForgets) {
  std::string vpc = MakeVpc();
  Created created = RoundTrip(DefaultSecurityGroup(), "test.default_security_group.main",
                              {{"vpc_id", vpc},
                               {"ingress", Json::array()},
                               {"egress", Json::array()},
                               {"tags", {{"environment", "test"}}}});
  // Forgotten, not deleted: the group is still the VPC's default, without its rules.
  Json groups = Must("ec2", "DescribeSecurityGroups", {{"GroupIds", {created.id}}});
  ASSERT_EQ(groups["SecurityGroups"].size(), 1u);
  EXPECT_EQ(groups["SecurityGroups"][0].value("IpPermissionsEgress", Json::array()),
            Json::array());
}

TEST_F(DefaultSecurityGroupMotoTest, RuleAddedByHandIsDriftAndUpdateRevokesIt) {
  std::string vpc = MakeVpc();
  ResourceContext context = Context("test.default_security_group.main");
  Json desired = {{"vpc_id", vpc},
                  {"ingress", Json::array()},
                  {"egress", Json::array()},
                  {"tags", {{"environment", "test"}}}};
  Created created = MustCreate(DefaultSecurityGroup(), context, desired);
  state::ResourceRecord record =
      Record(DefaultSecurityGroup(), context.address(), created, desired);
  EXPECT_EQ(MustRead(DefaultSecurityGroup(), context, record)["ingress"], Json::array());

  Must("ec2", "AuthorizeSecurityGroupIngress",
       {{"GroupId", created.id},
        {"IpPermissions",
         {{{"IpProtocol", "tcp"},
           {"FromPort", 22},
           {"ToPort", 22},
           {"IpRanges", {{{"CidrIp", "0.0.0.0/0"}}}}}}}});
  Json drifted = MustRead(DefaultSecurityGroup(), context, record)["ingress"];
  EXPECT_EQ(drifted, (Json{{{"protocol", "tcp"},
                            {"from_port", 22},
                            {"to_port", 22},
                            {"cidr_ipv4", "0.0.0.0/0"}}}));
  ASSERT_TRUE(DefaultSecurityGroup().Update(context, record, desired, {"ingress"}).ok());
  EXPECT_EQ(MustRead(DefaultSecurityGroup(), context, record)["ingress"], Json::array());
  EXPECT_TRUE(DefaultSecurityGroup().Delete(context, record).ok());
}

}  // namespace
}  // namespace vueops::resources

#include <gtest/gtest.h>

#include "resources/network_moto_test.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class SecurityGroupRuleMotoTest : public NetworkMotoTest {};

TEST_F(SecurityGroupRuleMotoTest, RoundTripFromACidr) {
  std::string group = MakeSecurityGroup(MakeVpc(), "servers");
  RoundTrip(SecurityGroupRule(), "test.security_group_rule.servers/2",
            {{"security_group_id", group},
             {"protocol", "tcp"},
             {"from_port", 22},
             {"to_port", 22},
             {"cidr_ipv4", "203.0.113.10/32"},
             {"description", "SSH from DevOps IPs"},
             {"tags", {{"environment", "test"}}}});
}

TEST_F(SecurityGroupRuleMotoTest, RoundTripFromAGroup) {
  std::string vpc = MakeVpc();
  std::string servers = MakeSecurityGroup(vpc, "servers");
  std::string balancer = MakeSecurityGroup(vpc, "load-balancer");
  RoundTrip(SecurityGroupRule(), "test.security_group_rule.servers/1",
            {{"security_group_id", servers},
             {"protocol", "tcp"},
             {"from_port", 80},
             {"to_port", 80},
             {"source_security_group_id", balancer},
             // moto's DescribeSecurityGroupRules leaves this out (AWS returns it); the type
             // reads it from DescribeSecurityGroups then.
             {"description", "HTTP from the load balancer"},
             {"tags", {{"environment", "test"}}}});
}

TEST_F(SecurityGroupRuleMotoTest, DescriptionInPlaceDriftAndAdoptingADuplicate) {
  std::string group = MakeSecurityGroup(MakeVpc(), "servers");
  ResourceContext context = Context("test.security_group_rule.servers/1");
  Json desired = {{"security_group_id", group},
                  {"protocol", "tcp"},
                  {"from_port", 8000},
                  {"to_port", 8010},
                  {"cidr_ipv4", "198.51.100.24/32"},
                  {"description", "Local dev serving"},
                  {"tags", {{"environment", "test"}}}};
  Created created = MustCreate(SecurityGroupRule(), context, desired);
  state::ResourceRecord record = Record(SecurityGroupRule(), context.address(), created, desired);

  Json changed = desired;
  changed["description"] = "Dev servers";
  ASSERT_TRUE(SecurityGroupRule().Update(context, record, changed, {"description"}).ok());
  EXPECT_EQ(MustRead(SecurityGroupRule(), context, record)["description"], "Dev servers");

  // A second create of the same rule (a retry after a crash) adopts the first.
  Result<Created> again = SecurityGroupRule().Create(context, changed, "token");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->id, created.id);

  // Revoked by hand: gone, so the plan creates it again.
  Must("ec2", "RevokeSecurityGroupIngress",
       {{"GroupId", group}, {"SecurityGroupRuleIds", {created.id}}});
  Result<Json> gone = SecurityGroupRule().Read(context, record);
  EXPECT_EQ(gone.status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(SecurityGroupRule().Delete(context, record).ok());
}

TEST_F(SecurityGroupRuleMotoTest, RefusesARuleWithoutExactlyOneSource) {
  ResourceContext context = Context("test.security_group_rule.servers/1");
  Result<Created> created = SecurityGroupRule().Create(
      context, {{"security_group_id", "sg-1"}, {"protocol", "tcp"}, {"from_port", 1}}, "t");
  EXPECT_EQ(created.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace vueops::resources

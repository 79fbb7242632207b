#include <gtest/gtest.h>

#include "resources/network_moto_test.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class SecurityGroupMotoTest : public NetworkMotoTest {};

Json Desired(const std::string& vpc) {
  return {{"name", "test-test-servers"},
          {"description", "Servers: web traffic from the load balancer"},
          {"vpc_id", vpc},
          {"tags", {{"environment", "test"}}},
          {"ingress_rules", Json::array()}};
}

// An IpPermissions item for one TCP port from `source` ({"IpRanges": [...]} or the like).
Json Permission(int port, const Json& source) {
  Json permission = {{"IpProtocol", "tcp"}, {"FromPort", port}, {"ToPort", port}};
  permission.update(source);
  return permission;
}

TEST_F(SecurityGroupMotoTest, RoundTrip) {
  RoundTrip(SecurityGroup(), "test.security_group.servers", Desired(MakeVpc()));
}

TEST_F(SecurityGroupMotoTest, FindsByNameATwinMadeWithoutTags) {
  std::string vpc = MakeVpc();
  std::string id = MakeSecurityGroup(vpc, "test-test-servers");
  ResourceContext context = Context("test.security_group.servers");
  Result<std::optional<Found>> found = SecurityGroup().Find(context, Desired(vpc), "t");
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, id);
}

TEST_F(SecurityGroupMotoTest, TagsUpdateInPlaceAndDriftShows) {
  std::string vpc = MakeVpc();
  ResourceContext context = Context("test.security_group.servers");
  Json desired = Desired(vpc);
  Created created = MustCreate(SecurityGroup(), context, desired);
  state::ResourceRecord record = Record(SecurityGroup(), context.address(), created, desired);
  Json changed = desired;
  changed["tags"] = {{"environment", "test"}, {"Name", "servers"}};
  ASSERT_TRUE(SecurityGroup().Update(context, record, changed, {"tags"}).ok());
  EXPECT_TRUE(
      JsonEqualUnordered(MustRead(SecurityGroup(), context, record)["tags"], changed["tags"]));
  Must("ec2", "CreateTags",
       {{"Resources", {created.id}}, {"Tags", {{{"Key", "Name"}, {"Value", "by hand"}}}}});
  EXPECT_EQ(MustRead(SecurityGroup(), context, record)["tags"].value("Name", ""), "by hand");
  EXPECT_TRUE(SecurityGroup().Delete(context, record).ok());
}

TEST_F(SecurityGroupMotoTest, ARuleAddedByHandIsDriftTheUpdateRevokes) {
  std::string vpc = MakeVpc();
  std::string balancer = MakeSecurityGroup(vpc, "test-test-load-balancer");
  ResourceContext context = Context("test.security_group.servers");
  Json desired = Desired(vpc);
  // What the group's security_group_rule resources make: 80 from the load balancer's group,
  // 22 from one address.
  desired["ingress_rules"] = {
      {{"protocol", "tcp"}, {"from_port", 22}, {"to_port", 22}, {"cidr_ipv4", "203.0.113.10/32"}},
      {{"protocol", "tcp"},
       {"from_port", 80},
       {"to_port", 80},
       {"source_security_group", "test-test-load-balancer"}}};
  Created created = MustCreate(SecurityGroup(), context, desired);
  state::ResourceRecord record = Record(SecurityGroup(), context.address(), created, desired);
  Must("ec2", "AuthorizeSecurityGroupIngress",
       {{"GroupId", created.id},
        {"IpPermissions",
         {Permission(80, {{"UserIdGroupPairs", {{{"GroupId", balancer}}}}}),
          Permission(22, {{"IpRanges", {{{"CidrIp", "203.0.113.10/32"}}}}})}}});
  Json read = MustRead(SecurityGroup(), context, record);
  EXPECT_EQ(read["ingress_rules"], desired["ingress_rules"])
      << "another group is named as the spec names it, in one order";

  // Port 22 opened to the world in the console, and 443 from the group itself.
  Must("ec2", "AuthorizeSecurityGroupIngress",
       {{"GroupId", created.id},
        {"IpPermissions",
         {Permission(22, {{"IpRanges", {{{"CidrIp", "0.0.0.0/0"}}}}}),
          Permission(443, {{"UserIdGroupPairs", {{{"GroupId", created.id}}}}})}}});
  read = MustRead(SecurityGroup(), context, record);
  ASSERT_EQ(read["ingress_rules"].size(), 4u) << DumpJson(read["ingress_rules"]);
  EXPECT_EQ(
      read["ingress_rules"][0],
      (Json{{"protocol", "tcp"}, {"from_port", 22}, {"to_port", 22}, {"cidr_ipv4", "0.0.0.0/0"}}));
  EXPECT_EQ(read["ingress_rules"][3]["from_port"], 443);
  EXPECT_EQ(read["ingress_rules"][3]["source_security_group"], "test-test-servers");

  Status updated = SecurityGroup().Update(context, record, desired, {"ingress_rules"});
  ASSERT_TRUE(updated.ok()) << updated.ToString();
  EXPECT_EQ(MustRead(SecurityGroup(), context, record)["ingress_rules"], desired["ingress_rules"]);
  EXPECT_TRUE(SecurityGroup().Delete(context, record).ok());
}

}  // namespace
}  // namespace vueops::resources

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
          {"tags", {{"environment", "test"}}}};
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

}  // namespace
}  // namespace vueops::resources

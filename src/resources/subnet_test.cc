#include <gtest/gtest.h>

#include "resources/network_moto_test.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class SubnetMotoTest : public NetworkMotoTest {};

TEST_F(SubnetMotoTest, RoundTrip) {
  std::string vpc = MakeVpc();
  Created created = RoundTrip(Subnet(), "test.subnet.public-a",
                              {{"vpc_id", vpc},
                               {"cidr_block", "10.50.0.0/20"},
                               {"availability_zone", "us-west-2a"},
                               {"map_public_ip_on_launch", false},
                               {"tags", {{"environment", "test"}, {"Name", "test-public-a"}}}});
  EXPECT_EQ(created.outputs["availability_zone"], "us-west-2a");
}

TEST_F(SubnetMotoTest, UpdatesInPlaceAndReadsDrift) {
  std::string vpc = MakeVpc();
  ResourceContext context = Context("test.subnet.public-b");
  Json desired = {{"vpc_id", vpc},
                  {"cidr_block", "10.50.16.0/20"},
                  {"availability_zone", "us-west-2b"},
                  {"map_public_ip_on_launch", false},
                  {"tags", {{"environment", "test"}}}};
  Created created = MustCreate(Subnet(), context, desired);
  state::ResourceRecord record = Record(Subnet(), context.address(), created, desired);
  ASSERT_TRUE(Subnet().WaitReady(context, record).ok());

  Json changed = desired;
  changed["map_public_ip_on_launch"] = true;
  changed["tags"] = {{"environment", "test"}, {"team", "ops"}};
  ASSERT_TRUE(Subnet().Update(context, record, changed, {"map_public_ip_on_launch", "tags"}).ok());
  Json read = MustRead(Subnet(), context, record);
  EXPECT_EQ(read["map_public_ip_on_launch"], true);
  EXPECT_TRUE(JsonEqualUnordered(read["tags"], changed["tags"])) << read["tags"];

  // Changed by hand: the plan must see it.
  Must("ec2", "ModifySubnetAttribute",
       {{"SubnetId", created.id}, {"MapPublicIpOnLaunch", {{"Value", false}}}});
  EXPECT_EQ(MustRead(Subnet(), context, record)["map_public_ip_on_launch"], false);
  EXPECT_TRUE(Subnet().Delete(context, record).ok());
}

}  // namespace
}  // namespace vueops::resources

#include <gtest/gtest.h>

#include "resources/network_moto_test.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class InternetGatewayMotoTest : public NetworkMotoTest {};

TEST_F(InternetGatewayMotoTest, RoundTripDetachesBeforeDeleting) {
  std::string vpc = MakeVpc();
  RoundTrip(InternetGateway(), "test.internet_gateway.main",
            {{"vpc_id", vpc}, {"tags", {{"environment", "test"}}}});
  // Delete detached it: the VPC can go.
  EXPECT_TRUE(client().Call("ec2", "DeleteVpc", {{"VpcId", vpc}}).ok());
}

TEST_F(InternetGatewayMotoTest, ReattachesAfterDriftAndMovesToAnotherVpc) {
  std::string vpc = MakeVpc();
  std::string other = MakeVpc("10.51.0.0/16");
  ResourceContext context = Context("test.internet_gateway.main");
  Json desired = {{"vpc_id", vpc}, {"tags", {{"environment", "test"}}}};
  Created created = MustCreate(InternetGateway(), context, desired);
  state::ResourceRecord record = Record(InternetGateway(), context.address(), created, desired);

  Must("ec2", "DetachInternetGateway", {{"InternetGatewayId", created.id}, {"VpcId", vpc}});
  EXPECT_EQ(MustRead(InternetGateway(), context, record)["vpc_id"], "");
  ASSERT_TRUE(InternetGateway().Update(context, record, desired, {"vpc_id"}).ok());
  EXPECT_EQ(MustRead(InternetGateway(), context, record)["vpc_id"], vpc);

  Json moved = {{"vpc_id", other}, {"tags", {{"environment", "prod"}}}};
  ASSERT_TRUE(InternetGateway().Update(context, record, moved, {"vpc_id", "tags"}).ok());
  Json read = MustRead(InternetGateway(), context, record);
  EXPECT_EQ(read["vpc_id"], other);
  EXPECT_EQ(read["tags"], (Json{{"environment", "prod"}}));
  EXPECT_TRUE(InternetGateway().Delete(context, record).ok());
}

}  // namespace
}  // namespace vueops::resources

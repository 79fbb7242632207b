#include <gtest/gtest.h>

#include "resources/network_moto_test.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class NatGatewayMotoTest : public NetworkMotoTest {
 protected:
  std::string Allocation() {
    return Must("ec2", "AllocateAddress", {{"Domain", "vpc"}}).value("AllocationId", "");
  }
};

TEST_F(NatGatewayMotoTest, RoundTrip) {
  std::string vpc = MakeVpc();
  MakeInternetGateway(vpc);
  std::string subnet = MakeSubnet(vpc, "10.50.0.0/20");
  RoundTrip(NatGateway(), "test.nat_gateway.a",
            {{"subnet_id", subnet},
             {"allocation_id", Allocation()},
             {"tags", {{"environment", "test"}}}});
}

TEST_F(NatGatewayMotoTest, BecomesReadyKeepsItsTokenAndUpdatesTags) {
  std::string vpc = MakeVpc();
  MakeInternetGateway(vpc);
  std::string subnet = MakeSubnet(vpc, "10.50.0.0/20");
  ResourceContext context = Context("test.nat_gateway.a");
  Json desired = {{"subnet_id", subnet},
                  {"allocation_id", Allocation()},
                  {"tags", {{"environment", "test"}}}};
  Created created = MustCreate(NatGateway(), context, desired);
  state::ResourceRecord record = Record(NatGateway(), context.address(), created, desired);
  ASSERT_TRUE(NatGateway().WaitReady(context, record).ok());

  Json changed = desired;
  changed["tags"] = {{"environment", "test"}, {"zone", "a"}};
  ASSERT_TRUE(NatGateway().Update(context, record, changed, {"tags"}).ok());
  EXPECT_TRUE(JsonEqualUnordered(MustRead(NatGateway(), context, record)["tags"], changed["tags"]));
  Must("ec2", "CreateTags", {{"Resources", {created.id}}, {"Tags", {{{"Key", "x"}, {"Value", "y"}}}}});
  EXPECT_EQ(MustRead(NatGateway(), context, record)["tags"].value("x", ""), "y");
  EXPECT_TRUE(NatGateway().Delete(context, record).ok());
}

}  // namespace
}  // namespace vueops::resources

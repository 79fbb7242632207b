#include <gtest/gtest.h>

#include "resources/network_moto_test.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class EipAssociationMotoTest : public NetworkMotoTest {
 protected:
  Json Desired() {
    std::string vpc = MakeVpc();
    MakeInternetGateway(vpc);
    std::string subnet = MakeSubnet(vpc, "10.50.0.0/20");
    Json instance = Must("ec2", "RunInstances",
                         {{"ImageId", "ami-12c6146b"},
                          {"MinCount", 1},
                          {"MaxCount", 1},
                          {"SubnetId", subnet}});
    std::string allocation =
        Must("ec2", "AllocateAddress", {{"Domain", "vpc"}}).value("AllocationId", "");
    return {{"allocation_id", allocation},
            {"instance_id", instance["Instances"][0].value("InstanceId", "")}};
  }
};

TEST_F(EipAssociationMotoTest, RoundTrip) {
  RoundTrip(EipAssociation(), "test.eip_association.dev1", Desired());
}

TEST_F(EipAssociationMotoTest, RetryFindsTheAssociationAndDisassociationIsGone) {
  ResourceContext context = Context("test.eip_association.dev1");
  Json desired = Desired();
  Created created = MustCreate(EipAssociation(), context, desired);
  Created again = MustCreate(EipAssociation(), context, desired);
  EXPECT_EQ(again.id, created.id);
  state::ResourceRecord record = Record(EipAssociation(), context.address(), created, desired);
  EXPECT_EQ(MustRead(EipAssociation(), context, record), desired);

  Must("ec2", "DisassociateAddress", {{"AssociationId", created.id}});
  EXPECT_EQ(EipAssociation().Read(context, record).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(EipAssociation().Delete(context, record).ok());
}

}  // namespace
}  // namespace vueops::resources

#include <gtest/gtest.h>

#include "resources/network_moto_test.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class VpcEndpointMotoTest : public NetworkMotoTest {
 protected:
  std::string MakeRouteTable(const std::string& vpc) {
    return Must("ec2", "CreateRouteTable", {{"VpcId", vpc}})["RouteTable"].value("RouteTableId",
                                                                                   "");
  }
};

TEST_F(VpcEndpointMotoTest, RoundTrip) {
  std::string vpc = MakeVpc();
  std::string table = MakeRouteTable(vpc);
  RoundTrip(VpcEndpoint(), "test.vpc_endpoint.s3",
            {{"vpc_id", vpc},
             {"service_name", "com.amazonaws.us-west-2.s3"},
             {"vpc_endpoint_type", "Gateway"},
             {"route_table_ids", {table}},
             {"tags", {{"environment", "test"}}}});
}

TEST_F(VpcEndpointMotoTest, ChangesRouteTablesInPlaceAndSeesDrift) {
  std::string vpc = MakeVpc();
  std::string a = MakeRouteTable(vpc);
  std::string b = MakeRouteTable(vpc);
  ResourceContext context = Context("test.vpc_endpoint.s3");
  Json desired = {{"vpc_id", vpc},
                  {"service_name", "com.amazonaws.us-west-2.s3"},
                  {"vpc_endpoint_type", "Gateway"},
                  {"route_table_ids", {a}},
                  {"tags", {{"environment", "test"}}}};
  Created created = MustCreate(VpcEndpoint(), context, desired);
  state::ResourceRecord record = Record(VpcEndpoint(), context.address(), created, desired);
  ASSERT_TRUE(VpcEndpoint().WaitReady(context, record).ok());

  Json changed = desired;
  changed["route_table_ids"] = {b, a};
  ASSERT_TRUE(VpcEndpoint().Update(context, record, changed, {"route_table_ids"}).ok());
  record.attributes = changed;
  EXPECT_EQ(MustRead(VpcEndpoint(), context, record)["route_table_ids"], (Json{b, a}));

  Must("ec2", "ModifyVpcEndpoint", {{"VpcEndpointId", created.id}, {"RemoveRouteTableIds", {b}}});
  EXPECT_EQ(MustRead(VpcEndpoint(), context, record)["route_table_ids"], (Json{a}));
  EXPECT_TRUE(VpcEndpoint().Delete(context, record).ok());
}

}  // namespace
}  // namespace vueops::resources

#include <gtest/gtest.h>

#include "resources/network_moto_test.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class RouteTableMotoTest : public NetworkMotoTest {};

TEST_F(RouteTableMotoTest, RoundTripWithRoutesAndAssociations) {
  std::string vpc = MakeVpc();
  std::string gateway = MakeInternetGateway(vpc);
  std::string a = MakeSubnet(vpc, "10.50.0.0/20", "us-west-2a");
  std::string b = MakeSubnet(vpc, "10.50.16.0/20", "us-west-2b");
  // Subnets in the pass's order, not sorted: Read keeps the recorded order.
  std::string first = std::max(a, b);
  std::string second = std::min(a, b);
  RoundTrip(RouteTable(), "test.route_table.public",
            {{"vpc_id", vpc},
             {"routes", {{{"destination", "0.0.0.0/0"}, {"gateway_id", gateway}}}},
             {"subnet_ids", {first, second}},
             {"tags", {{"environment", "test"}}}});
  // Delete removed the associations first: the subnets can go.
  EXPECT_TRUE(client().Call("ec2", "DeleteSubnet", {{"SubnetId", a}}).ok());
}

TEST_F(RouteTableMotoTest, UpdatesRoutesAndAssociationsAndRevertsDrift) {
  std::string vpc = MakeVpc();
  std::string gateway = MakeInternetGateway(vpc);
  std::string a = MakeSubnet(vpc, "10.50.0.0/20", "us-west-2a");
  std::string b = MakeSubnet(vpc, "10.50.16.0/20", "us-west-2b");
  ResourceContext context = Context("test.route_table.public");
  Json desired = {{"vpc_id", vpc},
                  {"routes", Json::array()},
                  {"subnet_ids", {a}},
                  {"tags", {{"environment", "test"}}}};
  Created created = MustCreate(RouteTable(), context, desired);
  state::ResourceRecord record = Record(RouteTable(), context.address(), created, desired);
  EXPECT_EQ(MustRead(RouteTable(), context, record)["routes"], Json::array());

  Json changed = desired;
  changed["routes"] = {{{"destination", "0.0.0.0/0"}, {"gateway_id", gateway}}};
  changed["subnet_ids"] = {b};
  ASSERT_TRUE(RouteTable().Update(context, record, changed, {"routes", "subnet_ids"}).ok());
  record.attributes = changed;
  Json read = MustRead(RouteTable(), context, record);
  EXPECT_EQ(read["routes"], changed["routes"]);
  EXPECT_EQ(read["subnet_ids"], (Json{b}));

  // A route removed by hand shows as drift, and Update puts it back.
  Must("ec2", "DeleteRoute", {{"RouteTableId", created.id}, {"DestinationCidrBlock", "0.0.0.0/0"}});
  EXPECT_EQ(MustRead(RouteTable(), context, record)["routes"], Json::array());
  ASSERT_TRUE(RouteTable().Update(context, record, changed, {"routes"}).ok());
  EXPECT_EQ(MustRead(RouteTable(), context, record)["routes"], changed["routes"]);
  EXPECT_TRUE(RouteTable().Delete(context, record).ok());
}

}  // namespace
}  // namespace vueops::resources

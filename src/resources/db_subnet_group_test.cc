#include <gtest/gtest.h>

#include "resource_test_support.h"
#include "resources/moto_network_for_tests.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class DbSubnetGroupMotoTest : public test_support::ResourceMotoTest {
 protected:
  void SetUp() override {
    ResourceMotoTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    network_ = testing::MakeMotoNetwork(client());
  }

  Json Desired(const std::string& description) const {
    return {{"name", "test-dev-database"},
            {"description", description},
            {"subnet_ids", testing::ToJson(network_.subnet_ids)}};
  }

  testing::MotoNetwork network_;
};

TEST_F(DbSubnetGroupMotoTest, RoundTrip) {
  Created created = RoundTrip(DbSubnetGroup(), "test.db_subnet_group.main",
                              Desired("Database subnets"));
  EXPECT_EQ(created.id, "test-dev-database");
  EXPECT_NE(created.outputs.value("arn", "").find(":subgrp:test-dev-database"), std::string::npos);
}

TEST_F(DbSubnetGroupMotoTest, UpdatesInPlaceAndReadsDrift) {
  ResourceContext context = Context("test.db_subnet_group.main");
  Result<Created> created = DbSubnetGroup().Create(context, Desired("Database subnets"), "t");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  state::ResourceRecord record;
  record.address = "test.db_subnet_group.main";
  record.id = created->id;
  record.attributes = Desired("Database subnets");

  // Subnets listed in the other order read back in the recorded order, so no change shows.
  Json reversed = Desired("Database subnets");
  reversed["subnet_ids"] = Json::array({network_.subnet_ids[1], network_.subnet_ids[0]});
  record.attributes = reversed;
  Result<Json> read = DbSubnetGroup().Read(context, record);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ((*read)["subnet_ids"], reversed["subnet_ids"]);
  record.attributes = Desired("Database subnets");

  ASSERT_TRUE(DbSubnetGroup()
                  .Update(context, record, Desired("Private subnets for RDS"), {"description"})
                  .ok());
  read = DbSubnetGroup().Read(context, record);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ((*read)["description"], "Private subnets for RDS");

  // A change made by hand: one subnet taken out.
  ASSERT_TRUE(client()
                  .Call("rds", "ModifyDBSubnetGroup",
                        {{"DBSubnetGroupName", record.id},
                         {"SubnetIds", {network_.subnet_ids[0]}}})
                  .ok());
  read = DbSubnetGroup().Read(context, record);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ((*read)["subnet_ids"], Json::array({network_.subnet_ids[0]}));

  state::ResourceRecord gone = record;
  gone.address = "test.db_subnet_group.gone";
  gone.id = "test-dev-gone";
  const state::ResourceRecord* both[] = {&record, &gone};
  std::vector<Result<Json>> results = DbSubnetGroup().ReadMany(context, both);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_TRUE(results[0].ok());
  EXPECT_EQ(results[1].status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(DbSubnetGroup().Delete(context, record).ok());
}

TEST_F(DbSubnetGroupMotoTest, CreateAdoptsItsOwnEarlierCreate) {
  ResourceContext context = Context("test.db_subnet_group.main");
  ASSERT_TRUE(DbSubnetGroup().Create(context, Desired("Database subnets"), "t").ok());
  // The same create again (a retry whose first answer was lost) is the same group.
  Result<Created> again = DbSubnetGroup().Create(context, Desired("Database subnets"), "t");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->id, "test-dev-database");
  // Another address's create finds the name taken.
  ResourceContext other = Context("test.db_subnet_group.other");
  EXPECT_FALSE(DbSubnetGroup().Create(other, Desired("Database subnets"), "t").ok());
}

}  // namespace
}  // namespace vueops::resources

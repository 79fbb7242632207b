#include <gtest/gtest.h>

#include "resource_test_support.h"
#include "resources/moto_network_for_tests.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class CacheSubnetGroupMotoTest : public test_support::ResourceMotoTest {
 protected:
  void SetUp() override {
    ResourceMotoTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    network_ = testing::MakeMotoNetwork(client());
  }

  Json Desired() const {
    return {{"name", "test-dev-cache"},
            {"description", "Cache subnets"},
            {"subnet_ids", testing::ToJson(network_.subnet_ids)}};
  }

  testing::MotoNetwork network_;
};

TEST_F(CacheSubnetGroupMotoTest, RoundTrip) {
  Created created = RoundTrip(CacheSubnetGroup(), "test.cache_subnet_group.main", Desired());
  EXPECT_EQ(created.id, "test-dev-cache");
  EXPECT_NE(created.outputs.value("arn", "").find(":subnetgroup:test-dev-cache"),
            std::string::npos);
}

// moto has no ModifyCacheSubnetGroup: the in-place update is AWS's contract, untested here.
// What moto can show: a group deleted by hand reads as gone, in a batch with one that is not.
TEST_F(CacheSubnetGroupMotoTest, ReadsAGroupDeletedByHandAsGone) {
  ResourceContext context = Context("test.cache_subnet_group.main");
  ASSERT_TRUE(CacheSubnetGroup().Create(context, Desired(), "t").ok());
  Json second = Desired();
  second["name"] = "test-dev-cache-2";
  ASSERT_TRUE(CacheSubnetGroup().Create(context, second, "t").ok());
  state::ResourceRecord first_record;
  first_record.address = "test.cache_subnet_group.main";
  first_record.id = "test-dev-cache";
  first_record.attributes = Desired();
  state::ResourceRecord second_record = first_record;
  second_record.address = "test.cache_subnet_group.second";
  second_record.id = "test-dev-cache-2";
  ASSERT_TRUE(client()
                  .Call("elasticache", "DeleteCacheSubnetGroup",
                        {{"CacheSubnetGroupName", "test-dev-cache-2"}})
                  .ok());
  const state::ResourceRecord* both[] = {&first_record, &second_record};
  std::vector<Result<Json>> results = CacheSubnetGroup().ReadMany(context, both);
  ASSERT_EQ(results.size(), 2u);
  ASSERT_TRUE(results[0].ok()) << results[0].status().ToString();
  EXPECT_EQ((*results[0])["subnet_ids"], Desired()["subnet_ids"]);
  EXPECT_EQ(results[1].status().code(), StatusCode::kNotFound);
  // Create again under the same address adopts its own group.
  Result<Created> again = CacheSubnetGroup().Create(context, Desired(), "t");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->id, "test-dev-cache");
}

}  // namespace
}  // namespace vueops::resources

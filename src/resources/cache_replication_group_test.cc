#include <gtest/gtest.h>

#include "resource_test_support.h"
#include "resources/moto_network_for_tests.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class CacheReplicationGroupMotoTest : public test_support::ResourceMotoTest {
 protected:
  void SetUp() override {
    ResourceMotoTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    network_ = testing::MakeMotoNetwork(client());
    ASSERT_TRUE(client()
                    .Call("elasticache", "CreateCacheSubnetGroup",
                          {{"CacheSubnetGroupName", "test-dev-cache"},
                           {"CacheSubnetGroupDescription", "d"},
                           {"SubnetIds", testing::ToJson(network_.subnet_ids)}})
                    .ok());
  }

  Json Desired() const {
    return {{"id", "test-dev-cache"},
            {"description", "Redis of test-dev"},
            {"engine", "redis"},
            {"engine_version", "7.1"},
            {"node_type", "cache.t4g.micro"},
            {"replicas", 1},
            {"multi_az", true},
            {"automatic_failover", true},
            {"encryption_at_rest", true},
            {"encryption_in_transit", true},
            {"snapshot_retention_days", 7},
            {"subnet_group_name", "test-dev-cache"},
            {"security_group_ids", {network_.security_group_ids[0]}},
            {"tags", {{"environment", "test"}}}};
  }

  testing::MotoNetwork network_;
};

TEST_F(CacheReplicationGroupMotoTest, RoundTrip) {
  Created created = RoundTrip(CacheReplicationGroup(), "test.cache_replication_group.main",
                              Desired());
  EXPECT_EQ(created.id, "test-dev-cache");
  EXPECT_FALSE(created.outputs.value("primary_endpoint", "").empty());
  EXPECT_EQ(created.outputs["port"], 6379);
}

// moto has no ModifyReplicationGroup nor IncreaseReplicaCount: what it can show of an
// in-place update is the tags.
TEST_F(CacheReplicationGroupMotoTest, UpdatesTagsInPlaceAndReadsDrift) {
  ResourceContext context = Context("test.cache_replication_group.main");
  Result<Created> created = CacheReplicationGroup().Create(context, Desired(), "t");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  state::ResourceRecord record;
  record.address = "test.cache_replication_group.main";
  record.id = created->id;
  record.outputs = created->outputs;
  record.attributes = Desired();

  Json retagged = Desired();
  retagged["tags"] = {{"team", "ops"}};
  ASSERT_TRUE(CacheReplicationGroup().Update(context, record, retagged, {"tags"}).ok());
  Result<Json> read = CacheReplicationGroup().Read(context, record);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ((*read)["tags"], retagged["tags"]);
  EXPECT_EQ((*read)["replicas"], 1);
  EXPECT_EQ((*read)["multi_az"], true);

  // A tag added by hand.
  ASSERT_TRUE(client()
                  .Call("elasticache", "AddTagsToResource",
                        {{"ResourceName", record.outputs["arn"]},
                         {"Tags", {{{"Key", "owner"}, {"Value", "someone"}}}}})
                  .ok());
  read = CacheReplicationGroup().Read(context, record);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ((*read)["tags"], (Json{{"team", "ops"}, {"owner", "someone"}}));
  EXPECT_TRUE(CacheReplicationGroup().WaitReady(context, record).ok());
  EXPECT_TRUE(CacheReplicationGroup().Delete(context, record).ok());
  EXPECT_EQ(CacheReplicationGroup().Read(context, record).status().code(),
            StatusCode::kNotFound);
  EXPECT_FALSE(CacheReplicationGroup().Find(context, Desired(), "t")->has_value());
}

}  // namespace
}  // namespace vueops::resources

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "resource_test_support.h"
#include "resources/fake_aws_for_tests.h"
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

// moto 5 has neither DeleteCacheSubnetGroup nor ModifyCacheSubnetGroup (it answers HTTP 500,
// which the client retries for seconds), so the round trip stops short of Delete and the
// update; CacheSubnetGroupTest covers both on a fake transport. What moto can show: create,
// read, find, adoption of our own earlier create and refusal of another address's name, and
// a batch read where one group does not exist.
TEST_F(CacheSubnetGroupMotoTest, CreatesReadsFindsAndAdoptsItsOwnGroup) {
  ResourceContext context = Context("test.cache_subnet_group.main");
  Result<Created> created = CacheSubnetGroup().Create(context, Desired(), "t");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->id, "test-dev-cache");
  EXPECT_NE(created->outputs.value("arn", "").find(":subnetgroup:test-dev-cache"),
            std::string::npos);

  state::ResourceRecord record;
  record.address = "test.cache_subnet_group.main";
  record.id = created->id;
  record.attributes = Desired();
  // Subnets recorded in the other order read back in that order, so no change shows.
  record.attributes["subnet_ids"] = Json::array({network_.subnet_ids[1], network_.subnet_ids[0]});
  state::ResourceRecord never_made = record;
  never_made.address = "test.cache_subnet_group.other";
  never_made.id = "test-dev-cache-2";
  const state::ResourceRecord* both[] = {&record, &never_made};
  std::vector<Result<Json>> results = CacheSubnetGroup().ReadMany(context, both);
  ASSERT_EQ(results.size(), 2u);
  ASSERT_TRUE(results[0].ok()) << results[0].status().ToString();
  EXPECT_EQ((*results[0])["subnet_ids"], record.attributes["subnet_ids"]);
  EXPECT_EQ((*results[0])["description"], "Cache subnets");
  EXPECT_EQ((*results[0])["name"], "test-dev-cache");
  EXPECT_EQ(results[1].status().code(), StatusCode::kNotFound);

  Result<std::optional<Found>> found = CacheSubnetGroup().Find(context, Desired(), "t");
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, "test-dev-cache");

  // The same create again (a retry whose first answer was lost) is the same group...
  Result<Created> again = CacheSubnetGroup().Create(context, Desired(), "t");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->id, "test-dev-cache");
  // ...but another address's create finds the name taken.
  ResourceContext other = Context("test.cache_subnet_group.other");
  Result<Created> taken = CacheSubnetGroup().Create(other, Desired(), "t");
  EXPECT_FALSE(taken.ok());
}

// The answers moto cannot give (it lacks DeleteCacheSubnetGroup and ModifyCacheSubnetGroup).
class CacheSubnetGroupTest : public testing::FakeAwsTest {
 protected:
  static state::ResourceRecord Record() {
    state::ResourceRecord record;
    record.address = "test.cache_subnet_group.main";
    record.id = "test-dev-cache";
    record.attributes = {{"name", "test-dev-cache"},
                         {"description", "Cache subnets"},
                         {"subnet_ids", {"subnet-a", "subnet-b"}}};
    return record;
  }
};

TEST_F(CacheSubnetGroupTest, DeleteWaitsOnTheClockWhileTheGroupIsInUse) {
  // A replication group being deleted still holds the subnet group.
  EnqueueError(400, "CacheSubnetGroupInUse");
  EnqueueError(400, "CacheSubnetGroupInUse");
  transport_.Enqueue(200,
                     "<DeleteCacheSubnetGroupResponse><ResponseMetadata><RequestId>r</RequestId>"
                     "</ResponseMetadata></DeleteCacheSubnetGroupResponse>");
  ResourceContext context = Context("test.cache_subnet_group.main");
  Status deleted = CacheSubnetGroup().Delete(context, Record());
  EXPECT_TRUE(deleted.ok()) << deleted.ToString();
  ASSERT_EQ(transport_.call_count(), 3u);
  EXPECT_THAT(Bodies()[0], ::testing::HasSubstr("Action=DeleteCacheSubnetGroup"));
  EXPECT_THAT(Bodies()[0], ::testing::HasSubstr("CacheSubnetGroupName=test-dev-cache"));
  // Polled with backoff on the context's clock: 1 s, then 2 s.
  EXPECT_EQ(clock_.total_slept(), std::chrono::seconds(3));
}

TEST_F(CacheSubnetGroupTest, DeleteOfAGroupAlreadyGoneIsDoneAndOtherErrorsFail) {
  ResourceContext context = Context("test.cache_subnet_group.main");
  EnqueueError(404, "CacheSubnetGroupNotFoundFault");
  EXPECT_TRUE(CacheSubnetGroup().Delete(context, Record()).ok());
  EnqueueError(400, "InvalidParameterValue", "bad name");
  Status refused = CacheSubnetGroup().Delete(context, Record());
  EXPECT_FALSE(refused.ok());
  EXPECT_THAT(refused.ToString(), ::testing::HasSubstr("bad name"));
  EXPECT_EQ(clock_.total_slept(), Clock::Duration::zero());
}

TEST_F(CacheSubnetGroupTest, UpdateSendsTheDescriptionAndTheWholeSubnetList) {
  EnqueueResult("ModifyCacheSubnetGroup");
  ResourceContext context = Context("test.cache_subnet_group.main");
  Json desired = Record().attributes;
  desired["description"] = "Private subnets for Redis";
  desired["subnet_ids"] = {"subnet-a", "subnet-c"};
  Status updated =
      CacheSubnetGroup().Update(context, Record(), desired, {"description", "subnet_ids"});
  ASSERT_TRUE(updated.ok()) << updated.ToString();
  ASSERT_EQ(transport_.call_count(), 1u);
  std::string body = Bodies()[0];
  EXPECT_THAT(body, ::testing::HasSubstr("Action=ModifyCacheSubnetGroup"));
  EXPECT_THAT(body, ::testing::HasSubstr("CacheSubnetGroupName=test-dev-cache"));
  EXPECT_THAT(body, ::testing::HasSubstr("CacheSubnetGroupDescription=Private%20subnets"));
  EXPECT_THAT(body, ::testing::HasSubstr("SubnetIds.SubnetIdentifier.1=subnet-a"));
  EXPECT_THAT(body, ::testing::HasSubstr("SubnetIds.SubnetIdentifier.2=subnet-c"));
}

}  // namespace
}  // namespace vueops::resources

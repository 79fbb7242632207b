#include <gtest/gtest.h>

#include "resources/network_moto_test.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class FlowLogMotoTest : public NetworkMotoTest {
 protected:
  // The logs bucket flow logs are delivered to; its ARN.
  std::string MakeLogsBucket(const std::string& name) {
    Must("s3", "CreateBucket",
         {{"Bucket", name}, {"CreateBucketConfiguration", {{"LocationConstraint", kTestRegion}}}});
    return "arn:aws:s3:::" + name;
  }

  Json Desired(const std::string& vpc, const std::string& bucket_arn) {
    return {{"resource_id", vpc},
            {"traffic_type", "ALL"},
            {"log_destination_type", "s3"},
            {"log_destination", bucket_arn},
            {"max_aggregation_interval", 600},
            {"tags", {{"environment", "test"}}}};
  }
};

TEST_F(FlowLogMotoTest, RoundTrip) {
  std::string vpc = MakeVpc();
  RoundTrip(FlowLog(), "test.flow_log.main", Desired(vpc, MakeLogsBucket("vueops-test-logs")));
}

TEST_F(FlowLogMotoTest, TagsUpdateInPlaceAndDriftShows) {
  std::string vpc = MakeVpc();
  ResourceContext context = Context("test.flow_log.main");
  Json desired = Desired(vpc, MakeLogsBucket("vueops-test-logs-2"));
  Created created = MustCreate(FlowLog(), context, desired);
  state::ResourceRecord record = Record(FlowLog(), context.address(), created, desired);
  Json changed = desired;
  changed["tags"] = {{"environment", "prod"}};
  ASSERT_TRUE(FlowLog().Update(context, record, changed, {"tags"}).ok());
  EXPECT_EQ(MustRead(FlowLog(), context, record)["tags"], changed["tags"]);

  Must("ec2", "DeleteTags", {{"Resources", {created.id}}, {"Tags", {{{"Key", "environment"}}}}});
  EXPECT_EQ(MustRead(FlowLog(), context, record)["tags"], Json::object());
  EXPECT_TRUE(FlowLog().Delete(context, record).ok());
}

}  // namespace
}  // namespace vueops::resources

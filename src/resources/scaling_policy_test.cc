#include <gtest/gtest.h>

#include "resources/network_moto_test.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class ScalingPolicyMotoTest : public NetworkMotoTest {};

Json Desired() {
  return {{"autoscaling_group_name", "test-test-foh"},
          {"name", "test-test-foh-cpu"},
          {"metric", "ASGAverageCPUUtilization"},
          {"target_value", 60}};
}

TEST_F(ScalingPolicyMotoTest, RoundTrip) {
  MakeAutoscalingGroup("test-test-foh");
  Created created = RoundTrip(ScalingPolicy(), "test.scaling_policy.FOH", Desired());
  EXPECT_EQ(created.outputs["arn"], created.id);
}

TEST_F(ScalingPolicyMotoTest, TargetChangesInPlaceAndDriftShows) {
  MakeAutoscalingGroup("test-test-foh");
  ResourceContext context = Context("test.scaling_policy.FOH");
  Created created = MustCreate(ScalingPolicy(), context, Desired());
  state::ResourceRecord record = Record(ScalingPolicy(), context.address(), created, Desired());
  Json changed = Desired();
  changed["target_value"] = 70;
  ASSERT_TRUE(ScalingPolicy().Update(context, record, changed, {"target_value"}).ok());
  EXPECT_EQ(MustRead(ScalingPolicy(), context, record)["target_value"], 70);

  Must("autoscaling", "PutScalingPolicy",
       {{"AutoScalingGroupName", "test-test-foh"},
        {"PolicyName", "test-test-foh-cpu"},
        {"PolicyType", "TargetTrackingScaling"},
        {"TargetTrackingConfiguration",
         {{"PredefinedMetricSpecification", {{"PredefinedMetricType", "ASGAverageCPUUtilization"}}},
          {"TargetValue", 40}}}});
  EXPECT_EQ(MustRead(ScalingPolicy(), context, record)["target_value"], 40);
  EXPECT_TRUE(ScalingPolicy().Delete(context, record).ok());
}

}  // namespace
}  // namespace vueops::resources

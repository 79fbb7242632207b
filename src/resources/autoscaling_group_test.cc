#include <gtest/gtest.h>

#include "resources/network_moto_test.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class AutoscalingGroupMotoTest : public NetworkMotoTest {
 protected:
  void SetUp() override {
    NetworkMotoTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    vpc_ = MakeVpc();
    subnet_a_ = MakeSubnet(vpc_, "10.50.0.0/20", "us-west-2a");
    subnet_b_ = MakeSubnet(vpc_, "10.50.16.0/20", "us-west-2b");
    template_ = MakeLaunchTemplate("test-test-foh");
  }

  std::string MakeTargetGroup(const std::string& name) {
    return Must("elbv2", "CreateTargetGroup",
                {{"Name", name}, {"Protocol", "HTTP"}, {"Port", 80}, {"VpcId", vpc_}})
        ["TargetGroups"][0]
            .value("TargetGroupArn", "");
  }

  Json Desired(const Json& target_groups) {
    return {{"name", "test-test-foh"},
            {"launch_template_id", template_},
            {"instance_types", {"t3.large", "t3a.large"}},
            {"purchase",
             {{"on_demand_base", 1},
              {"on_demand_percent_above_base", 50},
              {"spot_allocation_strategy", "price-capacity-optimized"}}},
            {"subnet_ids", {subnet_b_, subnet_a_}},
            {"min_size", 0},
            {"max_size", 2},
            {"desired_capacity", 0},
            {"target_group_arns", target_groups},
            {"health_check_type", "ELB"},
            {"health_check_grace_period", 300},
            {"tags", {{"environment", "test"}}}};
  }

  std::string vpc_, subnet_a_, subnet_b_, template_;
};

TEST_F(AutoscalingGroupMotoTest, RoundTrip) {
  Created created = RoundTrip(AutoscalingGroup(), "test.autoscaling_group.FOH",
                              Desired(Json{MakeTargetGroup("foh")}));
  EXPECT_EQ(created.id, "test-test-foh");
  EXPECT_FALSE(created.outputs.value("arn", "").empty());
}

TEST_F(AutoscalingGroupMotoTest, UpdatesSizesTargetGroupsAndTagsAndSeesDrift) {
  std::string foh = MakeTargetGroup("foh");
  std::string boh = MakeTargetGroup("boh");
  ResourceContext context = Context("test.autoscaling_group.FOH");
  Json desired = Desired(Json{foh});
  Created created = MustCreate(AutoscalingGroup(), context, desired);
  state::ResourceRecord record = Record(AutoscalingGroup(), context.address(), created, desired);

  Json changed = desired;
  changed["max_size"] = 4;
  changed["instance_types"] = {"m6i.large"};
  changed["target_group_arns"] = {boh};
  changed["tags"] = {{"environment", "test"}, {"profile", "FOH"}};
  ASSERT_TRUE(AutoscalingGroup()
                  .Update(context, record, changed,
                          {"max_size", "instance_types", "target_group_arns", "tags"})
                  .ok());
  record.attributes = changed;
  Json read = MustRead(AutoscalingGroup(), context, record);
  EXPECT_EQ(read["max_size"], 4);
  EXPECT_EQ(read["instance_types"], (Json{"m6i.large"}));
  EXPECT_EQ(read["target_group_arns"], (Json{boh}));
  EXPECT_TRUE(JsonEqualUnordered(read["tags"], changed["tags"])) << read["tags"];

  Must("autoscaling", "UpdateAutoScalingGroup",
       {{"AutoScalingGroupName", created.id}, {"MinSize", 1}, {"MaxSize", 3}});
  read = MustRead(AutoscalingGroup(), context, record);
  EXPECT_EQ(read["min_size"], 1);
  EXPECT_EQ(read["max_size"], 3);
  EXPECT_TRUE(AutoscalingGroup().Delete(context, record).ok());
}

}  // namespace
}  // namespace vueops::resources

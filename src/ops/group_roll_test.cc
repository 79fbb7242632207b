// The instance refresh path, which moto lacks: AWS's answers scripted on a fake transport, the
// waits on a fake clock.
#include "ops/group_roll.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "resources/fake_aws_for_tests.h"

namespace vueops::ops {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

class GroupRollTest : public resources::testing::FakeAwsTest {
 protected:
  void EnqueueGroup(const std::vector<std::pair<std::string, std::string>>& instances) {
    std::string members;
    for (const auto& [id, health] : instances) {
      members += "<member><InstanceId>" + id +
                 "</InstanceId><LifecycleState>InService</LifecycleState><HealthStatus>" + health +
                 "</HealthStatus></member>";
    }
    EnqueueResult("DescribeAutoScalingGroups",
                  "<AutoScalingGroups><member><AutoScalingGroupName>web</AutoScalingGroupName>"
                  "<DesiredCapacity>2</DesiredCapacity><Instances>" +
                      members +
                      "</Instances><TargetGroupARNs><member>arn:aws:elasticloadbalancing:tg/foh"
                      "</member></TargetGroupARNs></member></AutoScalingGroups>");
  }
  void EnqueueRefresh(const std::string& status, int percentage) {
    EnqueueResult("DescribeInstanceRefreshes",
                  "<InstanceRefreshes><member><InstanceRefreshId>r-1</InstanceRefreshId><Status>" +
                      status + "</Status><PercentageComplete>" + std::to_string(percentage) +
                      "</PercentageComplete></member></InstanceRefreshes>");
  }
  void EnqueueTargetHealth(const std::string& id, const std::string& state) {
    EnqueueResult("DescribeTargetHealth",
                  "<TargetHealthDescriptions><member><Target><Id>" + id +
                      "</Id></Target><TargetHealth><State>" + state +
                      "</State></TargetHealth></member></TargetHealthDescriptions>");
  }
  Result<RollResult> Roll(RollOptions options) {
    options.group = "web";
    resources::ResourceContext context = Context("test.autoscaling_group.web");
    return RollGroup(context.client(), options, [this](const RollEvent& event) {
      events_.push_back(event.event + " " + std::to_string(event.percentage) + " " + event.message);
    });
  }
  bool Sent(const std::string& action) const {
    for (const std::string& body : Bodies()) {
      if (body.find("Action=" + action + "&") != std::string::npos) return true;
    }
    return false;
  }
  std::vector<std::string> events_;
};

TEST_F(GroupRollTest, FollowsARefreshToTheEndWithProgress) {
  EnqueueGroup({{"i-1", "Healthy"}, {"i-2", "Healthy"}});
  EnqueueResult("StartInstanceRefresh", "<InstanceRefreshId>r-1</InstanceRefreshId>");
  EnqueueRefresh("InProgress", 50);
  EnqueueGroup({{"i-2", "Healthy"}, {"i-3", "Healthy"}});
  EnqueueTargetHealth("i-3", "healthy");
  EnqueueRefresh("Successful", 100);
  RollOptions options;
  options.checkpoints = {50};
  Result<RollResult> rolled = Roll(options);
  ASSERT_TRUE(rolled.ok()) << rolled.status().ToString();
  EXPECT_EQ(rolled->method, "instance-refresh");
  EXPECT_EQ(rolled->refresh_id, "r-1");
  EXPECT_THAT(events_, Contains(HasSubstr("progress 50 InProgress, 50% complete")));
  EXPECT_THAT(events_, Contains(HasSubstr("done 100")));
  EXPECT_THAT(Bodies()[1], HasSubstr("Preferences.MinHealthyPercentage=90"));
  EXPECT_THAT(Bodies()[1], HasSubstr("Preferences.CheckpointPercentages.member.1=50"));
  EXPECT_THAT(Bodies()[1], HasSubstr("Preferences.AutoRollback=true"));
  // Two polls, each one interval on the fake clock: no real time passed.
  EXPECT_EQ(clock_.total_slept(), Clock::Duration(std::chrono::seconds(30)));
}

TEST_F(GroupRollTest, AFailedHealthCheckRollsTheRefreshBack) {
  EnqueueGroup({{"i-1", "Healthy"}, {"i-2", "Healthy"}});
  EnqueueResult("StartInstanceRefresh", "<InstanceRefreshId>r-1</InstanceRefreshId>");
  EnqueueRefresh("InProgress", 50);
  EnqueueGroup({{"i-2", "Healthy"}, {"i-3", "Healthy"}});
  EnqueueTargetHealth("i-3", "unhealthy");
  EnqueueResult("RollbackInstanceRefresh", "<InstanceRefreshId>r-1</InstanceRefreshId>");
  Result<RollResult> rolled = Roll({});
  ASSERT_FALSE(rolled.ok());
  EXPECT_EQ(rolled.status().code(), StatusCode::kAborted);
  EXPECT_THAT(rolled.status().message(), HasSubstr("rolled back"));
  EXPECT_THAT(rolled.status().message(), HasSubstr("i-3 (unhealthy in the target group)"));
  EXPECT_TRUE(Sent("RollbackInstanceRefresh"));
  EXPECT_FALSE(Sent("CancelInstanceRefresh"));
}

TEST_F(GroupRollTest, CancelsWhenARollbackIsRefused) {
  EnqueueGroup({{"i-1", "Healthy"}});
  EnqueueResult("StartInstanceRefresh", "<InstanceRefreshId>r-1</InstanceRefreshId>");
  EnqueueRefresh("InProgress", 0);
  EnqueueGroup({{"i-1", "Healthy"}, {"i-3", "Unhealthy"}});
  EnqueueError(400, "ValidationError", "rollback not possible");
  EnqueueResult("CancelInstanceRefresh", "<InstanceRefreshId>r-1</InstanceRefreshId>");
  Result<RollResult> rolled = Roll({});
  ASSERT_FALSE(rolled.ok());
  EXPECT_THAT(rolled.status().message(), HasSubstr("cancelled"));
  EXPECT_TRUE(Sent("CancelInstanceRefresh"));
}

TEST_F(GroupRollTest, ARefreshAwsFailedIsAFailure) {
  EnqueueGroup({{"i-1", "Healthy"}});
  EnqueueResult("StartInstanceRefresh", "<InstanceRefreshId>r-1</InstanceRefreshId>");
  EnqueueRefresh("RollbackSuccessful", 0);
  Result<RollResult> rolled = Roll({});
  ASSERT_FALSE(rolled.ok());
  EXPECT_THAT(rolled.status().message(), HasSubstr("ended RollbackSuccessful"));
}

TEST(BatchSizeTest, KeepsTheHealthyShareInService) {
  EXPECT_EQ(BatchSize(10, 90), 1);
  EXPECT_EQ(BatchSize(10, 50), 5);
  EXPECT_EQ(BatchSize(2, 100), 1);  // always at least one
  EXPECT_EQ(BatchSize(4, 0), 4);
}

}  // namespace
}  // namespace vueops::ops

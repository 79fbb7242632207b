#include <gtest/gtest.h>

#include "resources/network_moto_test.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class ScheduledActionMotoTest : public NetworkMotoTest {};

Json Desired() {
  return {{"autoscaling_group_name", "test-test-ft"},
          {"name", "night-scale-in"},
          {"recurrence", "0 6 * * *"},
          {"min_size", 1},
          {"max_size", 2},
          {"desired_capacity", 1}};
}

TEST_F(ScheduledActionMotoTest, RoundTrip) {
  MakeAutoscalingGroup("test-test-ft");
  Created created = RoundTrip(ScheduledAction(), "test.scheduled_action.FT/night-scale-in", Desired());
  EXPECT_EQ(created.id, "test-test-ft/night-scale-in");
}

TEST_F(ScheduledActionMotoTest, UpdatesInPlaceAndSeesDrift) {
  MakeAutoscalingGroup("test-test-ft");
  ResourceContext context = Context("test.scheduled_action.FT/night-scale-in");
  Created created = MustCreate(ScheduledAction(), context, Desired());
  state::ResourceRecord record = Record(ScheduledAction(), context.address(), created, Desired());
  Json changed = Desired();
  changed["recurrence"] = "0 5 * * *";
  changed["desired_capacity"] = nullptr;
  ASSERT_TRUE(ScheduledAction().Update(context, record, changed, {"recurrence"}).ok());
  Json read = MustRead(ScheduledAction(), context, record);
  EXPECT_EQ(read["recurrence"], "0 5 * * *");

  Must("autoscaling", "PutScheduledUpdateGroupAction",
       {{"AutoScalingGroupName", "test-test-ft"},
        {"ScheduledActionName", "night-scale-in"},
        {"Recurrence", "0 7 * * *"},
        {"MinSize", 0}});
  read = MustRead(ScheduledAction(), context, record);
  EXPECT_EQ(read["recurrence"], "0 7 * * *");
  EXPECT_EQ(read["min_size"], 0);
  EXPECT_TRUE(ScheduledAction().Delete(context, record).ok());
}

}  // namespace
}  // namespace vueops::resources

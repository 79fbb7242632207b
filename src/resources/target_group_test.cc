#include <gtest/gtest.h>

#include "resource_test_support.h"
#include "resources/moto_network_for_tests.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class TargetGroupMotoTest : public test_support::ResourceMotoTest {
 protected:
  void SetUp() override {
    ResourceMotoTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    network_ = testing::MakeMotoNetwork(client());
  }

  Json Desired(const std::string& name) const {
    return {{"name", name},
            {"protocol", "HTTP"},
            {"port", 80},
            {"vpc_id", network_.vpc_id},
            {"target_type", "instance"},
            {"health_check",
             {{"path", "/health"},
              {"protocol", "HTTP"},
              {"interval_seconds", 30},
              {"healthy_threshold", 3},
              {"unhealthy_threshold", 3},
              {"matcher", "200-399"}}},
            {"stickiness", {{"enabled", true}, {"duration_seconds", 3600}}},
            {"deregistration_delay_seconds", 60},
            {"tags", {{"environment", "test"}}}};
  }

  testing::MotoNetwork network_;
};

TEST_F(TargetGroupMotoTest, RoundTrip) {
  Created created = RoundTrip(TargetGroup(), "test.target_group.foh", Desired("test-dev-foh"));
  EXPECT_EQ(created.outputs["arn"], created.id);
}

TEST_F(TargetGroupMotoTest, UpdatesInPlaceAndReadsDrift) {
  ResourceContext context = Context("test.target_group.boh");
  Result<Created> created = TargetGroup().Create(context, Desired("test-dev-boh"), "t");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  state::ResourceRecord record;
  record.address = "test.target_group.boh";
  record.id = created->id;
  record.attributes = Desired("test-dev-boh");

  Json changed = Desired("test-dev-boh");
  changed["health_check"]["path"] = "/ping";
  changed["health_check"]["interval_seconds"] = 15;
  changed["stickiness"] = {{"enabled", false}};
  changed["deregistration_delay_seconds"] = 30;
  Status updated = TargetGroup().Update(
      context, record, changed, {"health_check", "stickiness", "deregistration_delay_seconds"});
  ASSERT_TRUE(updated.ok()) << updated.ToString();
  Result<Json> read = TargetGroup().Read(context, record);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_TRUE(JsonEqualUnordered(*read, changed)) << DumpJson(*read);

  // Stickiness turned on by hand in the console.
  Json console_change = {
      {"TargetGroupArn", record.id},
      {"Attributes",
       {{{"Key", "stickiness.enabled"}, {"Value", "true"}},
        {{"Key", "stickiness.type"}, {"Value", "lb_cookie"}},
        {{"Key", "stickiness.lb_cookie.duration_seconds"}, {"Value", "600"}}}}};
  ASSERT_TRUE(client().Call("elbv2", "ModifyTargetGroupAttributes", console_change).ok());
  read = TargetGroup().Read(context, record);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ((*read)["stickiness"], (Json{{"enabled", true}, {"duration_seconds", 600}}));
  EXPECT_TRUE(TargetGroup().Delete(context, record).ok());
}

}  // namespace
}  // namespace vueops::resources

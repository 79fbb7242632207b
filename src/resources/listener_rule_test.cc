#include <gtest/gtest.h>

#include "resource_test_support.h"
#include "resources/moto_network_for_tests.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class ListenerRuleMotoTest : public test_support::ResourceMotoTest {
 protected:
  void SetUp() override {
    ResourceMotoTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    network_ = testing::MakeMotoNetwork(client());
    std::string balancer = testing::CallForId(
        client(), "elbv2", "CreateLoadBalancer",
        {{"Name", "test-dev-lb"},
         {"Subnets", testing::ToJson(network_.subnet_ids)},
         {"SecurityGroups", {network_.security_group_ids[0]}}},
        Json::json_pointer("/LoadBalancers/0/LoadBalancerArn"));
    for (const char* name : {"test-dev-foh", "test-dev-boh"}) {
      target_groups_.push_back(testing::CallForId(
          client(), "elbv2", "CreateTargetGroup",
          {{"Name", name}, {"Protocol", "HTTP"}, {"Port", 80}, {"VpcId", network_.vpc_id}},
          Json::json_pointer("/TargetGroups/0/TargetGroupArn")));
    }
    listener_arn_ = testing::CallForId(
        client(), "elbv2", "CreateListener",
        {{"LoadBalancerArn", balancer},
         {"Protocol", "HTTP"},
         {"Port", 80},
         {"DefaultActions", {{{"Type", "forward"}, {"TargetGroupArn", target_groups_[0]}}}}},
        Json::json_pointer("/Listeners/0/ListenerArn"));
  }

  Json Desired() const {
    return {{"listener_arn", listener_arn_},
            {"priority", 10},
            {"conditions", {{"path_patterns", {"/admin/*", "/manage/*"}}}},
            {"target_group_arn", target_groups_[1]},
            {"tags", {{"environment", "test"}}}};
  }

  testing::MotoNetwork network_;
  std::vector<std::string> target_groups_;
  std::string listener_arn_;
};

TEST_F(ListenerRuleMotoTest, RoundTrip) {
  Created created = RoundTrip(ListenerRule(), "test.listener_rule.80-10", Desired());
  EXPECT_EQ(created.outputs["arn"], created.id);
}

TEST_F(ListenerRuleMotoTest, UpdatesInPlaceReadsDriftAndAdoptsItsOwnRule) {
  ResourceContext context = Context("test.listener_rule.80-10");
  Result<Created> created = ListenerRule().Create(context, Desired(), "t");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  // The same create again (a retry whose first answer was lost) is the same rule.
  Result<Created> again = ListenerRule().Create(context, Desired(), "t");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->id, created->id);
  state::ResourceRecord record;
  record.address = "test.listener_rule.80-10";
  record.id = created->id;
  record.attributes = Desired();

  Json changed = Desired();
  changed["priority"] = 15;
  changed["conditions"] = {{"host_headers", {"admin.example.com"}},
                           {"path_patterns", {"/admin/*"}}};
  changed["target_group_arn"] = target_groups_[0];
  Status updated =
      ListenerRule().Update(context, record, changed, {"priority", "conditions", "target_group_arn"});
  ASSERT_TRUE(updated.ok()) << updated.ToString();
  Result<Json> read = ListenerRule().Read(context, record);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_TRUE(JsonEqualUnordered(*read, changed)) << DumpJson(*read);

  // A path added by hand in the console reads back sorted.
  ASSERT_TRUE(client()
                  .Call("elbv2", "ModifyRule",
                        {{"RuleArn", record.id},
                         {"Conditions",
                          {{{"Field", "path-pattern"},
                            {"PathPatternConfig", {{"Values", {"/zz/*", "/admin/*"}}}}}}}})
                  .ok());
  read = ListenerRule().Read(context, record);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ((*read)["conditions"], (Json{{"path_patterns", {"/admin/*", "/zz/*"}}}));
  EXPECT_TRUE(ListenerRule().Delete(context, record).ok());
  EXPECT_EQ(ListenerRule().Read(context, record).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace vueops::resources

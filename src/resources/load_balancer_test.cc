#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "resource_test_support.h"
#include "resources/fake_aws_for_tests.h"
#include "resources/moto_network_for_tests.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class LoadBalancerMotoTest : public test_support::ResourceMotoTest {
 protected:
  void SetUp() override {
    ResourceMotoTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    network_ = testing::MakeMotoNetwork(client());
  }

  Json Desired() const {
    return {{"name", "test-dev-lb"},
            {"scheme", "internet-facing"},
            {"subnet_ids", testing::ToJson(network_.subnet_ids)},
            {"security_group_ids", {network_.security_group_ids[0]}},
            {"idle_timeout_seconds", 60},
            {"drop_invalid_header_fields", true},
            {"deletion_protection", false},
            {"access_logs_bucket", ""},
            {"access_logs_prefix", ""},
            {"tags", {{"environment", "test"}}}};
  }

  testing::MotoNetwork network_;
};

TEST_F(LoadBalancerMotoTest, RoundTrip) {
  Created created = RoundTrip(LoadBalancer(), "test.load_balancer.main", Desired());
  EXPECT_EQ(created.outputs["arn"], created.id);
  EXPECT_FALSE(created.outputs.value("dns_name", "").empty());
  EXPECT_FALSE(created.outputs.value("zone_id", "").empty());
}

TEST_F(LoadBalancerMotoTest, UpdatesInPlaceReadsDriftAndHonoursDeletionProtection) {
  ResourceContext context = Context("test.load_balancer.main");
  Result<Created> created = LoadBalancer().Create(context, Desired(), "t");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  state::ResourceRecord record;
  record.address = "test.load_balancer.main";
  record.id = created->id;
  record.attributes = Desired();
  ASSERT_TRUE(LoadBalancer().WaitReady(context, record).ok());

  Json changed = Desired();
  changed["idle_timeout_seconds"] = 120;
  changed["deletion_protection"] = true;
  changed["security_group_ids"] = testing::ToJson(network_.security_group_ids);
  changed["tags"] = {{"environment", "test"}, {"team", "web"}};
  Status updated = LoadBalancer().Update(
      context, record, changed,
      {"idle_timeout_seconds", "deletion_protection", "security_group_ids", "tags"});
  ASSERT_TRUE(updated.ok()) << updated.ToString();
  record.attributes = changed;
  Result<Json> read = LoadBalancer().Read(context, record);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_TRUE(JsonEqualUnordered(*read, changed)) << DumpJson(*read);

  // moto 5 deletes a protected load balancer (AWS refuses with OperationNotPermitted): the
  // refusal is LoadBalancerTest.DeleteOfAProtectedBalancerSaysWhatToDo, on a fake transport.

  // A change made by hand in the console.
  ASSERT_TRUE(client()
                  .Call("elbv2", "ModifyLoadBalancerAttributes",
                        {{"LoadBalancerArn", record.id},
                         {"Attributes",
                          {{{"Key", "idle_timeout.timeout_seconds"}, {"Value", "30"}},
                           {{"Key", "deletion_protection.enabled"}, {"Value", "false"}}}}})
                  .ok());
  read = LoadBalancer().Read(context, record);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ((*read)["idle_timeout_seconds"], 30);
  EXPECT_EQ((*read)["deletion_protection"], false);
  EXPECT_TRUE(LoadBalancer().Delete(context, record).ok());
  EXPECT_EQ(LoadBalancer().Read(context, record).status().code(), StatusCode::kNotFound);
}

// moto deletes a protected load balancer; AWS refuses (ELB API reference, DeleteLoadBalancer:
// "If deletion protection is enabled, the load balancer cannot be deleted").
class LoadBalancerTest : public testing::FakeAwsTest {};

TEST_F(LoadBalancerTest, DeleteOfAProtectedBalancerSaysWhatToDo) {
  EnqueueError(400, "OperationNotPermitted", "Load balancer is protected from deletion");
  ResourceContext context = Context("test.load_balancer.main");
  state::ResourceRecord record;
  record.address = "test.load_balancer.main";
  record.id = "arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/app/lb/1";
  Status refused = LoadBalancer().Delete(context, record);
  EXPECT_EQ(refused.code(), StatusCode::kFailedPrecondition) << refused.ToString();
  EXPECT_THAT(refused.message(), ::testing::HasSubstr("deletion_protection: false"));
  // Refused at once: nothing is polled.
  EXPECT_EQ(transport_.call_count(), 1u);
}

}  // namespace
}  // namespace vueops::resources

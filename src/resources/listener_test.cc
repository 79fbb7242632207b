#include <gtest/gtest.h>

#include "resource_test_support.h"
#include "resources/acm_import_for_tests.h"
#include "resources/moto_network_for_tests.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class ListenerMotoTest : public test_support::ResourceMotoTest {
 protected:
  void SetUp() override {
    ResourceMotoTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    network_ = testing::MakeMotoNetwork(client());
    load_balancer_arn_ = testing::CallForId(
        client(), "elbv2", "CreateLoadBalancer",
        {{"Name", "test-dev-lb"},
         {"Subnets", testing::ToJson(network_.subnet_ids)},
         {"SecurityGroups", {network_.security_group_ids[0]}}},
        Json::json_pointer("/LoadBalancers/0/LoadBalancerArn"));
    target_group_arn_ = testing::CallForId(
        client(), "elbv2", "CreateTargetGroup",
        {{"Name", "test-dev-foh"}, {"Protocol", "HTTP"}, {"Port", 80}, {"VpcId", network_.vpc_id}},
        Json::json_pointer("/TargetGroups/0/TargetGroupArn"));
  }

  Json Http() const {
    return {{"load_balancer_arn", load_balancer_arn_},
            {"port", 80},
            {"protocol", "HTTP"},
            {"certificate_arn", ""},
            {"ssl_policy", ""},
            {"default_action", {{"type", "forward"}, {"target_group_arn", target_group_arn_}}},
            {"tags", {{"environment", "test"}}}};
  }

  testing::MotoNetwork network_;
  std::string load_balancer_arn_;
  std::string target_group_arn_;
};

TEST_F(ListenerMotoTest, RoundTrip) {
  Created created = RoundTrip(Listener(), "test.listener.80", Http());
  EXPECT_EQ(created.outputs["arn"], created.id);
}

TEST_F(ListenerMotoTest, RoundTripHttpsWithAnIssuedCertificate) {
  std::string certificate = testing::ImportTestCertificate(client(), "example.com");
  ASSERT_FALSE(certificate.empty());
  Json https = Http();
  https["port"] = 443;
  https["protocol"] = "HTTPS";
  https["certificate_arn"] = certificate;
  https["ssl_policy"] = "ELBSecurityPolicy-TLS13-1-2-2021-06";
  RoundTrip(Listener(), "test.listener.443", https);
}

TEST_F(ListenerMotoTest, UpdatesInPlaceAndReadsDrift) {
  ResourceContext context = Context("test.listener.80");
  Result<Created> created = Listener().Create(context, Http(), "t");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  state::ResourceRecord record;
  record.address = "test.listener.80";
  record.id = created->id;
  record.attributes = Http();

  Json redirect = Http();
  redirect["default_action"] = {
      {"type", "redirect"}, {"protocol", "HTTPS"}, {"port", "443"}, {"status_code", "HTTP_301"}};
  redirect["tags"] = {{"environment", "test"}, {"team", "web"}};
  ASSERT_TRUE(Listener().Update(context, record, redirect, {"default_action", "tags"}).ok());
  Result<Json> read = Listener().Read(context, record);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_TRUE(JsonEqualUnordered(*read, redirect)) << DumpJson(*read);

  // The default action changed back by hand.
  ASSERT_TRUE(client()
                  .Call("elbv2", "ModifyListener",
                        {{"ListenerArn", record.id},
                         {"DefaultActions",
                          {{{"Type", "forward"}, {"TargetGroupArn", target_group_arn_}}}}})
                  .ok());
  read = Listener().Read(context, record);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ((*read)["default_action"], Http()["default_action"]);
  EXPECT_TRUE(Listener().Delete(context, record).ok());
  EXPECT_EQ(Listener().Read(context, record).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace vueops::resources

#include <gtest/gtest.h>

#include <map>

#include "graph/build.h"
#include "graph/pass_test_support.h"
#include "resources/resource_type.h"
#include "resources/desired.h"
#include "spec/loader.h"

namespace vueops::graph {
namespace {

using resources::DesiredResource;
using resources::Reference;

Result<std::map<std::string, DesiredResource>> Build(const spec::Stack& stack) {
  return BuildWith(stack, BuildLoadBalancer);
}

class BuildLoadBalancerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    stack_ = ExampleStack();
    Result<std::map<std::string, DesiredResource>> built = Build(stack_);
    ASSERT_TRUE(built.ok()) << built.status().ToString();
    resources_ = std::move(*built);
  }

  const DesiredResource& At(const std::string& address) {
    return FindBuilt(resources_, address);
  }

  spec::Stack stack_;
  std::map<std::string, DesiredResource> resources_;
};

TEST_F(BuildLoadBalancerTest, BuildsTheSameObjectsInEachEnvironment) {
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"certificate.site", "certificate"},
      {"certificate_validation.site", "certificate_validation"},
      {"certificate.cdn", "certificate"},
      {"certificate_validation.cdn", "certificate_validation"},
      {"load_balancer.main", "load_balancer"},
      {"target_group.foh", "target_group"},
      {"target_group.boh", "target_group"},
      {"target_group.ft", "target_group"},
      {"listener.80", "listener"},
      {"listener.443", "listener"},
      {"listener_rule.80-10", "listener_rule"},
      {"listener_rule.80-20", "listener_rule"},
      {"listener_rule.443-10", "listener_rule"},
      {"listener_rule.443-20", "listener_rule"},
  };
  for (const char* env : {"prod", "dev", "test"}) {
    for (const auto& [name, type] : expected) {
      const DesiredResource& resource = At(std::string(env) + "." + name);
      ASSERT_NE(resource.type, nullptr) << env << "." << name;
      EXPECT_EQ(resource.type->name(), type);
      EXPECT_EQ(resource.account, std::string("vue") + env);
    }
  }
  EXPECT_EQ(resources_.size(), 3 * expected.size());
}

TEST_F(BuildLoadBalancerTest, CertificatesLiveWhereTheirUsersNeedThem) {
  const DesiredResource& site = At("prod.certificate.site");
  EXPECT_EQ(site.region, "us-west-2");
  EXPECT_EQ(site.attributes, (Json{{"domain_name", "vueocity.com"},
                                   {"subject_alternative_names", {"*.vueocity.com"}},
                                   {"validation_method", "DNS"}}));
  // notes: "ACM CERT FOR CF MUST BE REGISTERED IN North Virgina region".
  const DesiredResource& cdn = At("prod.certificate.cdn");
  EXPECT_EQ(cdn.region, "us-east-1");
  EXPECT_EQ(cdn.attributes["domain_name"], "*.vueocity.com");
  EXPECT_EQ(cdn.attributes["subject_alternative_names"], Json::array({"vueocity.com"}));
  const DesiredResource& validation = At("prod.certificate_validation.cdn");
  EXPECT_EQ(validation.region, "us-east-1");
  EXPECT_EQ(validation.attributes["certificate_arn"], Reference("prod.certificate.cdn", "arn"));
  EXPECT_EQ(At("dev.certificate.site").attributes["domain_name"], "dev.vueocity.com");
}

TEST_F(BuildLoadBalancerTest, LoadBalancerIsPublicWithItsGroupAndLogs) {
  const DesiredResource& balancer = At("prod.load_balancer.main");
  EXPECT_EQ(balancer.region, "us-west-2");
  const Json& attributes = balancer.attributes;
  EXPECT_EQ(attributes["name"], "vueocity-prod-lb");
  EXPECT_EQ(attributes["scheme"], "internet-facing");
  EXPECT_EQ(attributes["subnet_ids"],
            Json::array({Reference("prod.subnet.public-a"), Reference("prod.subnet.public-b")}));
  EXPECT_EQ(attributes["security_group_ids"],
            Json::array({Reference("prod.security_group.load_balancer")}));
  EXPECT_EQ(attributes["idle_timeout_seconds"], 60);
  EXPECT_EQ(attributes["drop_invalid_header_fields"], true);
  EXPECT_EQ(attributes["deletion_protection"], true);
  EXPECT_EQ(attributes["access_logs_bucket"], Reference("prod.bucket.logs"));
  EXPECT_EQ(attributes["access_logs_prefix"], "alb");
  EXPECT_NE(std::find(balancer.depends_on.begin(), balancer.depends_on.end(),
                      "prod.bucket_policy.logs"),
            balancer.depends_on.end());
  EXPECT_EQ(attributes["tags"], (Json{{"project", "vueocity"}, {"environment", "prod"}}));
  resources::Tags expected = {{"vueops:stack", "vueocity"},
                              {"project", "vueocity"},
                              {"environment", "prod"}};
  EXPECT_EQ(balancer.tags, expected);
  EXPECT_EQ(balancer.source, stack_.FindEnvironment("prod")->load_balancer->location);
}

TEST_F(BuildLoadBalancerTest, TargetGroupsPerProfileWithStickiness) {
  const Json& foh = At("prod.target_group.foh").attributes;
  EXPECT_EQ(foh["name"], "vueocity-prod-foh");
  EXPECT_EQ(foh["protocol"], "HTTP");
  EXPECT_EQ(foh["port"], 80);
  EXPECT_EQ(foh["vpc_id"], Reference("prod.vpc.main"));
  EXPECT_EQ(foh["health_check"]["path"], "/health");
  EXPECT_EQ(foh["health_check"]["matcher"], "200-399");
  EXPECT_EQ(foh["stickiness"], (Json{{"enabled", true}, {"duration_seconds", 3600}}));
  EXPECT_EQ(At("prod.target_group.ft").attributes["stickiness"], (Json{{"enabled", false}}));
}

TEST_F(BuildLoadBalancerTest, ListenersPassBothPortsToTheServers) {
  const Json& http = At("prod.listener.80").attributes;
  EXPECT_EQ(http["load_balancer_arn"], Reference("prod.load_balancer.main", "arn"));
  EXPECT_EQ(http["protocol"], "HTTP");
  EXPECT_EQ(http["certificate_arn"], "");
  EXPECT_EQ(http["ssl_policy"], "");
  EXPECT_EQ(http["default_action"],
            (Json{{"type", "forward"},
                  {"target_group_arn", Reference("prod.target_group.foh", "arn")}}));
  const Json& https = At("prod.listener.443").attributes;
  EXPECT_EQ(https["protocol"], "HTTPS");
  // The listener waits for the certificate's issue through its validation.
  EXPECT_EQ(https["certificate_arn"], Reference("prod.certificate_validation.site", "arn"));
  EXPECT_EQ(https["ssl_policy"], "ELBSecurityPolicy-TLS13-1-2-2021-06");
  EXPECT_EQ(https["default_action"], http["default_action"]);
}

TEST_F(BuildLoadBalancerTest, RoutesBecomeRulesOnEveryListener) {
  for (const char* port : {"80", "443"}) {
    const Json& admin = At(std::string("prod.listener_rule.") + port + "-10").attributes;
    EXPECT_EQ(admin["listener_arn"], Reference(std::string("prod.listener.") + port, "arn"));
    EXPECT_EQ(admin["priority"], 10);
    EXPECT_EQ(admin["conditions"], (Json{{"path_patterns", {"/admin/*", "/manage/*"}}}));
    EXPECT_EQ(admin["target_group_arn"], Reference("prod.target_group.boh", "arn"));
    const Json& ft = At(std::string("prod.listener_rule.") + port + "-20").attributes;
    EXPECT_EQ(ft["conditions"], (Json{{"path_patterns", {"/ft/*"}}}));
    EXPECT_EQ(ft["target_group_arn"], Reference("prod.target_group.ft", "arn"));
  }
}

TEST(BuildLoadBalancerVariantsTest, ARedirectingListenerHasNoRules) {
  spec::Stack stack = ExampleStack();
  spec::Environment* dev = MutableEnv(stack, "dev");
  ASSERT_NE(dev, nullptr);
  for (spec::Listener& listener : dev->load_balancer->listeners) {
    if (listener.port == 80) listener.redirect_to_https = true;
  }
  Result<std::map<std::string, DesiredResource>> built = Build(stack);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  EXPECT_EQ(built->at("dev.listener.80").attributes["default_action"],
            (Json{{"type", "redirect"},
                  {"protocol", "HTTPS"},
                  {"port", "443"},
                  {"status_code", "HTTP_301"}}));
  EXPECT_EQ(built->count("dev.listener_rule.80-10"), 0u);
  EXPECT_EQ(built->count("dev.listener_rule.443-10"), 1u);
  EXPECT_EQ(built->count("prod.listener_rule.80-10"), 1u);
}

TEST(BuildLoadBalancerVariantsTest, ACertificateGivenByArnIsUsedAsIs) {
  spec::Stack stack = ExampleStack();
  spec::Environment* prod = MutableEnv(stack, "prod");
  ASSERT_NE(prod, nullptr);
  const std::string arn = "arn:aws:acm:us-west-2:111111111111:certificate/existing";
  for (spec::Certificate& certificate : prod->certificates) {
    if (certificate.name == "site") certificate.arn = arn;
  }
  Result<std::map<std::string, DesiredResource>> built = Build(stack);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  EXPECT_EQ(built->count("prod.certificate.site"), 0u);
  EXPECT_EQ(built->count("prod.certificate_validation.site"), 0u);
  EXPECT_EQ(built->at("prod.listener.443").attributes["certificate_arn"], arn);
  EXPECT_EQ(built->count("prod.certificate.cdn"), 1u);
}

TEST(BuildLoadBalancerVariantsTest, WithoutALoadBalancerOnlyTheCertificates) {
  spec::Stack stack = ExampleStack();
  for (spec::Environment& env : stack.environments) env.load_balancer.reset();
  Result<std::map<std::string, DesiredResource>> built = Build(stack);
  ASSERT_TRUE(built.ok());
  EXPECT_EQ(built->size(), 3u * 4u);
  EXPECT_EQ(built->count("prod.load_balancer.main"), 0u);
}

}  // namespace
}  // namespace vueops::graph

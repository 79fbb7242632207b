#include <gtest/gtest.h>

#include <map>
#include <set>

#include "graph/build.h"
#include "graph/pass_test_support.h"
#include "resources/desired.h"
#include "resources/resource_type.h"
#include "spec/loader.h"

namespace vueops::graph {
namespace {

using resources::DesiredResource;
using resources::Join;
using resources::Reference;

Result<std::map<std::string, DesiredResource>> Build(const spec::Stack& stack) {
  return BuildWith(stack, BuildDns);
}

class BuildDnsTest : public ::testing::Test {
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

// The records, DKIM and validation records every environment of the example has.
const std::vector<std::pair<std::string, std::string>> kCommon = {
    {"hosted_zone.main", "hosted_zone"},
    {"dns_record.main/cdn/A", "dns_record"},
    {"dns_record.main/files/A", "dns_record"},
    {"dns_record.main/_dkim-1/CNAME", "dns_record"},
    {"dns_record.main/_dkim-2/CNAME", "dns_record"},
    {"dns_record.main/_dkim-3/CNAME", "dns_record"},
    {"certificate_dns_records.site", "certificate_dns_records"},
    {"certificate_dns_records.cdn", "certificate_dns_records"},
};

TEST_F(BuildDnsTest, ProdFailsOverToCloudFrontAndDevNamesItsServer) {
  std::vector<std::pair<std::string, std::string>> prod = kCommon;
  prod.insert(prod.end(), {{"health_check.site", "health_check"},
                           {"dns_record.main/@/A/primary", "dns_record"},
                           {"dns_record.main/@/A/secondary", "dns_record"},
                           {"dns_record.main/www/A/primary", "dns_record"},
                           {"dns_record.main/www/A/secondary", "dns_record"}});
  std::vector<std::pair<std::string, std::string>> dev = kCommon;
  dev.insert(dev.end(), {{"dns_record.main/@/A", "dns_record"},
                         {"dns_record.main/js/A", "dns_record"},
                         {"dns_record.main/dev1/A", "dns_record"}});
  const std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>>
      environments = {{"prod", prod}, {"dev", dev}, {"test", dev}};
  for (const auto& [env, expected] : environments) {
    for (const auto& [name, type] : expected) {
      const DesiredResource& resource = At(env + "." + name);
      ASSERT_NE(resource.type, nullptr) << env << "." << name;
      EXPECT_EQ(resource.type->name(), type);
      EXPECT_EQ(resource.account, "vue" + env);
      EXPECT_EQ(resource.region, "") << "Route53 is global";
    }
  }
  EXPECT_EQ(resources_.size(), prod.size() + 2 * dev.size());
}

TEST_F(BuildDnsTest, ZonesAndHealthChecks) {
  EXPECT_EQ(At("prod.hosted_zone.main").attributes,
            (Json{{"name", "vueocity.com."},
                  {"comment", ""},
                  {"private", false},
                  {"vpc_id", ""},
                  {"tags", {{"project", "vueocity"}, {"environment", "prod"}}}}));
  EXPECT_EQ(At("dev.hosted_zone.main").attributes["name"], "dev.vueocity.com.");
  EXPECT_EQ(
      At("prod.health_check.site").attributes,
      (Json{{"type", "HTTPS"},
            {"fqdn", "www.vueocity.com"},
            {"resource_path", "/health"},
            {"port", 443},
            {"request_interval", 30},
            {"failure_threshold", 3},
            {"enable_sni", true},
            {"tags",
             {{"project", "vueocity"}, {"environment", "prod"}, {"Name", "vueocity-prod-site"}}}}));
  resources::Tags expected = {
      {"vueops:stack", "vueocity"}, {"project", "vueocity"}, {"environment", "prod"}};
  EXPECT_EQ(At("prod.hosted_zone.main").tags, expected);
}

TEST_F(BuildDnsTest, TheSiteFailsOverFromTheLoadBalancerToCloudFront) {
  Json primary = {{"zone_id", Reference("prod.hosted_zone.main")},
                  {"name", "www.vueocity.com."},
                  {"type", "A"},
                  {"set_identifier", "primary"},
                  {"failover", "PRIMARY"},
                  {"health_check_id", Reference("prod.health_check.site")},
                  {"ttl", nullptr},
                  {"values", Json::array()},
                  {"alias",
                   {{"dns_name", Join({Reference("prod.load_balancer.main", "dns_name"), "."})},
                    {"zone_id", Reference("prod.load_balancer.main", "zone_id")},
                    {"evaluate_target_health", false}}}};
  EXPECT_EQ(At("prod.dns_record.main/www/A/primary").attributes, primary);
  const Json& secondary = At("prod.dns_record.main/@/A/secondary").attributes;
  EXPECT_EQ(secondary["name"], "vueocity.com.");
  EXPECT_EQ(secondary["failover"], "SECONDARY");
  EXPECT_EQ(secondary["health_check_id"], "");
  EXPECT_EQ(secondary["alias"],
            (Json{{"dns_name", Join({Reference("prod.distribution.public", "domain_name"), "."})},
                  {"zone_id", "Z2FDTNDATAQYW2"},
                  {"evaluate_target_health", false}}));
  const spec::Environment* prod = stack_.FindEnvironment("prod");
  ASSERT_NE(prod, nullptr);
  EXPECT_EQ(At("prod.dns_record.main/www/A/primary").source,
            prod->dns->zones[0].records[2].location);
}

TEST_F(BuildDnsTest, DevServerNamesPointAtTheirElasticIps) {
  const Json& dev1 = At("dev.dns_record.main/dev1/A").attributes;
  EXPECT_EQ(dev1["name"], "dev1.dev.vueocity.com.");
  EXPECT_EQ(dev1["ttl"], 300);
  EXPECT_EQ(dev1["values"], Json::array({Reference("dev.elastic_ip.dev1", "public_ip")}));
  EXPECT_EQ(dev1["alias"], nullptr);
  EXPECT_EQ(dev1["set_identifier"], "");
  EXPECT_EQ(At("dev.dns_record.main/js/A").attributes["alias"]["dns_name"],
            Join({Reference("dev.distribution.uncached", "domain_name"), "."}));
}

TEST_F(BuildDnsTest, SesDomainsAndCertificatesAreValidatedInTheZone) {
  const Json& dkim = At("prod.dns_record.main/_dkim-2/CNAME").attributes;
  Json token = Reference("prod.ses_identity.vueocity.com", "dkim_token_2");
  EXPECT_EQ(dkim["name"], Join({token, "._domainkey.vueocity.com."}));
  EXPECT_EQ(dkim["values"], Json::array({Join({token, ".dkim.amazonses.com"})}));
  EXPECT_EQ(dkim["zone_id"], Reference("prod.hosted_zone.main"));
  EXPECT_EQ(At("dev.dns_record.main/_dkim-1/CNAME").attributes["name"],
            Join({Reference("dev.ses_identity.dev.vueocity.com", "dkim_token_1"),
                  "._domainkey.dev.vueocity.com."}));
  EXPECT_EQ(At("prod.certificate_dns_records.cdn").attributes,
            (Json{{"zone_id", Reference("prod.hosted_zone.main")},
                  {"records", Reference("prod.certificate.cdn", "validation_records")},
                  {"ttl", 300}}));
}

TEST(BuildDnsVariantsTest, RecordsOfAZoneElsewhereAreNotWritten) {
  spec::Stack stack = ExampleStack();
  spec::Environment* prod = MutableEnv(stack, "prod");
  ASSERT_NE(prod, nullptr);
  prod->mail->domains = {"mail.example.org", "news.vueocity.com"};
  for (spec::Certificate& certificate : prod->certificates) {
    if (certificate.name == "site") certificate.validation_zone.clear();
  }
  Result<std::map<std::string, DesiredResource>> built = Build(stack);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  EXPECT_EQ(built->count("prod.certificate_dns_records.site"), 0u);
  EXPECT_EQ(built->count("prod.certificate_dns_records.cdn"), 1u);
  // A subdomain's DKIM records go into the zone of its parent, named under it.
  const Json& news = built->at("prod.dns_record.main/_dkim-1.news/CNAME").attributes;
  EXPECT_EQ(news["name"], Join({Reference("prod.ses_identity.news.vueocity.com", "dkim_token_1"),
                                "._domainkey.news.vueocity.com."}));
  for (const auto& [address, resource] : *built) {
    EXPECT_EQ(address.find("example.org"), std::string::npos) << address;
  }
}

TEST(BuildDnsVariantsTest, TextRecordsAreQuotedAndSortedAsRoute53KeepsThem) {
  spec::Stack stack = ExampleStack();
  spec::Environment* prod = MutableEnv(stack, "prod");
  ASSERT_NE(prod, nullptr);
  spec::Record& text = prod->dns->zones[0].records.emplace_back();
  text.type = "TXT";
  text.values = {"v=spf1 include:amazonses.com ~all", "\"google-site-verification=abc\""};
  Result<std::map<std::string, DesiredResource>> built = Build(stack);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  EXPECT_EQ(
      built->at("prod.dns_record.main/@/TXT").attributes["values"],
      Json::array({"\"google-site-verification=abc\"", "\"v=spf1 include:amazonses.com ~all\""}));
}

TEST(BuildDnsVariantsTest, ARecordAskedForTwiceFails) {
  spec::Stack stack = ExampleStack();
  spec::Environment* dev = MutableEnv(stack, "dev");
  ASSERT_NE(dev, nullptr);
  dev->dns->zones[0].records.push_back(dev->dns->zones[0].records.back());
  Result<std::map<std::string, DesiredResource>> built = Build(stack);
  ASSERT_FALSE(built.ok());
  EXPECT_NE(built.status().message().find("dev.dns_record.main/dev1/A is asked for twice"),
            std::string::npos)
      << built.status().ToString();
}

// Every reference the mail, DNS and secrets resources make names a resource the whole
// builder makes.
TEST(BuildDnsVariantsTest, TheWholeStackHasNoDanglingReferenceInMailDnsOrSecrets) {
  spec::Stack stack = ExampleStack();
  Result<std::vector<DesiredResource>> built = BuildResources(stack, BuildOptions());
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  std::set<std::string> addresses;
  for (const DesiredResource& resource : *built) addresses.insert(resource.address);
  const std::set<std::string> ours = {
      "sns_topic", "ses_identity",           "hosted_zone", "dns_record", "health_check",
      "secret",    "certificate_dns_records"};
  int checked = 0;
  for (const DesiredResource& resource : *built) {
    bool mine = ours.count(std::string(resource.type->name())) > 0 ||
                resource.address.find(".ses-smtp") != std::string::npos;
    if (!mine) continue;
    ++checked;
    std::set<std::string> references;
    resources::CollectReferences(resource.attributes, &references);
    for (const std::string& reference : references) {
      EXPECT_EQ(addresses.count(reference), 1u) << resource.address << " -> " << reference;
    }
  }
  EXPECT_GT(checked, 50);
}

}  // namespace
}  // namespace vueops::graph

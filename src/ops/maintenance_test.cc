#include "ops/maintenance.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace vueops::ops {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

spec::Record MakeRecord(std::string name, std::string alias, std::string failover,
                        std::string health_check = "") {
  spec::Record record;
  record.name = std::move(name);
  record.alias = std::move(alias);
  record.failover = std::move(failover);
  record.health_check = std::move(health_check);
  return record;
}

spec::Environment WithRecords(std::vector<spec::Record> records) {
  spec::Environment environment;
  environment.name = "prod";
  spec::Zone zone;
  zone.name = "main";
  zone.domain = "vueocity.com";
  zone.records = std::move(records);
  environment.dns.emplace();
  environment.dns->zones.push_back(zone);
  return environment;
}

TEST(MaintenanceSwitchesTest, GroupsTheFailoverPrimariesByHealthCheck) {
  spec::Environment environment = WithRecords(
      {MakeRecord("@", "load_balancer", "primary", "site"),
       MakeRecord("@", "cdn.public", "secondary"),
       MakeRecord("www", "load_balancer", "primary", "site"),
       MakeRecord("www", "cdn.public", "secondary"), MakeRecord("cdn", "cdn.public", "")});
  Result<std::vector<MaintenanceSwitch>> switches = MaintenanceSwitches(environment);
  ASSERT_TRUE(switches.ok()) << switches.status().ToString();
  ASSERT_EQ(switches->size(), 1u);
  EXPECT_EQ((*switches)[0].health_check, "site");
  EXPECT_EQ((*switches)[0].distribution, "public");
  EXPECT_THAT((*switches)[0].names, ElementsAre("vueocity.com", "www.vueocity.com"));
}

TEST(MaintenanceSwitchesTest, WithoutAFailoverPairSaysWhatToAdd) {
  spec::Environment environment = WithRecords({MakeRecord("@", "load_balancer", "")});
  Result<std::vector<MaintenanceSwitch>> switches = MaintenanceSwitches(environment);
  ASSERT_FALSE(switches.ok());
  EXPECT_EQ(switches.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(switches.status().message(), HasSubstr("failover: secondary"));
  // A primary without a CloudFront secondary is no maintenance switch either.
  EXPECT_FALSE(
      MaintenanceSwitches(WithRecords({MakeRecord("@", "load_balancer", "primary", "site")})).ok());
}

}  // namespace
}  // namespace vueops::ops

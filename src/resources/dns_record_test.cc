#include <gtest/gtest.h>

#include "resource_test_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class DnsRecordMotoTest : public test_support::ResourceMotoTest {
 protected:
  void SetUp() override {
    ResourceMotoTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    Result<Json> zone = client().Call("route53", "CreateHostedZone",
                                      {{"Name", "vueocity.com."}, {"CallerReference", "zone"}});
    ASSERT_TRUE(zone.ok()) << zone.status().ToString();
    std::string id = zone->value("HostedZone", Json::object()).value("Id", "");
    zone_id_ = id.substr(id.rfind('/') + 1);
  }

  Json Plain(const std::string& name, const Json& values) {
    return {{"zone_id", zone_id_},  {"name", name},   {"type", "A"},
            {"set_identifier", ""}, {"ttl", 300},     {"values", values},
            {"alias", nullptr},     {"failover", ""}, {"health_check_id", ""}};
  }

  // The notes' failover: the site on the load balancer, CloudFront's error page as secondary.
  Json Failover(const std::string& role, const std::string& target, const std::string& zone) {
    return {{"zone_id", zone_id_},
            {"name", "www.vueocity.com."},
            {"type", "A"},
            {"set_identifier", role == "PRIMARY" ? "primary" : "secondary"},
            {"ttl", nullptr},
            {"values", Json::array()},
            {"alias", {{"dns_name", target}, {"zone_id", zone}, {"evaluate_target_health", false}}},
            {"failover", role},
            {"health_check_id", ""}};
  }

  state::ResourceRecord Record(const Created& created, const Json& attributes) {
    state::ResourceRecord record;
    record.address = "test.dns_record.x";
    record.id = created.id;
    record.attributes = attributes;
    return record;
  }

  std::string zone_id_;
};

TEST_F(DnsRecordMotoTest, RoundTrip) {
  Created created = RoundTrip(DnsRecord(), "test.dns_record.main/dev1/A",
                              Plain("dev1.vueocity.com.", Json::array({"203.0.113.5"})));
  EXPECT_EQ(created.id, zone_id_ + "/dev1.vueocity.com./A");
}

TEST_F(DnsRecordMotoTest, RoundTripOfAFailoverAlias) {
  RoundTrip(DnsRecord(), "test.dns_record.main/www/A/secondary",
            Failover("SECONDARY", "d111111abcdef8.cloudfront.net.", "Z2FDTNDATAQYW2"));
}

TEST_F(DnsRecordMotoTest, UpdatesInPlaceReadsManyPerZoneAndReadsDrift) {
  ResourceContext context = Context("test.dns_record.main/www/A/primary");
  Json primary =
      Failover("PRIMARY", "vueocity-test-main-1.us-west-2.elb.amazonaws.com.", "Z1H1FL5HABSF5");
  Json secondary = Failover("SECONDARY", "d111111abcdef8.cloudfront.net.", "Z2FDTNDATAQYW2");
  Json wildcard = Plain("*.vueocity.com.", Json::array({"203.0.113.9"}));
  Result<Created> first = DnsRecord().Create(context, primary, "t");
  Result<Created> second = DnsRecord().Create(context, secondary, "t");
  Result<Created> third = DnsRecord().Create(context, wildcard, "t");
  ASSERT_TRUE(first.ok() && second.ok() && third.ok()) << first.status().ToString();
  state::ResourceRecord record = Record(*third, wildcard);
  Json moved = Plain("*.vueocity.com.", {"203.0.113.10", "203.0.113.9"});
  ASSERT_TRUE(DnsRecord().Update(context, record, moved, {"values"}).ok());

  state::ResourceRecord a = Record(*first, primary);
  state::ResourceRecord b = Record(*second, secondary);
  const state::ResourceRecord* all[] = {&a, &b, &record};
  int calls = context.calls();
  std::vector<Result<Json>> read = DnsRecord().ReadMany(context, all);
  EXPECT_EQ(context.calls() - calls, 1) << "one ListResourceRecordSets for the zone";
  ASSERT_TRUE(read[0].ok() && read[1].ok() && read[2].ok()) << read[0].status().ToString();
  EXPECT_EQ(*read[0], primary);
  EXPECT_EQ(*read[1], secondary);
  EXPECT_EQ(*read[2], moved) << "the wildcard read back as written, values sorted";

  // The TTL changed by hand.
  Json by_hand = {{"Name", "*.vueocity.com."},
                  {"Type", "A"},
                  {"TTL", 60},
                  {"ResourceRecords", {{{"Value", "203.0.113.9"}}}}};
  ASSERT_TRUE(client()
                  .Call("route53", "ChangeResourceRecordSets",
                        {{"HostedZoneId", zone_id_},
                         {"ChangeBatch",
                          {{"Changes", {{{"Action", "UPSERT"}, {"ResourceRecordSet", by_hand}}}}}}})
                  .ok());
  Result<Json> drifted = DnsRecord().Read(context, record);
  ASSERT_TRUE(drifted.ok());
  EXPECT_EQ((*drifted)["ttl"], 60);
  EXPECT_EQ((*drifted)["values"], Json::array({"203.0.113.9"}));
  for (const state::ResourceRecord* one : all) EXPECT_TRUE(DnsRecord().Delete(context, *one).ok());
  EXPECT_EQ(DnsRecord().Read(context, a).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace vueops::resources

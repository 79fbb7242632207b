#include <gtest/gtest.h>

#include "resource_test_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

// ACM's validation records are given here as ACM gives them (moto's ACM issues certificates
// without DNS, so the records need not come from it).
class CertificateDnsRecordsMotoTest : public test_support::ResourceMotoTest {
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

  static Json Cname(const std::string& name, const std::string& value) {
    return {{"name", name}, {"type", "CNAME"}, {"value", value}};
  }

  Json Desired(Json records) {
    return {{"zone_id", zone_id_}, {"records", std::move(records)}, {"ttl", 300}};
  }

  Result<Json> Sets() {
    return client().Call("route53", "ListResourceRecordSets", {{"HostedZoneId", zone_id_}});
  }

  std::string zone_id_;
};

TEST_F(CertificateDnsRecordsMotoTest, RoundTripOfTwoRecords) {
  Created created =
      RoundTrip(CertificateDnsRecords(), "test.certificate_dns_records.site",
                Desired({Cname("_a1.vueocity.com.", "_b1.acm-validations.aws."),
                         Cname("_c2.www.vueocity.com.", "_d2.acm-validations.aws.")}));
  EXPECT_EQ(created.id, zone_id_ + "/site");
  Result<Json> sets = Sets();
  ASSERT_TRUE(sets.ok());
  EXPECT_EQ((*sets)["ResourceRecordSets"].size(), 2u) << "only the zone's NS and SOA are left";
}

TEST_F(CertificateDnsRecordsMotoTest, UpdatesInPlaceDropsOldNamesAndReadsDrift) {
  std::string address = "test.certificate_dns_records.cdn";
  ResourceContext context = Context(address);
  Json first = Desired({Cname("_a1.vueocity.com.", "_b1.acm-validations.aws."),
                        Cname("_c2.www.vueocity.com.", "_d2.acm-validations.aws.")});
  Result<Created> created = CertificateDnsRecords().Create(context, first, "t");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  state::ResourceRecord record;
  record.address = address;
  record.id = created->id;
  record.attributes = first;

  // The certificate requested again: one new name, one gone, a new TTL.
  Json second = Desired(Json::array({Cname("_e3.vueocity.com.", "_f3.acm-validations.aws.")}));
  second["ttl"] = 60;
  Status updated = CertificateDnsRecords().Update(context, record, second, {"records", "ttl"});
  ASSERT_TRUE(updated.ok()) << updated.ToString();
  Result<Json> stale = CertificateDnsRecords().Read(context, record);
  ASSERT_FALSE(stale.ok()) << DumpJson(*stale);
  EXPECT_EQ(stale.status().code(), StatusCode::kNotFound) << "the old names are deleted";
  record.attributes = second;
  const state::ResourceRecord* both[] = {&record, &record};
  int calls = context.calls();
  std::vector<Result<Json>> read = CertificateDnsRecords().ReadMany(context, both);
  EXPECT_EQ(context.calls() - calls, 1) << "one listing for the zone";
  ASSERT_TRUE(read[0].ok()) << read[0].status().ToString();
  EXPECT_EQ(*read[0], second);

  // The value changed by hand reads back as it is.
  Json by_hand = {{"Name", "_e3.vueocity.com."},
                  {"Type", "CNAME"},
                  {"TTL", 60},
                  {"ResourceRecords", {{{"Value", "elsewhere.example.com."}}}}};
  ASSERT_TRUE(client()
                  .Call("route53", "ChangeResourceRecordSets",
                        {{"HostedZoneId", zone_id_},
                         {"ChangeBatch",
                          {{"Changes", {{{"Action", "UPSERT"}, {"ResourceRecordSet", by_hand}}}}}}})
                  .ok());
  Result<Json> drifted = CertificateDnsRecords().Read(context, record);
  ASSERT_TRUE(drifted.ok()) << drifted.status().ToString();
  EXPECT_EQ((*drifted)["records"][0]["value"], "elsewhere.example.com.");
  EXPECT_TRUE(CertificateDnsRecords().Delete(context, record).ok());
  EXPECT_EQ(CertificateDnsRecords().Read(context, record).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace vueops::resources

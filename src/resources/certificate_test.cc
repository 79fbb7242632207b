#include <gtest/gtest.h>

#include "resource_test_support.h"
#include "resources/acm_certificates.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

Json Desired() {
  return {{"domain_name", "example.com"},
          {"subject_alternative_names", {"*.example.com"}},
          {"validation_method", "DNS"}};
}

TEST(ValidationRecordsTest, SortsAndMergesTheRecordsOfAWildcardAndItsApex) {
  Json certificate = {
      {"DomainValidationOptions",
       {{{"DomainName", "*.example.com"},
         {"ResourceRecord", {{"Name", "_b.example.com."}, {"Type", "CNAME"}, {"Value", "_v1."}}}},
        {{"DomainName", "example.com"},
         {"ResourceRecord", {{"Name", "_b.example.com."}, {"Type", "CNAME"}, {"Value", "_v1."}}}},
        {{"DomainName", "a.example.com"},
         {"ResourceRecord",
          {{"Name", "_a.a.example.com."}, {"Type", "CNAME"}, {"Value", "_v2."}}}}}}};
  std::optional<Json> records = ValidationRecords(certificate);
  ASSERT_TRUE(records.has_value());
  EXPECT_EQ(*records, Json::parse(R"([
      {"name": "_a.a.example.com.", "type": "CNAME", "value": "_v2."},
      {"name": "_b.example.com.", "type": "CNAME", "value": "_v1."}])"));
}

TEST(ValidationRecordsTest, WaitsUntilEveryNameHasItsRecord) {
  Json certificate = {
      {"DomainValidationOptions",
       {{{"DomainName", "example.com"},
         {"ResourceRecord", {{"Name", "_b.example.com."}, {"Type", "CNAME"}, {"Value", "_v."}}}},
        {{"DomainName", "www.example.com"}}}}};
  EXPECT_FALSE(ValidationRecords(certificate).has_value());
  EXPECT_FALSE(ValidationRecords(Json::object()).has_value());
}

class CertificateMotoTest : public test_support::ResourceMotoTest {};

TEST_F(CertificateMotoTest, RoundTrip) {
  Created created = RoundTrip(Certificate(), "test.certificate.site", Desired());
  EXPECT_EQ(created.outputs["arn"], created.id);
  const Json& records = created.outputs["validation_records"];
  // One CNAME validates both example.com and *.example.com.
  ASSERT_EQ(records.size(), 1u) << DumpJson(records);
  EXPECT_EQ(records[0]["type"], "CNAME");
  EXPECT_NE(records[0].value("name", "").find("example.com."), std::string::npos);
}

// Every attribute of a certificate forces a new one, so there is no in-place update; what a
// hand can change is its existence.
TEST_F(CertificateMotoTest, ReadsACertificateDeletedByHandAsGoneAndIsIdempotent) {
  ResourceContext context = Context("test.certificate.site");
  Result<Created> created = Certificate().Create(context, Desired(), "2f6c1b0e9d8a47c3b5e4f1a2c3d4e5f6");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  // The same request token within the hour answers with the same certificate.
  Result<Created> again = Certificate().Create(context, Desired(), "2f6c1b0e9d8a47c3b5e4f1a2c3d4e5f6");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->id, created->id);
  state::ResourceRecord record;
  record.address = "test.certificate.site";
  record.id = created->id;
  record.attributes = Desired();
  Result<Json> read = Certificate().Read(context, record);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(*read, Desired());
  ASSERT_TRUE(client().Call("acm", "DeleteCertificate", {{"CertificateArn", record.id}}).ok());
  EXPECT_EQ(Certificate().Read(context, record).status().code(), StatusCode::kNotFound);
  Result<std::optional<Found>> found = Certificate().Find(context, Desired(), "t");
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(found->has_value());
}

TEST_F(CertificateMotoTest, FindsOnlyItsOwnCertificate) {
  ResourceContext other = Context("test.certificate.other");
  ASSERT_TRUE(Certificate().Create(other, Desired(), "t1").ok());
  ResourceContext context = Context("test.certificate.site");
  Result<std::optional<Found>> found = Certificate().Find(context, Desired(), "t2");
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(found->has_value());
}

}  // namespace
}  // namespace vueops::resources

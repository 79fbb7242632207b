#include <gtest/gtest.h>

#include "resource_test_support.h"
#include "resources/acm_import_for_tests.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class CertificateValidationMotoTest : public test_support::ResourceMotoTest {};

// Not RoundTrip: the validation makes nothing in AWS, so deleting it forgets it and leaves
// the issued certificate readable (like Terraform's aws_acm_certificate_validation). It reads
// as gone once the certificate itself is.
TEST_F(CertificateValidationMotoTest, CreatesOnAnIssuedCertificateAndForgetsOnDelete) {
  std::string arn = testing::ImportTestCertificate(client(), "imported.example.com");
  ASSERT_FALSE(arn.empty());
  ResourceContext context = Context("test.certificate_validation.site");
  Json desired = {{"certificate_arn", arn}};
  Result<Created> created = CertificateValidation().Create(context, desired, "t");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->id, arn);
  EXPECT_EQ(created->outputs["arn"], arn);

  state::ResourceRecord record;
  record.address = "test.certificate_validation.site";
  record.id = created->id;
  record.attributes = desired;
  Result<Json> read = CertificateValidation().Read(context, record);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(*read, desired);
  Result<std::optional<Found>> found = CertificateValidation().Find(context, desired, "t");
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, arn);

  // Deleting the validation forgets it, twice over; the certificate stays.
  EXPECT_TRUE(CertificateValidation().Delete(context, record).ok());
  EXPECT_TRUE(CertificateValidation().Delete(context, record).ok());
  EXPECT_TRUE(client().Call("acm", "DescribeCertificate", {{"CertificateArn", arn}}).ok());

  // The certificate deleted by hand: the validation reads as gone, so a plan makes it again.
  ASSERT_TRUE(client().Call("acm", "DeleteCertificate", {{"CertificateArn", arn}}).ok());
  EXPECT_EQ(CertificateValidation().Read(context, record).status().code(), StatusCode::kNotFound);
}

// moto issues a requested certificate 60 seconds after the request; on a fake clock the wait
// ends at its bound long before, as it would in AWS when the DNS records never appear. Each
// progress line moves the clock on by half an hour, so the two-hour bound is reached in a few
// polls rather than the ~240 of a real wait.
TEST_F(CertificateValidationMotoTest, WaitsForTheIssueAndGivesUpAtItsBound) {
  Result<Json> requested =
      client().Call("acm", "RequestCertificate",
                    {{"DomainName", "pending.example.com"}, {"ValidationMethod", "DNS"}});
  ASSERT_TRUE(requested.ok()) << requested.status().ToString();
  std::string arn = requested->value("CertificateArn", "");
  FakeClock clock;
  std::vector<std::string> progress;
  ResourceContext context(client(), clock, "test.certificate_validation.site", {},
                          [&](std::string_view line) {
                            progress.emplace_back(line);
                            clock.Advance(std::chrono::minutes(30));
                          });
  Result<Created> created =
      CertificateValidation().Create(context, {{"certificate_arn", arn}}, "t");
  EXPECT_EQ(created.status().code(), StatusCode::kDeadlineExceeded) << created.status().ToString();
  EXPECT_LT(progress.size(), 10u);
  ASSERT_FALSE(progress.empty());
  EXPECT_NE(progress.front().find("PENDING_VALIDATION"), std::string::npos) << progress.front();
  // Until the issue, the validation does not exist: a plan waits for it again.
  state::ResourceRecord record;
  record.address = "test.certificate_validation.site";
  record.id = arn;
  record.attributes = {{"certificate_arn", arn}};
  EXPECT_EQ(CertificateValidation().Read(context, record).status().code(), StatusCode::kNotFound);
  Result<std::optional<Found>> found =
      CertificateValidation().Find(context, {{"certificate_arn", arn}}, "t");
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(found->has_value());
}

TEST_F(CertificateValidationMotoTest, FailsAtOnceForACertificateThatIsGone) {
  ResourceContext context = Context("test.certificate_validation.site");
  Result<Created> created = CertificateValidation().Create(
      context,
      {{"certificate_arn",
        "arn:aws:acm:us-west-2:123456789012:certificate/00000000-0000-0000-0000-000000000000"}},
      "t");
  EXPECT_EQ(created.status().code(), StatusCode::kNotFound) << created.status().ToString();
}

}  // namespace
}  // namespace vueops::resources

// The SES SMTP settings: the derived password with the region's host and ports, and the
// refusals of what can never give a working password.
#include "ops/ses_smtp_settings.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace vueops::ops {
namespace {

SesSmtpRequest Request(std::string secret, std::string access_key_id, std::string region) {
  SesSmtpRequest request;
  request.secret_access_key = std::move(secret);
  request.access_key_id = std::move(access_key_id);
  request.region = std::move(region);
  return request;
}

using ::testing::HasSubstr;

// The AWS documentation's example secret access key.
constexpr const char* kSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

TEST(SesSmtpSettingsTest, DerivesThePasswordWithHostAndPorts) {
  Result<SesSmtpSettings> settings = DeriveSesSmtpSettings(
      Request(kSecret, "AKIAIOSFODNN7EXAMPLE", "us-east-1"), MapEnvironment());
  ASSERT_TRUE(settings.ok()) << settings.status().ToString();
  EXPECT_EQ(settings->password, resources::SesSmtpPassword(kSecret, "us-east-1"));
  EXPECT_EQ(settings->host, "email-smtp.us-east-1.amazonaws.com");
  EXPECT_EQ(settings->user, "AKIAIOSFODNN7EXAMPLE");
  EXPECT_EQ(settings->starttls_port, 587);
  EXPECT_EQ(settings->tls_wrapper_port, 465);
}

TEST(SesSmtpSettingsTest, RefusesTemporaryCredentials) {
  Result<SesSmtpSettings> token =
      DeriveSesSmtpSettings(Request(kSecret, "", "us-east-1"),
                            MapEnvironment({{"AWS_SESSION_TOKEN", "FwoGZXIvYXdzEXAMPLE"}}));
  EXPECT_THAT(token.status().message(), HasSubstr("AWS_SESSION_TOKEN is set"));
  EXPECT_THAT(token.status().message(), HasSubstr("long-term IAM user"));

  Result<SesSmtpSettings> asia = DeriveSesSmtpSettings(
      Request(kSecret, "ASIAIOSFODNN7EXAMPLE", "us-east-1"), MapEnvironment());
  EXPECT_THAT(asia.status().message(), HasSubstr("is temporary (ASIA...)"));
  // An empty AWS_SESSION_TOKEN is unset, as AWS tools read it.
  EXPECT_TRUE(DeriveSesSmtpSettings(Request(kSecret, "", "us-east-1"),
                                    MapEnvironment({{"AWS_SESSION_TOKEN", ""}}))
                  .ok());
}

TEST(SesSmtpSettingsTest, RefusesAnEmptySecretAndANonRegion) {
  EXPECT_THAT(
      DeriveSesSmtpSettings(Request("", "", "us-east-1"), MapEnvironment()).status().message(),
      HasSubstr("no secret access key"));
  EXPECT_THAT(
      DeriveSesSmtpSettings(Request("a b", "", "us-east-1"), MapEnvironment()).status().message(),
      HasSubstr("one line"));
  for (const char* region : {"", "useast1", "us-east", "US-EAST-1", "email-smtp.us-east-1"}) {
    SCOPED_TRACE(region);
    EXPECT_THAT(
        DeriveSesSmtpSettings(Request(kSecret, "", region), MapEnvironment()).status().message(),
        HasSubstr("not an AWS region name"));
  }
  EXPECT_TRUE(DeriveSesSmtpSettings(Request(kSecret, "", "us-gov-west-1"), MapEnvironment()).ok());
}

}  // namespace
}  // namespace vueops::ops

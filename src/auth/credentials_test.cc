#include "auth/credentials.h"

#include <gtest/gtest.h>

#include "auth/aws_time.h"
#include "auth/mfa_prompter.h"
#include "auth/testing/test_credentials.h"

namespace vueops::auth {
namespace {

using testing::MakeCredentials;

constexpr char kSecret[] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
constexpr char kToken[] = "IQoJb3JpZ2luX2VjEXAMPLETOKEN";

TEST(CredentialsTest, DescribeShowsWhatAndWhereButNoSecret) {
  Credentials credentials = MakeCredentials("ASIAIOSFODNN7EXAMPLE", kSecret, kToken,
                                            "role arn:aws:iam::1:role/A (profile ops)");
  credentials.expiration = *ParseIso8601("2024-06-01T13:00:00Z");
  std::string description = credentials.Describe();
  EXPECT_EQ(description,
            "ASIA...MPLE (temporary, expires 2024-06-01T13:00:00Z) from role "
            "arn:aws:iam::1:role/A (profile ops)");
  EXPECT_EQ(description.find(kSecret), std::string::npos);
  EXPECT_EQ(description.find(kToken), std::string::npos);
  EXPECT_EQ(MakeCredentials("AKIAKEY", kSecret).Describe(), "AKIA...");
  EXPECT_EQ(MakeCredentials("", "").Describe(), "(no key id)");
}

TEST(CredentialsTest, RedactSecretsHidesSecretAndToken) {
  Credentials credentials = MakeCredentials("AKIA", kSecret, kToken);
  EXPECT_EQ(RedactSecrets(std::string("x-amz-security-token:") + kToken + "\nsecret " + kSecret +
                              " again " + kSecret,
                          credentials),
            "x-amz-security-token:<redacted>\nsecret <redacted> again <redacted>");
  EXPECT_EQ(RedactSecrets("nothing here", MakeCredentials("AKIA", "", "")), "nothing here");
}

TEST(CredentialsTest, ExpiryIsInclusiveOfTheExpirationInstant) {
  Credentials credentials = MakeCredentials("A", "S", "T");
  Clock::TimePoint now = *ParseIso8601("2024-06-01T12:00:00Z");
  EXPECT_FALSE(credentials.ExpiredAt(now));
  credentials.expiration = now;
  EXPECT_TRUE(credentials.ExpiredAt(now));
  EXPECT_FALSE(credentials.ExpiredAt(now - std::chrono::seconds(1)));
}

TEST(MfaCodeTest, SixDigitsOnlyAndTheCodeIsNeverEchoed) {
  EXPECT_TRUE(CheckMfaCode("012345").ok());
  EXPECT_EQ(CheckMfaCode("").code(), StatusCode::kInvalidArgument);
  for (const char* code : {"12345", "1234567", "12 456", "abcdef"}) {
    Status status = CheckMfaCode(code);
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << code;
    EXPECT_EQ(status.message().find(code), std::string::npos);
  }
}

}  // namespace
}  // namespace vueops::auth

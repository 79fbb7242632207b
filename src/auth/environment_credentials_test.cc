#include "auth/environment_credentials.h"

#include <gtest/gtest.h>

#include "auth/aws_time.h"

namespace vueops::auth {
namespace {

constexpr char kSecret[] = "env-secret-value-0123456789";
constexpr char kToken[] = "env-session-token-value";

class EnvironmentCredentialsTest : public ::testing::Test {
 protected:
  MapEnvironment environment_;
  FakeClock clock_{*ParseIso8601("2024-06-01T12:00:00Z")};
  EnvironmentCredentialsProvider provider_{environment_, clock_};
};

TEST_F(EnvironmentCredentialsTest, NotConfiguredWithoutTheVariables) {
  Result<std::optional<Credentials>> credentials = provider_.Provide();
  ASSERT_TRUE(credentials.ok());
  EXPECT_FALSE(credentials->has_value());
  environment_.Set("AWS_ACCESS_KEY_ID", "");  // empty is unset
  EXPECT_FALSE(provider_.Provide()->has_value());
}

TEST_F(EnvironmentCredentialsTest, ReadsKeysTokenAndExpiration) {
  environment_.Set("AWS_ACCESS_KEY_ID", "ASIAENV");
  environment_.Set("AWS_SECRET_ACCESS_KEY", kSecret);
  environment_.Set("AWS_SESSION_TOKEN", kToken);
  environment_.Set("AWS_CREDENTIAL_EXPIRATION", "2024-06-01T13:00:00Z");
  Result<std::optional<Credentials>> credentials = provider_.Provide();
  ASSERT_TRUE(credentials.ok()) << credentials.status().ToString();
  ASSERT_TRUE(credentials->has_value());
  EXPECT_EQ((*credentials)->access_key_id, "ASIAENV");
  EXPECT_EQ((*credentials)->secret_access_key, kSecret);
  EXPECT_EQ((*credentials)->session_token, kToken);
  EXPECT_EQ((*credentials)->expiration, *ParseIso8601("2024-06-01T13:00:00Z"));
  EXPECT_EQ((*credentials)->source, "environment variables");
  EXPECT_FALSE((*credentials)->role_session);
}

TEST_F(EnvironmentCredentialsTest, TheOlderSecurityTokenVariableCounts) {
  environment_.Set("AWS_ACCESS_KEY_ID", "ASIAENV");
  environment_.Set("AWS_SECRET_ACCESS_KEY", kSecret);
  environment_.Set("AWS_SECURITY_TOKEN", kToken);
  EXPECT_EQ((*provider_.Provide())->session_token, kToken);
}

TEST_F(EnvironmentCredentialsTest, HalfAPairIsAnError) {
  environment_.Set("AWS_SECRET_ACCESS_KEY", kSecret);
  Status status = provider_.Provide().status();
  EXPECT_EQ(status.code(), StatusCode::kUnauthenticated);
  EXPECT_NE(status.message().find("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not"),
            std::string::npos)
      << status.message();
  EXPECT_EQ(status.message().find(kSecret), std::string::npos);
}

TEST_F(EnvironmentCredentialsTest, ExpiredCredentialsAreAnErrorNamingTheSource) {
  environment_.Set("AWS_ACCESS_KEY_ID", "ASIAENV");
  environment_.Set("AWS_SECRET_ACCESS_KEY", kSecret);
  environment_.Set("AWS_SESSION_TOKEN", kToken);
  environment_.Set("AWS_CREDENTIAL_EXPIRATION", "2024-06-01T11:00:00Z");
  Status status = provider_.Provide().status();
  EXPECT_EQ(status.code(), StatusCode::kUnauthenticated);
  EXPECT_NE(status.message().find("the credentials from environment variables expired at "
                                  "2024-06-01T11:00:00Z (60 minutes ago)"),
            std::string::npos)
      << status.message();
  EXPECT_EQ(status.message().find(kSecret), std::string::npos);
  EXPECT_EQ(status.message().find(kToken), std::string::npos);
}

TEST_F(EnvironmentCredentialsTest, AnUnreadableExpirationNamesTheVariable) {
  environment_.Set("AWS_ACCESS_KEY_ID", "ASIAENV");
  environment_.Set("AWS_SECRET_ACCESS_KEY", kSecret);
  environment_.Set("AWS_CREDENTIAL_EXPIRATION", "tomorrow");
  Status status = provider_.Provide().status();
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(status.message().starts_with("AWS_CREDENTIAL_EXPIRATION: 'tomorrow'"))
      << status.message();
}

}  // namespace
}  // namespace vueops::auth

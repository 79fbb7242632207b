// The variables --exec sets and the lines --export prints.
#include "ops/credentials_environment.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "auth/aws_time.h"

namespace vueops::ops {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

TEST(ShellQuoteTest, EverythingIsOneWordInSingleQuotes) {
  EXPECT_EQ(ShellQuote("plain"), "'plain'");
  EXPECT_EQ(ShellQuote(""), "''");
  EXPECT_EQ(ShellQuote("it's"), "'it'\\''s'");
  EXPECT_EQ(ShellQuote("$(rm -rf /) `x` \"y\" \\ \n"), "'$(rm -rf /) `x` \"y\" \\ \n'");
  EXPECT_EQ(ShellQuote("a+b/c=="), "'a+b/c=='");
}

auth::Credentials Session() {
  auth::Credentials credentials;
  credentials.access_key_id = "ASIAEXAMPLE";
  credentials.secret_access_key = "se'cret+/=";
  credentials.session_token = "token$";
  credentials.expiration = *auth::ParseIso8601("2024-05-01T12:00:00Z");
  return credentials;
}

TEST(CredentialVariablesTest, TheSdkVariablesInOrder) {
  EXPECT_THAT(
      CredentialVariables(Session(), "us-west-2", "arn:aws:iam::1:role/R"),
      ElementsAre(Pair("AWS_ACCESS_KEY_ID", "ASIAEXAMPLE"),
                  Pair("AWS_SECRET_ACCESS_KEY", "se'cret+/="), Pair("AWS_SESSION_TOKEN", "token$"),
                  Pair("AWS_REGION", "us-west-2"), Pair("AWS_DEFAULT_REGION", "us-west-2"),
                  Pair("AWS_CREDENTIAL_EXPIRATION", "2024-05-01T12:00:00Z"),
                  Pair("VUEOPS_ROLE_ARN", "arn:aws:iam::1:role/R")));
}

TEST(CredentialVariablesTest, NoRegionNoTokenNoExpiryAreLeftOut) {
  auth::Credentials keys;
  keys.access_key_id = "AKIA";
  keys.secret_access_key = "s";
  EXPECT_THAT(CredentialVariables(keys, "", ""),
              ElementsAre(Pair("AWS_ACCESS_KEY_ID", "AKIA"), Pair("AWS_SECRET_ACCESS_KEY", "s")));
}

TEST(ExportLinesTest, QuotedExportsThenUnsetOfWhatWouldShadowThem) {
  EXPECT_EQ(ExportLines({{"AWS_ACCESS_KEY_ID", "ASIA"}, {"AWS_SECRET_ACCESS_KEY", "a'b"}}),
            "export AWS_ACCESS_KEY_ID='ASIA'\n"
            "export AWS_SECRET_ACCESS_KEY='a'\\''b'\n"
            "unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_SECURITY_TOKEN\n");
}

}  // namespace
}  // namespace vueops::ops

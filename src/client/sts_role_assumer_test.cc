#include "client/sts_role_assumer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "auth/aws_time.h"
#include "auth/testing/test_credentials.h"
#include "http/fake_transport.h"

namespace vueops::client {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// FakeClock starts at 2023-11-14T22:13:20Z; the session lasts an hour.
constexpr char kAssumed[] =
    R"(<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
<Credentials><AccessKeyId>ASIAROLE</AccessKeyId><SecretAccessKey>role-secret</SecretAccessKey>
<SessionToken>role-token</SessionToken><Expiration>2023-11-14T23:13:20Z</Expiration></Credentials>
<AssumedRoleUser><AssumedRoleId>AROA:s</AssumedRoleId>
<Arn>arn:aws:sts::111122223333:assumed-role/VueAdmin/s</Arn></AssumedRoleUser>
</AssumeRoleResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata>
</AssumeRoleResponse>)";

class StsRoleAssumerTest : public ::testing::Test {
 protected:
  AwsClient Base(std::string region = "eu-west-1") {
    ClientConfig config;
    config.region = std::move(region);
    return AwsClient(context_, nullptr, config);
  }

  auth::AssumeRoleParams Params() {
    auth::AssumeRoleParams params;
    params.role_arn = "arn:aws:iam::111122223333:role/VueAdmin";
    params.role_session_name = "alice";
    params.external_id = "ext-1";
    params.duration = std::chrono::seconds(1800);
    params.mfa_serial = "arn:aws:iam::999988887777:mfa/alice";
    params.mfa_token_code = "123456";
    params.tags = {{"team", "ops"}};
    params.policy_arns = {"arn:aws:iam::aws:policy/ReadOnlyAccess"};
    return params;
  }

  http::FakeTransport transport_;
  FakeClock clock_;
  FakeRandomSource random_{{0.5}};
  MapEnvironment environment_;
  std::shared_ptr<ClientContext> context_ =
      std::make_shared<ClientContext>(&transport_, &clock_, &random_, nullptr, &environment_);
  auth::Credentials source_ =
      auth::testing::MakeCredentials("AKIASOURCE", "source-secret", "", "profile users");
};

TEST_F(StsRoleAssumerTest, SendsAssumeRoleSignedWithTheSourceCredentials) {
  transport_.Enqueue(200, kAssumed);
  StsRoleAssumer assumer(Base());
  Result<auth::Credentials> assumed = assumer.AssumeRole(source_, Params());
  ASSERT_TRUE(assumed.ok()) << assumed.status().ToString();
  EXPECT_EQ(assumed->access_key_id, "ASIAROLE");
  EXPECT_EQ(assumed->secret_access_key, "role-secret");
  EXPECT_EQ(assumed->session_token, "role-token");
  EXPECT_TRUE(assumed->role_session);
  EXPECT_EQ(*assumed->expiration, clock_.Now() + std::chrono::hours(1));

  http::Request request = transport_.calls()[0].request;
  EXPECT_EQ(request.url, "https://sts.eu-west-1.amazonaws.com/");
  EXPECT_THAT(*http::FindHeader(request.headers, "Authorization"),
              HasSubstr("Credential=AKIASOURCE/20231114/eu-west-1/sts/aws4_request"));
  EXPECT_EQ(request.body,
            "Action=AssumeRole&Version=2011-06-15"
            "&RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2FVueAdmin&RoleSessionName=alice"
            "&PolicyArns.member.1.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FReadOnlyAccess"
            "&DurationSeconds=1800&Tags.member.1.Key=team&Tags.member.1.Value=ops"
            "&ExternalId=ext-1&SerialNumber=arn%3Aaws%3Aiam%3A%3A999988887777%3Amfa%2Falice"
            "&TokenCode=123456");
}

TEST_F(StsRoleAssumerTest, WithoutARegionItUsesUsEast1) {
  transport_.Enqueue(200, kAssumed);
  ASSERT_TRUE(StsRoleAssumer(Base("")).AssumeRole(source_, Params()).ok());
  EXPECT_EQ(transport_.calls()[0].request.url, "https://sts.us-east-1.amazonaws.com/");
}

TEST_F(StsRoleAssumerTest, ErrorsNameTheRoleButNeverTheMfaCodeOrASecret) {
  transport_.Enqueue(403,
                     "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>"
                     "MultiFactorAuthentication failed with invalid MFA one time pass code "
                     "123456</Message></Error><RequestId>r2</RequestId></ErrorResponse>");
  Result<auth::Credentials> assumed = StsRoleAssumer(Base()).AssumeRole(source_, Params());
  ASSERT_FALSE(assumed.ok());
  EXPECT_EQ(assumed.status().code(), StatusCode::kPermissionDenied);
  EXPECT_THAT(assumed.status().message(), HasSubstr("sts AssumeRole: AccessDenied"));
  EXPECT_THAT(assumed.status().message(), Not(HasSubstr("123456")));
  EXPECT_THAT(assumed.status().message(), Not(HasSubstr("source-secret")));
}

TEST_F(StsRoleAssumerTest, AnIncompleteAnswerIsAnError) {
  transport_.Enqueue(200,
                     "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>"
                     "ASIAROLE</AccessKeyId></Credentials></AssumeRoleResult>"
                     "</AssumeRoleResponse>");
  Result<auth::Credentials> assumed = StsRoleAssumer(Base()).AssumeRole(source_, Params());
  EXPECT_EQ(assumed.status().code(), StatusCode::kUnavailable);
  EXPECT_THAT(assumed.status().message(), HasSubstr("no complete credentials"));
}

TEST_F(StsRoleAssumerTest, AssumedRoleCredentialsActInTheOtherAccountAndRefresh) {
  transport_.SetHandler([](const http::Request&) -> Result<http::Response> {
    return http::FakeTransport::MakeResponse(200, kAssumed);
  });
  auto source_credentials = std::make_shared<auth::RefreshingCredentials>(
      std::make_unique<auth::StaticCredentialsProvider>(source_), clock_);
  AwsClient client = Base().WithCredentials(source_credentials);
  StsRoleAssumer assumer(client);
  auth::AssumeRoleParams params = Params();
  params.mfa_serial.clear();
  params.mfa_token_code.clear();
  Result<std::shared_ptr<auth::RefreshingCredentials>> role =
      AssumedRoleCredentials(client, params, assumer, nullptr, nullptr);
  ASSERT_TRUE(role.ok()) << role.status().ToString();
  Result<auth::Credentials> first = (*role)->Get();
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->access_key_id, "ASIAROLE");
  // The profile is named once ("profile users", not "profile profile users").
  EXPECT_EQ(first->source,
            "role arn:aws:iam::111122223333:role/VueAdmin (profile users) via profile users");
  EXPECT_EQ(transport_.call_count(), 1u);
  // Within the session nothing is asked again; inside the refresh window it is.
  ASSERT_TRUE((*role)->Get().ok());
  EXPECT_EQ(transport_.call_count(), 1u);
  clock_.Advance(std::chrono::minutes(50));
  ASSERT_TRUE((*role)->Get().ok());
  EXPECT_EQ(transport_.call_count(), 2u);
}

}  // namespace
}  // namespace vueops::client

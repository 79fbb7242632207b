#include "client/default_client.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "auth/testing/fakes.h"
#include "base/file.h"
#include "http/fake_transport.h"

namespace vueops::client {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr char kAssumed[] =
    R"(<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
<Credentials><AccessKeyId>ASIAROLE</AccessKeyId><SecretAccessKey>role-secret</SecretAccessKey>
<SessionToken>role-token</SessionToken><Expiration>2023-11-14T23:13:20Z</Expiration></Credentials>
</AssumeRoleResult></AssumeRoleResponse>)";
constexpr char kCallerIdentity[] =
    R"(<GetCallerIdentityResponse><GetCallerIdentityResult>
<Arn>arn:aws:sts::111122223333:assumed-role/VueAdmin/s</Arn><UserId>AROA:s</UserId>
<Account>111122223333</Account></GetCallerIdentityResult></GetCallerIdentityResponse>)";

class DefaultClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    environment_.Set("HOME", home_.path());
    environment_.Set("AWS_CONFIG_FILE", home_ / "config");
    environment_.Set("AWS_SHARED_CREDENTIALS_FILE", home_ / "credentials");
    environment_.Set("VUEOPS_CACHE_DIR", home_ / "cache");
    Write("config",
          "[profile prod]\nrole_arn = arn:aws:iam::111122223333:role/VueAdmin\n"
          "source_profile = users\nregion = eu-west-1\n"
          "[profile users]\nregion = us-east-2\n");
    Write("credentials",
          "[users]\naws_access_key_id = AKIAUSERS\n"
          "aws_secret_access_key = users-secret\n");
    transport_.SetHandler([](const http::Request& request) -> Result<http::Response> {
      bool assume = request.body.find("Action=AssumeRole") != std::string::npos;
      return http::FakeTransport::MakeResponse(200, assume ? kAssumed : kCallerIdentity);
    });
  }

  void Write(const std::string& name, const std::string& text) {
    ASSERT_TRUE(WriteFileAtomic(home_ / name, text, 0600).ok());
  }

  Result<std::unique_ptr<DefaultClient>> Make(std::string profile, std::string region = "",
                                              std::string endpoint_url = "") {
    DefaultClientOptions options;
    options.profile = std::move(profile);
    options.region = std::move(region);
    options.endpoint_url = std::move(endpoint_url);
    options.prompt_for_mfa = false;
    options.environment = &environment_;
    options.transport = &transport_;
    options.clock = &clock_;
    return MakeDefaultClient(options);
  }

  std::string Authorization(size_t call) {
    return *http::FindHeader(transport_.calls()[call].request.headers, "Authorization");
  }

  auth::testing::TempDirectory home_;
  MapEnvironment environment_;
  http::FakeTransport transport_;
  FakeClock clock_;
};

TEST_F(DefaultClientTest, ARoleProfileIsAssumedWithItsSourceProfilesKeys) {
  Result<std::unique_ptr<DefaultClient>> wiring = Make("prod");
  ASSERT_TRUE(wiring.ok()) << wiring.status().ToString();
  AwsClient& client = (*wiring)->client();
  EXPECT_EQ(client.config().region, "eu-west-1");
  EXPECT_THAT((*wiring)->region_source(), StartsWith("region of profile prod ("));
  EXPECT_EQ(transport_.call_count(), 0u);  // nothing is resolved before the first call

  Result<Json> identity = client.Call("sts", "GetCallerIdentity", Json::object());
  ASSERT_TRUE(identity.ok()) << identity.status().ToString();
  EXPECT_EQ((*identity)["Account"], "111122223333");
  ASSERT_EQ(transport_.call_count(), 2u);
  EXPECT_THAT(transport_.calls()[0].request.body, HasSubstr("Action=AssumeRole"));
  EXPECT_THAT(Authorization(0), HasSubstr("Credential=AKIAUSERS/"));
  EXPECT_THAT(Authorization(1), HasSubstr("Credential=ASIAROLE/20231114/eu-west-1/sts/"));
  Result<auth::Credentials> credentials = client.Credentials();
  ASSERT_TRUE(credentials.ok());
  EXPECT_EQ(credentials->source,
            "role arn:aws:iam::111122223333:role/VueAdmin (profile prod) via profile users");
  // The session is cached for the next run, privately.
  EXPECT_TRUE(CheckPrivateFileMode(home_ / ("cache/" +
                                            auth::RoleCredentialsCache::Key(
                                                [] {
                                                  auth::AssumeRoleParams params;
                                                  params.role_arn =
                                                      "arn:aws:iam::111122223333:role/VueAdmin";
                                                  return params;
                                                }(),
                                                "profile users") +
                                            ".json"))
                  .ok());
}

TEST_F(DefaultClientTest, CommandLineOptionsComeFirst) {
  environment_.Set("AWS_ENDPOINT_URL", "http://127.0.0.1:4566");
  Result<std::unique_ptr<DefaultClient>> wiring = Make("users", "ap-south-1");
  ASSERT_TRUE(wiring.ok()) << wiring.status().ToString();
  EXPECT_EQ((*wiring)->region_source(), "--region");
  Result<Endpoint> endpoint = (*wiring)->client().ResolveEndpointFor("ec2");
  ASSERT_TRUE(endpoint.ok());
  EXPECT_EQ(endpoint->url, "http://127.0.0.1:4566");
  EXPECT_EQ(endpoint->source, "AWS_ENDPOINT_URL");
  wiring = Make("users", "", "http://127.0.0.1:9999");
  ASSERT_TRUE(wiring.ok());
  EXPECT_EQ((*wiring)->client().config().region, "us-east-2");
  EXPECT_EQ((*wiring)->client().ResolveEndpointFor("ec2")->source, "--endpoint-url");
}

TEST_F(DefaultClientTest, ABrokenCredentialsFileNamesTheLine) {
  Write("credentials", "[users]\naws_access_key_id = AKIAUSERS\n[broken\n");
  Result<std::unique_ptr<DefaultClient>> wiring = Make("users");
  ASSERT_FALSE(wiring.ok());
  EXPECT_THAT(wiring.status().message(), HasSubstr(home_ / "credentials:3"));
}

TEST_F(DefaultClientTest, AMisspeltProfileSuggestsTheClosest) {
  Result<std::unique_ptr<DefaultClient>> wiring = Make("prdo");
  ASSERT_FALSE(wiring.ok());
  EXPECT_EQ(wiring.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(wiring.status().message(), HasSubstr("did you mean 'prod'?"));
}

TEST_F(DefaultClientTest, ExpiredEnvironmentCredentialsAreAClearError) {
  environment_.Set("AWS_ACCESS_KEY_ID", "ASIAEXPIRED");
  environment_.Set("AWS_SECRET_ACCESS_KEY", "expired-secret");
  environment_.Set("AWS_SESSION_TOKEN", "expired-token");
  environment_.Set("AWS_CREDENTIAL_EXPIRATION", "2023-11-14T21:00:00Z");
  environment_.Set("AWS_REGION", "us-east-1");
  Result<std::unique_ptr<DefaultClient>> wiring = Make("");
  ASSERT_TRUE(wiring.ok()) << wiring.status().ToString();
  Result<Json> identity = (*wiring)->client().Call("sts", "GetCallerIdentity", Json::object());
  ASSERT_FALSE(identity.ok());
  EXPECT_EQ(identity.status().code(), StatusCode::kUnauthenticated);
  EXPECT_THAT(identity.status().message(), HasSubstr("expired"));
  EXPECT_THAT(identity.status().message(), ::testing::Not(HasSubstr("expired-secret")));
  EXPECT_EQ(transport_.call_count(), 0u);
}

}  // namespace
}  // namespace vueops::client

#include "auth/instance_metadata_credentials.h"

#include <gtest/gtest.h>

#include "auth/aws_time.h"
#include "http/fake_transport.h"

namespace vueops::auth {
namespace {

constexpr char kSecret[] = "imds-secret-0123456789";
const std::string kDocument =
    std::string(R"({"Code": "Success", "Type": "AWS-HMAC", "AccessKeyId": "ASIAIMDS",)") +
    R"("SecretAccessKey": ")" + kSecret + R"(", "Token": "imds-token",)" +
    R"("Expiration": "2024-06-01T18:00:00Z", "LastUpdated": "2024-06-01T12:00:00Z"})";

class InstanceMetadataTest : public ::testing::Test {
 protected:
  Result<std::optional<Credentials>> Provide(bool required = false, std::string config_text = "") {
    Result<SharedConfig> files = SharedConfig::Parse(config_text, "config", "", "credentials");
    EXPECT_TRUE(files.ok());
    AwsConfig config(std::move(*files), environment_, "");
    InstanceMetadataCredentialsProvider provider(config, transport_, clock_, required);
    return provider.Provide();
  }

  void ScriptSuccess() {
    transport_.Enqueue(200, "imds-session-token");
    transport_.Enqueue(200, "VueServerRole\n");
    transport_.Enqueue(200, kDocument);
  }

  MapEnvironment environment_;
  http::FakeTransport transport_;
  FakeClock clock_{*ParseIso8601("2024-06-01T12:00:00Z")};
};

TEST_F(InstanceMetadataTest, SpeaksImdsV2) {
  ScriptSuccess();
  Result<std::optional<Credentials>> credentials = Provide();
  ASSERT_TRUE(credentials.ok()) << credentials.status().ToString();
  ASSERT_TRUE(credentials->has_value());
  EXPECT_EQ((*credentials)->access_key_id, "ASIAIMDS");
  EXPECT_EQ((*credentials)->session_token, "imds-token");
  EXPECT_EQ((*credentials)->source, "EC2 instance metadata (role VueServerRole)");
  EXPECT_TRUE((*credentials)->role_session);

  std::vector<http::FakeTransport::Call> calls = transport_.calls();
  ASSERT_EQ(calls.size(), 3u);
  EXPECT_EQ(calls[0].request.method, "PUT");
  EXPECT_EQ(calls[0].request.url, "http://169.254.169.254/latest/api/token");
  EXPECT_EQ(*http::FindHeader(calls[0].request.headers, "X-aws-ec2-metadata-token-ttl-seconds"),
            "21600");
  EXPECT_EQ(calls[0].options.total_timeout, std::chrono::seconds(1));
  EXPECT_EQ(calls[1].request.method, "GET");
  EXPECT_EQ(calls[1].request.url,
            "http://169.254.169.254/latest/meta-data/iam/security-credentials/");
  EXPECT_EQ(*http::FindHeader(calls[1].request.headers, "X-aws-ec2-metadata-token"),
            "imds-session-token");
  EXPECT_EQ(calls[2].request.url,
            "http://169.254.169.254/latest/meta-data/iam/security-credentials/VueServerRole");
  EXPECT_EQ(*http::FindHeader(calls[2].request.headers, "X-aws-ec2-metadata-token"),
            "imds-session-token");
}

TEST_F(InstanceMetadataTest, DisabledMeansNotAsked) {
  environment_.Set("AWS_EC2_METADATA_DISABLED", "True");
  Result<std::optional<Credentials>> credentials = Provide();
  ASSERT_TRUE(credentials.ok());
  EXPECT_FALSE(credentials->has_value());
  EXPECT_EQ(transport_.call_count(), 0u);
  EXPECT_EQ(Provide(/*required=*/true).status().code(), StatusCode::kFailedPrecondition);
}

TEST_F(InstanceMetadataTest, EndpointAndModeSettings) {
  environment_.Set("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:1338/");
  environment_.Set("AWS_METADATA_SERVICE_TIMEOUT", "3");
  ScriptSuccess();
  ASSERT_TRUE(Provide().ok());
  EXPECT_EQ(transport_.calls()[0].request.url, "http://127.0.0.1:1338/latest/api/token");
  EXPECT_EQ(transport_.calls()[0].options.connect_timeout, std::chrono::seconds(3));

  environment_.Unset("AWS_EC2_METADATA_SERVICE_ENDPOINT");
  ScriptSuccess();
  ASSERT_TRUE(Provide(false, "[default]\nec2_metadata_service_endpoint_mode = IPv6\n").ok());
  EXPECT_EQ(transport_.calls()[3].request.url, "http://[fd00:ec2::254]/latest/api/token");

  EXPECT_EQ(
      Provide(false, "[default]\nec2_metadata_service_endpoint_mode = IPv5\n").status().code(),
      StatusCode::kInvalidArgument);
}

TEST_F(InstanceMetadataTest, RetriesOnlyAsConfigured) {
  environment_.Set("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "2");
  transport_.Enqueue(DeadlineExceededError("timed out"));
  ScriptSuccess();
  ASSERT_TRUE(Provide().ok());
  EXPECT_EQ(transport_.call_count(), 4u);
}

TEST_F(InstanceMetadataTest, NotOnEc2IsAbsenceInTheChainButAnErrorWhenRequired) {
  transport_.Enqueue(UnavailableError("connection refused"));
  Result<std::optional<Credentials>> absent = Provide();
  ASSERT_TRUE(absent.ok());
  EXPECT_FALSE(absent->has_value());

  transport_.Enqueue(UnavailableError("connection refused"));
  Status required = Provide(/*required=*/true).status();
  EXPECT_EQ(required.code(), StatusCode::kUnauthenticated);
  EXPECT_NE(required.message().find("EC2 instance metadata at http://169.254.169.254: no answer"),
            std::string::npos)
      << required.message();

  transport_.Enqueue(403, "");  // IMDS turned off on the instance
  EXPECT_FALSE(Provide()->has_value());
}

TEST_F(InstanceMetadataTest, NoRoleAttached) {
  transport_.Enqueue(200, "token");
  transport_.Enqueue(404, "");
  EXPECT_FALSE(Provide()->has_value());
  transport_.Enqueue(200, "token");
  transport_.Enqueue(404, "");
  Status status = Provide(/*required=*/true).status();
  EXPECT_NE(status.message().find("no IAM role"), std::string::npos) << status.message();
}

TEST_F(InstanceMetadataTest, AFailedCredentialsDocumentIsAnError) {
  transport_.Enqueue(200, "token");
  transport_.Enqueue(200, "VueServerRole");
  transport_.Enqueue(200, std::string(R"({"Code": "AssumeRoleUnauthorizedAccess",)") +
                              R"( "SecretAccessKey": ")" + kSecret + R"("})");
  Status status = Provide().status();
  EXPECT_EQ(status.code(), StatusCode::kUnauthenticated);
  EXPECT_NE(status.message().find("AssumeRoleUnauthorizedAccess"), std::string::npos);
  EXPECT_EQ(status.message().find(kSecret), std::string::npos);

  transport_.Enqueue(200, "token");
  transport_.Enqueue(200, "VueServerRole");
  transport_.Enqueue(200, "<html>not json</html>");
  EXPECT_EQ(Provide().status().code(), StatusCode::kUnavailable);
}

}  // namespace
}  // namespace vueops::auth

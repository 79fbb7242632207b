#include "auth/container_credentials.h"

#include <gtest/gtest.h>

#include "auth/aws_time.h"
#include "auth/testing/fakes.h"
#include "base/file.h"
#include "http/fake_transport.h"

namespace vueops::auth {
namespace {

constexpr char kSecret[] = "container-secret-0123";
const std::string kDocument = std::string(R"({"AccessKeyId": "ASIATASK", "SecretAccessKey": ")") +
                              kSecret + R"(", "Token": "task-token", )" +
                              R"("Expiration": "2024-06-01T18:00:00Z", "RoleArn": "arn:x"})";

class ContainerCredentialsTest : public ::testing::Test {
 protected:
  Result<std::optional<Credentials>> Provide() {
    ContainerCredentialsProvider provider(environment_, transport_, clock_);
    return provider.Provide();
  }

  MapEnvironment environment_;
  http::FakeTransport transport_;
  FakeClock clock_{*ParseIso8601("2024-06-01T12:00:00Z")};
  testing::TempDirectory directory_;
};

TEST_F(ContainerCredentialsTest, NotConfiguredWithoutTheVariables) {
  Result<std::optional<Credentials>> credentials = Provide();
  ASSERT_TRUE(credentials.ok());
  EXPECT_FALSE(credentials->has_value());
  EXPECT_EQ(transport_.call_count(), 0u);
}

TEST_F(ContainerCredentialsTest, RelativeUriGoesToTheEcsHost) {
  environment_.Set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc");
  transport_.Enqueue(200, kDocument);
  Result<std::optional<Credentials>> credentials = Provide();
  ASSERT_TRUE(credentials.ok()) << credentials.status().ToString();
  EXPECT_EQ((*credentials)->access_key_id, "ASIATASK");
  EXPECT_EQ((*credentials)->session_token, "task-token");
  EXPECT_TRUE((*credentials)->role_session);
  ASSERT_EQ(transport_.call_count(), 1u);
  http::FakeTransport::Call call = transport_.calls()[0];
  EXPECT_EQ(call.request.method, "GET");
  EXPECT_EQ(call.request.url, "http://169.254.170.2/v2/credentials/abc");
  EXPECT_EQ(http::FindHeader(call.request.headers, "Authorization"), nullptr);
  EXPECT_EQ(call.options.total_timeout, std::chrono::seconds(2));
}

TEST_F(ContainerCredentialsTest, FullUriWithTheTokenFromItsFileWhichWinsOverTheVariable) {
  environment_.Set("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:8080/creds");
  ASSERT_TRUE(WriteFileAtomic(directory_ / "token", "file-token\n", 0600).ok());
  environment_.Set("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", directory_ / "token");
  environment_.Set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "variable-token");
  transport_.Enqueue(200, kDocument);
  ASSERT_TRUE(Provide().ok());
  EXPECT_EQ(*http::FindHeader(transport_.calls()[0].request.headers, "Authorization"),
            "file-token");

  environment_.Unset("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
  transport_.Enqueue(200, kDocument);
  ASSERT_TRUE(Provide().ok());
  EXPECT_EQ(*http::FindHeader(transport_.calls()[1].request.headers, "Authorization"),
            "variable-token");
}

TEST_F(ContainerCredentialsTest, PlainHttpOnlyToLoopbackAndTheContainerHosts) {
  for (const char* allowed : {"http://127.0.0.1/x", "http://[::1]:80/x", "http://localhost/x",
                              "http://169.254.170.23/v1/credentials", "http://[fd00:ec2::23]/x",
                              "https://credentials.example.com/x"}) {
    environment_.Set("AWS_CONTAINER_CREDENTIALS_FULL_URI", allowed);
    transport_.Enqueue(200, kDocument);
    EXPECT_TRUE(Provide().ok()) << allowed;
  }
  size_t calls = transport_.call_count();
  for (const char* refused : {"http://credentials.example.com/x", "http://10.0.0.1/x",
                              "ftp://127.0.0.1/x", "http://127.0.0.1.example.com/x"}) {
    environment_.Set("AWS_CONTAINER_CREDENTIALS_FULL_URI", refused);
    Status status = Provide().status();
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << refused;
  }
  EXPECT_EQ(transport_.call_count(), calls);  // nothing was sent to a refused host
}

TEST_F(ContainerCredentialsTest, ATokenWithALineBreakIsRefused) {
  environment_.Set("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1/x");
  environment_.Set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "abc\r\nX-Injected: 1");
  EXPECT_EQ(Provide().status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(transport_.call_count(), 0u);
}

TEST_F(ContainerCredentialsTest, RetriesTransientFailuresASecondApart) {
  environment_.Set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/creds");
  transport_.Enqueue(UnavailableError("connection refused"));
  transport_.Enqueue(503, "busy");
  transport_.Enqueue(200, kDocument);
  ASSERT_TRUE(Provide().ok());
  EXPECT_EQ(transport_.call_count(), 3u);
  EXPECT_EQ(clock_.total_slept(), std::chrono::seconds(2));
}

TEST_F(ContainerCredentialsTest, FailuresAreErrorsThatShowNoPathOrSecret) {
  environment_.Set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/secret-guid");
  for (int i = 0; i < 3; ++i) transport_.Enqueue(UnavailableError("connection refused"));
  Status unreachable = Provide().status();
  EXPECT_EQ(unreachable.code(), StatusCode::kUnavailable);
  EXPECT_NE(unreachable.message().find("http://169.254.170.2 failed 3 times"), std::string::npos)
      << unreachable.message();
  EXPECT_EQ(unreachable.message().find("secret-guid"), std::string::npos);

  transport_.Enqueue(403, "denied");
  EXPECT_EQ(Provide().status().code(), StatusCode::kUnauthenticated);

  transport_.Enqueue(200, std::string("{\"SecretAccessKey\": \"") + kSecret + "\"}");
  Status incomplete = Provide().status();
  EXPECT_NE(incomplete.message().find("returned no AccessKeyId"), std::string::npos);
  EXPECT_EQ(incomplete.message().find(kSecret), std::string::npos);
}

TEST_F(ContainerCredentialsTest, ExpiredCredentialsAreAnError) {
  environment_.Set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/creds");
  transport_.Enqueue(200, R"({"AccessKeyId": "A", "SecretAccessKey": "S", "Token": "T",
                             "Expiration": "2024-06-01T11:00:00Z"})");
  Status status = Provide().status();
  EXPECT_EQ(status.code(), StatusCode::kUnauthenticated);
  EXPECT_NE(status.message().find("the credentials from the container credentials endpoint expired "
                                  "at 2024-06-01T11:00:00Z"),
            std::string::npos)
      << status.message();
}

}  // namespace
}  // namespace vueops::auth

#include "auth/credentials_chain.h"

#include <gtest/gtest.h>

#include "auth/aws_time.h"
#include "auth/refreshing_credentials.h"
#include "http/fake_transport.h"

namespace vueops::auth {
namespace {

class CredentialsChainTest : public ::testing::Test {
 protected:
  Result<std::unique_ptr<CredentialsChain>> Chain(std::string explicit_profile = "") {
    Result<SharedConfig> files = SharedConfig::Parse(
        "[profile ops]\nregion = eu-west-1\n", "/h/.aws/config",
        "[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = d\n"
        "[ops]\naws_access_key_id = AKIAOPS\naws_secret_access_key = o\n",
        "/h/.aws/credentials");
    EXPECT_TRUE(files.ok());
    config_ =
        std::make_unique<AwsConfig>(std::move(*files), environment_, std::move(explicit_profile));
    ProviderDependencies dependencies;
    dependencies.config = config_.get();
    dependencies.transport = &transport_;
    dependencies.clock = &clock_;
    return MakeDefaultCredentialsChain(dependencies);
  }

  std::string KeyIdFrom(Result<std::unique_ptr<CredentialsChain>> chain) {
    EXPECT_TRUE(chain.ok()) << chain.status().ToString();
    if (!chain.ok()) return "";
    Result<std::optional<Credentials>> credentials = (*chain)->Provide();
    EXPECT_TRUE(credentials.ok()) << credentials.status().ToString();
    if (!credentials.ok() || !credentials->has_value()) return "(none)";
    return (*credentials)->access_key_id;
  }

  MapEnvironment environment_;
  std::unique_ptr<AwsConfig> config_;
  http::FakeTransport transport_;
  FakeClock clock_{*ParseIso8601("2024-06-01T12:00:00Z")};
};

TEST_F(CredentialsChainTest, EnvironmentThenProfile) {
  EXPECT_EQ(KeyIdFrom(Chain()), "AKIADEFAULT");
  environment_.Set("AWS_ACCESS_KEY_ID", "AKIAENV");
  environment_.Set("AWS_SECRET_ACCESS_KEY", "e");
  EXPECT_EQ(KeyIdFrom(Chain()), "AKIAENV");
  // AWS_PROFILE selects the profile but, as with the AWS CLI, environment keys still win...
  environment_.Set("AWS_PROFILE", "ops");
  EXPECT_EQ(KeyIdFrom(Chain()), "AKIAENV");
  // ...while --profile means that profile.
  EXPECT_EQ(KeyIdFrom(Chain("ops")), "AKIAOPS");
  EXPECT_EQ(transport_.call_count(), 0u);
}

TEST_F(CredentialsChainTest, AChosenProfileThatDoesNotExistFailsAtOnce) {
  environment_.Set("AWS_PROFILE", "opz");
  Result<std::unique_ptr<CredentialsChain>> chain = Chain();
  EXPECT_EQ(chain.status().code(), StatusCode::kNotFound);
  EXPECT_NE(chain.status().message().find("profile 'opz' (named by AWS_PROFILE) is not defined"),
            std::string::npos)
      << chain.status().message();
  EXPECT_NE(chain.status().message().find("did you mean 'ops'?"), std::string::npos);
}

TEST_F(CredentialsChainTest, ContainerThenInstanceMetadataWhenNoProfileHasKeys) {
  Result<std::unique_ptr<CredentialsChain>> no_keys = [&] {
    Result<SharedConfig> files = SharedConfig::Parse("", "c", "", "k");
    config_ = std::make_unique<AwsConfig>(std::move(*files), environment_, "");
    ProviderDependencies dependencies;
    dependencies.config = config_.get();
    dependencies.transport = &transport_;
    dependencies.clock = &clock_;
    return MakeDefaultCredentialsChain(dependencies);
  }();
  ASSERT_TRUE(no_keys.ok());
  transport_.Enqueue(200, "imds-token");
  transport_.Enqueue(200, "Role");
  transport_.Enqueue(200, R"({"Code": "Success", "AccessKeyId": "ASIAEC2",
      "SecretAccessKey": "s", "Token": "t", "Expiration": "2024-06-01T18:00:00Z"})");
  Result<std::optional<Credentials>> credentials = (*no_keys)->Provide();
  ASSERT_TRUE(credentials.ok()) << credentials.status().ToString();
  EXPECT_EQ((*credentials)->access_key_id, "ASIAEC2");
  EXPECT_EQ(transport_.calls()[0].request.url, "http://169.254.169.254/latest/api/token");
}

TEST_F(CredentialsChainTest, NothingAnywhereNamesEveryPlaceLookedAt) {
  Result<SharedConfig> files = SharedConfig::Parse("", "/h/.aws/config", "", "/h/.aws/credentials");
  config_ = std::make_unique<AwsConfig>(std::move(*files), environment_, "");
  ProviderDependencies dependencies;
  dependencies.config = config_.get();
  dependencies.transport = &transport_;
  dependencies.clock = &clock_;
  Result<std::unique_ptr<CredentialsChain>> chain = MakeDefaultCredentialsChain(dependencies);
  ASSERT_TRUE(chain.ok());
  transport_.Enqueue(UnavailableError("connection refused"));  // not on EC2
  RefreshingCredentials credentials(std::move(*chain), clock_);
  Result<Credentials> result = credentials.Get();
  EXPECT_EQ(result.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(result.status().message(),
            "no AWS credentials found; looked at: environment variables AWS_ACCESS_KEY_ID / "
            "AWS_SECRET_ACCESS_KEY; profile default in /h/.aws/config and /h/.aws/credentials; "
            "container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI); EC2 "
            "instance metadata (IMDSv2)");
}

TEST_F(CredentialsChainTest, AFailingSourceStopsTheChain) {
  environment_.Set("AWS_ACCESS_KEY_ID", "AKIAENV");  // but no secret
  Result<std::unique_ptr<CredentialsChain>> chain = Chain();
  ASSERT_TRUE(chain.ok());
  EXPECT_EQ((*chain)->Provide().status().code(), StatusCode::kUnauthenticated);
}

// A provider whose answers are scripted, counting its calls.
class CountingProvider : public CredentialsProvider {
 public:
  explicit CountingProvider(std::string key_id) : key_id_(std::move(key_id)) {}
  Result<std::optional<Credentials>> Provide() override {
    ++calls;
    if (key_id_.empty()) return std::optional<Credentials>();
    Credentials credentials;
    credentials.access_key_id = key_id_;
    credentials.secret_access_key = "s";
    return std::optional<Credentials>(credentials);
  }
  std::string name() const override { return "counting " + key_id_; }
  int calls = 0;

 private:
  std::string key_id_;
};

TEST(CredentialsChainStickinessTest, AfterOneAnswersOnlyThatOneIsAsked) {
  auto empty = std::make_unique<CountingProvider>("");
  auto first = std::make_unique<CountingProvider>("FIRST");
  auto second = std::make_unique<CountingProvider>("SECOND");
  CountingProvider* empty_pointer = empty.get();
  CountingProvider* first_pointer = first.get();
  CountingProvider* second_pointer = second.get();
  std::vector<std::unique_ptr<CredentialsProvider>> providers;
  providers.push_back(std::move(empty));
  providers.push_back(std::move(first));
  providers.push_back(std::move(second));
  CredentialsChain chain(std::move(providers));
  EXPECT_EQ(chain.chosen(), nullptr);
  EXPECT_EQ((*chain.Provide())->access_key_id, "FIRST");
  EXPECT_EQ((*chain.Provide())->access_key_id, "FIRST");
  EXPECT_EQ(chain.chosen(), first_pointer);
  EXPECT_EQ(empty_pointer->calls, 1);
  EXPECT_EQ(first_pointer->calls, 2);
  EXPECT_EQ(second_pointer->calls, 0);
}

}  // namespace
}  // namespace vueops::auth

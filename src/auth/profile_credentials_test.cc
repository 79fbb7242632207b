#include "auth/profile_credentials.h"

#include <gtest/gtest.h>

#include "auth/aws_time.h"
#include "auth/testing/fakes.h"
#include "base/file.h"
#include "http/fake_transport.h"

namespace vueops::auth {
namespace {

using testing::FakeMfaPrompter;
using testing::FakeRoleAssumer;
using testing::NoteCollector;
using testing::TempDirectory;

constexpr char kUserSecret[] = "user-secret-from-credentials-file";

// The vueocity layout: keys in the users account, roles assumed into the others.
constexpr char kCredentialsFile[] = R"(
[users]
aws_access_key_id = AKIAUSERS
aws_secret_access_key = user-secret-from-credentials-file

[half]
aws_access_key_id = AKIAHALF
)";

constexpr char kConfigFile[] = R"(
[profile users]
region = us-east-1

[profile ops]
role_arn = arn:aws:iam::333333333333:role/VueAdmin
source_profile = users
mfa_serial = arn:aws:iam::111111111111:mfa/alice
external_id = vueops
role_session_name = alice
duration_seconds = 14400

[profile prod]
role_arn = arn:aws:iam::444444444444:role/VueDeploy
source_profile = ops
duration_seconds = 7200

[profile self]
role_arn = arn:aws:iam::555555555555:role/Self
source_profile = self
aws_access_key_id = AKIASELF
aws_secret_access_key = self-secret

[profile loop-a]
role_arn = arn:aws:iam::1:role/A
source_profile = loop-b

[profile loop-b]
role_arn = arn:aws:iam::1:role/B
source_profile = loop-c

[profile loop-c]
role_arn = arn:aws:iam::1:role/C
source_profile = loop-a

[profile from-env]
role_arn = arn:aws:iam::666666666666:role/FromEnv
credential_source = Environment

[profile on-ec2]
role_arn = arn:aws:iam::777777777777:role/FromInstance
credential_source = Ec2InstanceMetadata
duration_seconds = 3601

[profile both]
role_arn = arn:aws:iam::1:role/X
source_profile = users
credential_source = Environment

[profile neither]
role_arn = arn:aws:iam::1:role/X

[profile odd-source]
role_arn = arn:aws:iam::1:role/X
credential_source = Laptop

[profile typo]
role_arn = arn:aws:iam::1:role/X
source_profile = userz

[profile bad-duration]
role_arn = arn:aws:iam::1:role/X
source_profile = users
duration_seconds = 60

[profile region-only]
region = eu-west-1

[profile sso]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = Admin

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
)";

class ProfileCredentialsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<SharedConfig> files =
        SharedConfig::Parse(kConfigFile, "/h/.aws/config", kCredentialsFile, "/h/.aws/credentials");
    ASSERT_TRUE(files.ok()) << files.status().ToString();
    config_ = std::make_unique<AwsConfig>(std::move(*files), environment_, "");
    dependencies_.config = config_.get();
    dependencies_.transport = &transport_;
    dependencies_.clock = &clock_;
    dependencies_.role_assumer = &assumer_;
    dependencies_.mfa_prompter = &prompter_;
    dependencies_.role_cache = &cache_;
    dependencies_.notes = notes_.sink();
  }

  Result<std::optional<Credentials>> ProvideFor(std::string_view profile) {
    Result<std::unique_ptr<CredentialsProvider>> provider =
        MakeProfileProvider(profile, dependencies_);
    if (!provider.ok()) return provider.status();
    if (*provider == nullptr) return std::optional<Credentials>();
    return (*provider)->Provide();
  }

  MapEnvironment environment_;
  std::unique_ptr<AwsConfig> config_;
  http::FakeTransport transport_;
  FakeClock clock_{*ParseIso8601("2024-06-01T12:00:00Z")};
  FakeRoleAssumer assumer_{clock_};
  FakeMfaPrompter prompter_;
  NoteCollector notes_;
  TempDirectory directory_;
  RoleCredentialsCache cache_{directory_ / "cache", clock_};
  ProviderDependencies dependencies_;
};

TEST_F(ProfileCredentialsTest, StaticKeysFromTheCredentialsFile) {
  Result<std::optional<Credentials>> credentials = ProvideFor("users");
  ASSERT_TRUE(credentials.ok()) << credentials.status().ToString();
  EXPECT_EQ((*credentials)->access_key_id, "AKIAUSERS");
  EXPECT_EQ((*credentials)->secret_access_key, kUserSecret);
  EXPECT_EQ((*credentials)->source, "profile users");
  EXPECT_TRUE(assumer_.calls().empty());
}

TEST_F(ProfileCredentialsTest, RoleWithSourceProfileAndMfa) {
  Result<std::optional<Credentials>> credentials = ProvideFor("ops");
  ASSERT_TRUE(credentials.ok()) << credentials.status().ToString();
  ASSERT_EQ(assumer_.calls().size(), 1u);
  FakeRoleAssumer::Call call = assumer_.calls()[0];
  EXPECT_EQ(call.source.access_key_id, "AKIAUSERS");
  EXPECT_EQ(call.params.role_arn, "arn:aws:iam::333333333333:role/VueAdmin");
  EXPECT_EQ(call.params.external_id, "vueops");
  EXPECT_EQ(call.params.role_session_name, "alice");
  EXPECT_EQ(call.params.duration, std::chrono::seconds(14400));  // from keys: no chaining
  EXPECT_EQ(call.params.mfa_token_code, "123456");
  ASSERT_EQ(prompter_.prompts().size(), 1u);
  EXPECT_EQ(prompter_.prompts()[0].first, "ops");
  EXPECT_EQ((*credentials)->source,
            "role arn:aws:iam::333333333333:role/VueAdmin (profile ops) via profile users");
}

TEST_F(ProfileCredentialsTest, AChainedRoleIsAssumedInOrderAndClampedToAnHour) {
  Result<std::optional<Credentials>> credentials = ProvideFor("prod");
  ASSERT_TRUE(credentials.ok()) << credentials.status().ToString();
  std::vector<FakeRoleAssumer::Call> calls = assumer_.calls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].params.role_arn, "arn:aws:iam::333333333333:role/VueAdmin");
  EXPECT_EQ(calls[1].params.role_arn, "arn:aws:iam::444444444444:role/VueDeploy");
  EXPECT_EQ(calls[1].source.access_key_id, "ASIA-ROLE-1");
  EXPECT_EQ(calls[1].params.duration, std::chrono::seconds(3600));
  EXPECT_NE(notes_.joined().find("profile prod: duration_seconds 7200"), std::string::npos)
      << notes_.joined();
  EXPECT_EQ((*credentials)->source,
            "role arn:aws:iam::444444444444:role/VueDeploy (profile prod) via role "
            "arn:aws:iam::333333333333:role/VueAdmin (profile ops) via profile users");
}

TEST_F(ProfileCredentialsTest, AProfileMayAssumeItsRoleWithItsOwnKeys) {
  Result<std::optional<Credentials>> credentials = ProvideFor("self");
  ASSERT_TRUE(credentials.ok()) << credentials.status().ToString();
  ASSERT_EQ(assumer_.calls().size(), 1u);
  EXPECT_EQ(assumer_.calls()[0].source.access_key_id, "AKIASELF");
  EXPECT_EQ((*credentials)->access_key_id, "ASIA-ROLE-1");
}

TEST_F(ProfileCredentialsTest, ACycleIsAnErrorThatPrintsTheChain) {
  Status status = ProvideFor("loop-a").status();
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "source_profile cycle: loop-a -> loop-b -> loop-c -> loop-a");
  EXPECT_TRUE(assumer_.calls().empty());
}

TEST_F(ProfileCredentialsTest, CredentialSourceEnvironment) {
  Status missing = ProvideFor("from-env").status();
  EXPECT_EQ(missing.code(), StatusCode::kUnauthenticated);
  EXPECT_NE(missing.message().find("profile from-env names credential_source Environment, but "
                                   "environment variables"),
            std::string::npos)
      << missing.message();

  environment_.Set("AWS_ACCESS_KEY_ID", "AKIAENV");
  environment_.Set("AWS_SECRET_ACCESS_KEY", "env-secret");
  ASSERT_TRUE(ProvideFor("from-env").ok());
  EXPECT_EQ(assumer_.calls().back().source.access_key_id, "AKIAENV");
}

TEST_F(ProfileCredentialsTest, CredentialSourceInstanceMetadataIsAChainedRole) {
  transport_.Enqueue(200, "imds-token");
  transport_.Enqueue(200, "InstanceRole");
  transport_.Enqueue(200, R"({"Code": "Success", "AccessKeyId": "ASIAEC2",
      "SecretAccessKey": "s", "Token": "t", "Expiration": "2024-06-01T18:00:00Z"})");
  Result<std::optional<Credentials>> credentials = ProvideFor("on-ec2");
  ASSERT_TRUE(credentials.ok()) << credentials.status().ToString();
  EXPECT_EQ(assumer_.calls()[0].source.access_key_id, "ASIAEC2");
  EXPECT_EQ(assumer_.calls()[0].params.duration, std::chrono::seconds(3600));

  transport_.Enqueue(UnavailableError("connection refused"));
  clock_.Advance(std::chrono::hours(2));  // past the cached role session
  Status unreachable = ProvideFor("on-ec2").status();
  EXPECT_EQ(unreachable.code(), StatusCode::kUnauthenticated) << unreachable.ToString();
}

TEST_F(ProfileCredentialsTest, CredentialProcessProfiles) {
  std::string script = directory_ / "creds.sh";
  ASSERT_TRUE(WriteFileAtomic(script,
                              "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"AKIAPROC\", "
                              "\"SecretAccessKey\": \"proc-secret\"}'\n",
                              0755)
                  .ok());
  Result<SharedConfig> files = SharedConfig::Parse(
      "[profile tool]\ncredential_process = " + script + " --profile x\n", "c", "", "k");
  ASSERT_TRUE(files.ok());
  AwsConfig config(std::move(*files), environment_, "");
  dependencies_.config = &config;
  Result<std::optional<Credentials>> credentials = ProvideFor("tool");
  ASSERT_TRUE(credentials.ok()) << credentials.status().ToString();
  EXPECT_EQ((*credentials)->access_key_id, "AKIAPROC");
  EXPECT_EQ((*credentials)->source, "credential_process of profile tool");
}

TEST_F(ProfileCredentialsTest, InconsistentProfilesAreClearErrors) {
  struct Case {
    const char* profile;
    StatusCode code;
    const char* expected;
  };
  for (const Case& c : {
           Case{"both", StatusCode::kInvalidArgument,
                "profile both sets both source_profile and credential_source; keep one"},
           Case{"neither", StatusCode::kInvalidArgument,
                "profile neither has role_arn but neither source_profile nor credential_source"},
           Case{"odd-source", StatusCode::kInvalidArgument,
                "credential_source must be Environment, Ec2InstanceMetadata or EcsContainer, "
                "not 'Laptop'"},
           Case{"typo", StatusCode::kNotFound,
                "profile 'userz' (source_profile of 'typo') is not defined in /h/.aws/config or "
                "/h/.aws/credentials; did you mean 'users'?"},
           Case{"bad-duration", StatusCode::kInvalidArgument,
                "duration_seconds must be a number of seconds from 900 to 43200, not '60' "
                "(/h/.aws/config:"},
           Case{"half", StatusCode::kInvalidArgument,
                "profile half has aws_access_key_id (/h/.aws/credentials:7) but no "
                "aws_secret_access_key"},
           Case{"sso", StatusCode::kUnimplemented, "IAM Identity Center (SSO)"},
           Case{"missing", StatusCode::kNotFound, "profile 'missing' is not defined"},
       }) {
    Status status = ProvideFor(c.profile).status();
    EXPECT_EQ(status.code(), c.code) << c.profile << ": " << status.ToString();
    EXPECT_NE(status.message().find(c.expected), std::string::npos) << status.message();
    EXPECT_EQ(status.message().find(kUserSecret), std::string::npos);
  }
}

TEST_F(ProfileCredentialsTest, AProfileWithoutCredentialSettingsHasNone) {
  Result<std::optional<Credentials>> credentials = ProvideFor("region-only");
  ASSERT_TRUE(credentials.ok());
  EXPECT_FALSE(credentials->has_value());
}

TEST_F(ProfileCredentialsTest, TheSelectedProfileAsAChainMember) {
  ProfileCredentialsProvider absent(dependencies_);  // "default" is not defined
  Result<std::optional<Credentials>> none = absent.Provide();
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  EXPECT_EQ(absent.name(), "profile default in /h/.aws/config and /h/.aws/credentials");

  AwsConfig users(config_->files(), environment_, "users");
  dependencies_.config = &users;
  ProfileCredentialsProvider present(dependencies_);
  EXPECT_EQ((*present.Provide())->access_key_id, "AKIAUSERS");
}

}  // namespace
}  // namespace vueops::auth

#include "auth/shared_config.h"

#include <gtest/gtest.h>

#include "auth/aws_config.h"

namespace vueops::auth {
namespace {

TEST(SharedConfigTest, AppliesTheConfigAndCredentialsSectionRules) {
  Result<SharedConfig> config = SharedConfig::Parse(
      "[default]\nregion = us-west-2\n"
      "[profile ops]\nregion = eu-west-1\naws_access_key_id = FROM_CONFIG\n"
      "[ops-typo]\nregion = x\n"
      "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n"
      "[services local]\ns3 =\n  endpoint_url = http://127.0.0.1:5000\n"
      "[profile with space]\nregion = x\n",
      "/h/.aws/config",
      "[ops]\naws_access_key_id = FROM_CREDENTIALS\naws_secret_access_key = s\n"
      "[profile bad]\naws_access_key_id = x\n"
      "[creds-only]\naws_access_key_id = A\n",
      "/h/.aws/credentials");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  const ConfigSection* ops = config->FindProfile("ops");
  ASSERT_NE(ops, nullptr);
  EXPECT_EQ(ops->Get("region"), "eu-west-1");
  // The credentials file wins per key.
  EXPECT_EQ(ops->Get("aws_access_key_id"), "FROM_CREDENTIALS");
  EXPECT_EQ(ops->Find("aws_access_key_id")->origin, "/h/.aws/credentials:2");
  EXPECT_EQ(config->FindProfile("default")->Get("region"), "us-west-2");
  EXPECT_NE(config->FindProfile("creds-only"), nullptr);
  EXPECT_EQ(config->FindProfile("ops-typo"), nullptr);
  EXPECT_EQ(config->FindProfile("bad"), nullptr);
  EXPECT_EQ(config->FindProfile("profile bad"), nullptr);
  EXPECT_NE(config->FindSsoSession("corp"), nullptr);
  ASSERT_NE(config->FindServices("local"), nullptr);
  EXPECT_EQ(config->FindServices("local")->Find("s3")->sub_properties.at("endpoint_url"),
            "http://127.0.0.1:5000");
  EXPECT_EQ(config->ProfileNames(), (std::vector<std::string>{"creds-only", "default", "ops"}));

  std::string warnings;
  for (const std::string& warning : config->warnings()) warnings += warning + "\n";
  EXPECT_NE(warnings.find("/h/.aws/config:6: [ops-typo] is not a profile in the config file; "
                          "write [profile ops-typo]"),
            std::string::npos)
      << warnings;
  EXPECT_NE(warnings.find("[profile with space] is ignored"), std::string::npos);
  EXPECT_NE(warnings.find("/h/.aws/credentials:4: [profile bad] is ignored"), std::string::npos);
}

TEST(SharedConfigTest, ProfileDefaultWinsOverDefault) {
  Result<SharedConfig> config =
      SharedConfig::Parse("[default]\nregion = a\n[profile default]\nregion = b\n", "c", "", "k");
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->FindProfile("default")->Get("region"), "b");
  ASSERT_EQ(config->warnings().size(), 1u);
}

TEST(SharedConfigTest, LoadFindsFilesThroughTheEnvironmentAndToleratesMissingOnes) {
  MapEnvironment environment({{"HOME", "/nonexistent-home-for-test"}});
  Result<SharedConfig> config = SharedConfig::Load(environment);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->config_path(), "/nonexistent-home-for-test/.aws/config");
  EXPECT_EQ(config->credentials_path(), "/nonexistent-home-for-test/.aws/credentials");
  EXPECT_TRUE(config->ProfileNames().empty());

  environment.Set("AWS_CONFIG_FILE", "~/elsewhere/config");
  environment.Set("AWS_SHARED_CREDENTIALS_FILE", "/etc/creds");
  ASSERT_TRUE((config = SharedConfig::Load(environment)).ok());
  EXPECT_EQ(config->config_path(), "/nonexistent-home-for-test/elsewhere/config");
  EXPECT_EQ(config->credentials_path(), "/etc/creds");
}

TEST(SharedConfigTest, ASyntaxErrorInEitherFileFails) {
  Result<SharedConfig> config =
      SharedConfig::Parse("[default]\n", "c", "[x]\nnot valid\n", "/h/.aws/credentials");
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.status().message().find("/h/.aws/credentials:2:"), std::string::npos);
}

class AwsConfigTest : public ::testing::Test {
 protected:
  AwsConfig Make(std::string explicit_profile = "") {
    Result<SharedConfig> files = SharedConfig::Parse(
        "[default]\nregion = us-west-2\nmax_attempts = 7\n"
        "[profile dev]\nregion = eu-central-1\nservices = local\nretry_mode = adaptive\n"
        "endpoint_url = http://127.0.0.1:9000\nmax_attempts = many\n"
        "ignore_configured_endpoint_urls = maybe\n"
        "[profile prod]\nregion = us-east-1\nservices = local\n"
        "[services local]\nelastic_load_balancing_v2 =\n  endpoint_url = http://127.0.0.1:5001\n",
        "/h/.aws/config", "", "/h/.aws/credentials");
    EXPECT_TRUE(files.ok());
    return AwsConfig(std::move(*files), environment_, std::move(explicit_profile));
  }
  MapEnvironment environment_;
};

TEST_F(AwsConfigTest, ProfileSelection) {
  EXPECT_EQ(Make().profile_name(), "default");
  EXPECT_FALSE(Make().profile_was_chosen());
  environment_.Set("AWS_DEFAULT_PROFILE", "legacy");
  EXPECT_EQ(Make().profile_name(), "legacy");
  environment_.Set("AWS_PROFILE", "dev");
  EXPECT_EQ(Make().profile_name(), "dev");
  EXPECT_TRUE(Make().profile_was_chosen());
  EXPECT_FALSE(Make().profile_is_explicit());
  AwsConfig explicit_config = Make("prod");
  EXPECT_EQ(explicit_config.profile_name(), "prod");
  EXPECT_TRUE(explicit_config.profile_is_explicit());
}

TEST_F(AwsConfigTest, MissingProfileSuggestsTheClosestName) {
  Status status = Make("prdo").CheckProfileExists();
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_NE(status.message().find("profile 'prdo' (given by --profile) is not defined in "
                                  "/h/.aws/config or /h/.aws/credentials"),
            std::string::npos)
      << status.message();
  EXPECT_NE(status.message().find("did you mean 'prod'?"), std::string::npos);
  EXPECT_TRUE(Make("dev").CheckProfileExists().ok());
}

TEST_F(AwsConfigTest, RegionPrecedence) {
  EXPECT_EQ(Make().Region(), "us-west-2");
  EXPECT_EQ(Make("dev").Region(), "eu-central-1");
  environment_.Set("AWS_DEFAULT_REGION", "ap-south-1");
  EXPECT_EQ(Make("dev").Region(), "ap-south-1");
  environment_.Set("AWS_REGION", "sa-east-1");
  EXPECT_EQ(Make("dev").Region(), "sa-east-1");
  environment_.Set("AWS_REGION", "");  // empty counts as unset
  EXPECT_EQ(Make("dev").Region(), "ap-south-1");
  EXPECT_EQ(Make("nonexistent").Region(), "ap-south-1");
}

TEST_F(AwsConfigTest, RegionSourceNamesTheSettingThatChoseIt) {
  EXPECT_EQ(Make("dev").RegionWithSource()->source, "region of profile dev (/h/.aws/config:5)");
  environment_.Set("AWS_DEFAULT_REGION", "ap-south-1");
  EXPECT_EQ(Make("dev").RegionWithSource()->source, "AWS_DEFAULT_REGION");
  environment_.Set("AWS_REGION", "sa-east-1");
  EXPECT_EQ(Make("dev").RegionWithSource()->value, "sa-east-1");
  EXPECT_EQ(Make("dev").RegionWithSource()->source, "AWS_REGION");
}

TEST_F(AwsConfigTest, ServiceSettingsComeFromTheProfilesServicesSection) {
  EXPECT_EQ(Make("prod").ServiceSetting("elastic_load_balancing_v2", "endpoint_url"),
            "http://127.0.0.1:5001");
  EXPECT_EQ(Make("prod").ServiceSetting("ec2", "endpoint_url"), std::nullopt);
  // dev names the section too, but it has no such setting for ec2.
  EXPECT_EQ(Make("dev").ServiceSetting("ec2", "endpoint_url"), std::nullopt);
  // The default profile names no services section.
  EXPECT_EQ(Make().ServiceSetting("elastic_load_balancing_v2", "endpoint_url"), std::nullopt);
  EXPECT_EQ(Make("nonexistent").ServiceSetting("elastic_load_balancing_v2", "endpoint_url"),
            std::nullopt);
  // The environment is the client's business (client::ResolveEndpoint), not the config's.
  environment_.Set("AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2", "http://127.0.0.1:7001");
  EXPECT_EQ(Make("prod").ServiceSetting("elastic_load_balancing_v2", "endpoint_url"),
            "http://127.0.0.1:5001");
}

TEST_F(AwsConfigTest, ProfileValuesWithoutAVariableIgnoreTheEnvironment) {
  environment_.Set("AWS_RETRY_MODE", "standard");
  EXPECT_EQ(Make("dev").Get("retry_mode"), "adaptive");
  EXPECT_EQ(Make("dev").Get("retry_mode", "AWS_RETRY_MODE"), "standard");
  EXPECT_EQ(Make().Get("max_attempts"), "7");
  Result<std::optional<bool>> unreadable =
      Make("dev").GetBoolean("ignore_configured_endpoint_urls");
  ASSERT_FALSE(unreadable.ok());
  EXPECT_NE(unreadable.status().message().find("'ignore_configured_endpoint_urls' in profile dev "
                                               "must be true or false, not 'maybe'"),
            std::string::npos)
      << unreadable.status().message();
}

}  // namespace
}  // namespace vueops::auth

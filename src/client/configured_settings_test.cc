// The endpoint and retry precedence end to end: the profile's values (read without the
// environment) handed to ResolveEndpoint / ResolveRetryConfig, which add the variables.
#include "client/configured_settings.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace vueops::client {
namespace {

using ::testing::HasSubstr;

const ServiceEndpointInfo kElbv2{"Elastic Load Balancing v2", "elasticloadbalancing", ""};
const ServiceEndpointInfo kEc2{"EC2", "ec2", ""};

class ConfiguredSettingsTest : public ::testing::Test {
 protected:
  auth::AwsConfig Make(std::string explicit_profile = "") {
    Result<auth::SharedConfig> files = auth::SharedConfig::Parse(
        "[default]\nregion = us-west-2\nmax_attempts = 7\n"
        "[profile dev]\nservices = local\nretry_mode = adaptive\n"
        "endpoint_url = http://127.0.0.1:9000\nmax_attempts = many\n"
        "ignore_configured_endpoint_urls = maybe\n"
        "[profile prod]\nregion = us-east-1\nservices = local\n"
        "[profile quiet]\nendpoint_url = http://127.0.0.1:9000\n"
        "ignore_configured_endpoint_urls = true\n"
        "[services local]\nelastic_load_balancing_v2 =\n  endpoint_url = http://127.0.0.1:5001\n",
        "/h/.aws/config", "", "/h/.aws/credentials");
    EXPECT_TRUE(files.ok());
    return auth::AwsConfig(std::move(*files), environment_, std::move(explicit_profile));
  }

  // The URL and source ResolveEndpoint picks for `service` under profile `profile`.
  std::pair<std::string, std::string> Resolve(const std::string& profile,
                                              const ServiceEndpointInfo& service) {
    auth::AwsConfig config = Make(profile);
    Result<ConfiguredEndpoints> configured = ConfiguredEndpointsFor(config, service.service_id);
    EXPECT_TRUE(configured.ok()) << configured.status().ToString();
    EndpointOverrides overrides;
    overrides.config = configured.value_or({});
    Result<Endpoint> endpoint = ResolveEndpoint(service, "eu-west-1", overrides, environment_);
    EXPECT_TRUE(endpoint.ok()) << endpoint.status().ToString();
    if (!endpoint.ok()) return {};
    return {endpoint->url, endpoint->source};
  }

  MapEnvironment environment_;
};

TEST_F(ConfiguredSettingsTest, EndpointPrecedenceAcrossTheProfileAndTheEnvironment) {
  EXPECT_EQ(Resolve("prod", kElbv2).first, "http://127.0.0.1:5001");
  EXPECT_THAT(Resolve("prod", kElbv2).second, HasSubstr("services section"));
  EXPECT_EQ(Resolve("prod", kEc2).second, "default");
  environment_.Set("AWS_ENDPOINT_URL", "http://127.0.0.1:7000");
  EXPECT_EQ(Resolve("prod", kEc2).first, "http://127.0.0.1:7000");
  // The services section comes before the global variable.
  EXPECT_EQ(Resolve("prod", kElbv2).first, "http://127.0.0.1:5001");
  environment_.Set("AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2", "http://127.0.0.1:7001");
  EXPECT_EQ(Resolve("prod", kElbv2),
            std::make_pair(std::string("http://127.0.0.1:7001"),
                           std::string("AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2")));
  environment_.Set("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "TRUE");
  EXPECT_EQ(Resolve("prod", kElbv2).second, "default");
}

TEST_F(ConfiguredSettingsTest, TheProfilesIgnoreSwitchYieldsToTheVariable) {
  EXPECT_EQ(Resolve("quiet", kEc2).second, "default");
  environment_.Set("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false");
  EXPECT_EQ(Resolve("quiet", kEc2),
            std::make_pair(std::string("http://127.0.0.1:9000"),
                           std::string("endpoint_url of the config profile")));
}

TEST_F(ConfiguredSettingsTest, AnUnreadableIgnoreSwitchIsAnError) {
  Result<ConfiguredEndpoints> configured = ConfiguredEndpointsFor(Make("dev"), "EC2");
  ASSERT_FALSE(configured.ok());
  EXPECT_EQ(configured.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(configured.status().message(),
              HasSubstr("'ignore_configured_endpoint_urls' in profile dev must be true or false, "
                        "not 'maybe'"));
}

TEST_F(ConfiguredSettingsTest, RetrySettingsFromTheProfileThenTheEnvironment) {
  EXPECT_EQ(ResolveRetryConfig(ConfiguredRetrySettingsFor(Make()), environment_)->max_attempts, 7);
  Result<RetryConfig> dev =
      ResolveRetryConfig(ConfiguredRetrySettingsFor(Make("dev")), environment_);
  ASSERT_FALSE(dev.ok());
  EXPECT_THAT(dev.status().message(), HasSubstr("max_attempts in the profile"));
  environment_.Set("AWS_MAX_ATTEMPTS", "3");
  dev = ResolveRetryConfig(ConfiguredRetrySettingsFor(Make("dev")), environment_);
  ASSERT_TRUE(dev.ok()) << dev.status().ToString();
  EXPECT_EQ(dev->max_attempts, 3);
  EXPECT_EQ(dev->mode, RetryMode::kAdaptive);
  environment_.Set("AWS_RETRY_MODE", "standard");
  EXPECT_EQ(ResolveRetryConfig(ConfiguredRetrySettingsFor(Make("dev")), environment_)->mode,
            RetryMode::kStandard);
  // The config reader itself never looks at the variables.
  EXPECT_EQ(ConfiguredRetrySettingsFor(Make("dev")).retry_mode, "adaptive");
}

}  // namespace
}  // namespace vueops::client

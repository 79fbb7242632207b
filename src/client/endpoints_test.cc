#include "client/endpoints.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

namespace vueops::client {
namespace {

using ::testing::HasSubstr;

// The metadata of botocore's service-2.json files for the services vueops uses.
const std::map<std::string, ServiceEndpointInfo>& Services() {
  static const auto* services = new std::map<std::string, ServiceEndpointInfo>{
      {"iam", {"IAM", "iam", ""}},
      {"organizations", {"Organizations", "organizations", ""}},
      {"route53", {"Route 53", "route53", ""}},
      {"cloudfront", {"CloudFront", "cloudfront", "cloudfront"}},
      {"sts", {"STS", "sts", ""}},
      {"s3", {"S3", "s3", ""}},
      {"ec2", {"EC2", "ec2", ""}},
      {"elbv2", {"Elastic Load Balancing v2", "elasticloadbalancing", ""}},
      {"ses", {"SES", "email", "ses"}},
      {"sesv2", {"SESv2", "email", "ses"}},
      {"rds", {"RDS", "rds", "rds"}},
      {"autoscaling", {"Auto Scaling", "autoscaling", ""}},
      {"secretsmanager", {"Secrets Manager", "secretsmanager", "secretsmanager"}},
  };
  return *services;
}

struct DefaultCase {
  std::string service;
  std::string region;
  std::string url;
  std::string signing_region;
  std::string signing_name;
};

// Expected values as botocore 1.43 resolves them (client.meta.endpoint_url and the
// credentialScope of endpoints.json).
const DefaultCase kDefaultCases[] = {
    {"iam", "", "https://iam.amazonaws.com", "us-east-1", "iam"},
    {"iam", "us-west-2", "https://iam.amazonaws.com", "us-east-1", "iam"},
    {"iam", "cn-northwest-1", "https://iam.cn-north-1.amazonaws.com.cn", "cn-north-1", "iam"},
    {"iam", "us-gov-east-1", "https://iam.us-gov.amazonaws.com", "us-gov-west-1", "iam"},
    {"iam", "us-iso-east-1", "https://iam.us-iso-east-1.c2s.ic.gov", "us-iso-east-1", "iam"},
    {"iam", "us-isob-east-1", "https://iam.us-isob-east-1.sc2s.sgov.gov", "us-isob-east-1", "iam"},
    {"organizations", "eu-west-1", "https://organizations.us-east-1.amazonaws.com", "us-east-1",
     "organizations"},
    {"organizations", "cn-north-1", "https://organizations.cn-northwest-1.amazonaws.com.cn",
     "cn-northwest-1", "organizations"},
    {"organizations", "us-gov-east-1", "https://organizations.us-gov-west-1.amazonaws.com",
     "us-gov-west-1", "organizations"},
    {"route53", "eu-west-1", "https://route53.amazonaws.com", "us-east-1", "route53"},
    {"route53", "cn-north-1", "https://route53.amazonaws.com.cn", "cn-northwest-1", "route53"},
    {"route53", "us-gov-west-1", "https://route53.us-gov.amazonaws.com", "us-gov-west-1",
     "route53"},
    {"route53", "us-iso-west-1", "https://route53.c2s.ic.gov", "us-iso-east-1", "route53"},
    {"route53", "us-isob-east-1", "https://route53.sc2s.sgov.gov", "us-isob-east-1", "route53"},
    {"cloudfront", "eu-west-1", "https://cloudfront.amazonaws.com", "us-east-1", "cloudfront"},
    {"cloudfront", "cn-north-1", "https://cloudfront.cn-northwest-1.amazonaws.com.cn",
     "cn-northwest-1", "cloudfront"},
    // No partition endpoint in aws-us-gov: the regional template applies.
    {"cloudfront", "us-gov-west-1", "https://cloudfront.us-gov-west-1.amazonaws.com",
     "us-gov-west-1", "cloudfront"},
    {"sts", "us-east-1", "https://sts.us-east-1.amazonaws.com", "us-east-1", "sts"},
    {"sts", "eu-west-1", "https://sts.eu-west-1.amazonaws.com", "eu-west-1", "sts"},
    {"sts", "aws-global", "https://sts.amazonaws.com", "us-east-1", "sts"},
    {"sts", "cn-north-1", "https://sts.cn-north-1.amazonaws.com.cn", "cn-north-1", "sts"},
    {"s3", "us-east-1", "https://s3.amazonaws.com", "us-east-1", "s3"},
    {"s3", "aws-global", "https://s3.amazonaws.com", "us-east-1", "s3"},
    {"s3", "eu-west-1", "https://s3.eu-west-1.amazonaws.com", "eu-west-1", "s3"},
    {"s3", "cn-north-1", "https://s3.cn-north-1.amazonaws.com.cn", "cn-north-1", "s3"},
    {"s3", "us-gov-west-1", "https://s3.us-gov-west-1.amazonaws.com", "us-gov-west-1", "s3"},
    {"ec2", "eu-west-1", "https://ec2.eu-west-1.amazonaws.com", "eu-west-1", "ec2"},
    {"ec2", "cn-north-1", "https://ec2.cn-north-1.amazonaws.com.cn", "cn-north-1", "ec2"},
    {"ec2", "us-iso-east-1", "https://ec2.us-iso-east-1.c2s.ic.gov", "us-iso-east-1", "ec2"},
    {"ec2", "us-isob-east-1", "https://ec2.us-isob-east-1.sc2s.sgov.gov", "us-isob-east-1", "ec2"},
    {"ec2", "eu-isoe-west-1", "https://ec2.eu-isoe-west-1.cloud.adc-e.uk", "eu-isoe-west-1", "ec2"},
    {"ec2", "us-isof-south-1", "https://ec2.us-isof-south-1.csp.hci.ic.gov", "us-isof-south-1",
     "ec2"},
    {"ec2", "eusc-de-east-1", "https://ec2.eusc-de-east-1.amazonaws.eu", "eusc-de-east-1", "ec2"},
    // A region AWS opens tomorrow resolves in the aws partition by the template.
    {"ec2", "xx-new-9", "https://ec2.xx-new-9.amazonaws.com", "xx-new-9", "ec2"},
    {"elbv2", "us-east-2", "https://elasticloadbalancing.us-east-2.amazonaws.com", "us-east-2",
     "elasticloadbalancing"},
    {"ses", "eu-west-1", "https://email.eu-west-1.amazonaws.com", "eu-west-1", "ses"},
    {"sesv2", "eu-west-1", "https://email.eu-west-1.amazonaws.com", "eu-west-1", "ses"},
    {"rds", "eu-west-1", "https://rds.eu-west-1.amazonaws.com", "eu-west-1", "rds"},
    {"autoscaling", "ap-southeast-2", "https://autoscaling.ap-southeast-2.amazonaws.com",
     "ap-southeast-2", "autoscaling"},
};

TEST(EndpointsTest, DefaultEndpointsMatchBotocore) {
  MapEnvironment no_environment;
  for (const DefaultCase& test : kDefaultCases) {
    SCOPED_TRACE(test.service + " in '" + test.region + "'");
    Result<Endpoint> endpoint =
        ResolveEndpoint(Services().at(test.service), test.region, {}, no_environment);
    ASSERT_TRUE(endpoint.ok()) << endpoint.status().ToString();
    EXPECT_EQ(endpoint->url, test.url);
    EXPECT_EQ(endpoint->signing_region, test.signing_region);
    EXPECT_EQ(endpoint->signing_name, test.signing_name);
    EXPECT_FALSE(endpoint->custom);
    EXPECT_EQ(endpoint->source, "default");
  }
}

TEST(EndpointsTest, Partitions) {
  const std::pair<std::string, std::string> cases[] = {
      {"us-east-1", "aws"},
      {"eu-central-2", "aws"},
      {"cn-north-1", "aws-cn"},
      {"us-gov-west-1", "aws-us-gov"},
      {"us-iso-east-1", "aws-iso"},
      {"us-isob-east-1", "aws-iso-b"},
      {"eu-isoe-west-1", "aws-iso-e"},
      {"us-isof-south-1", "aws-iso-f"},
      {"eusc-de-east-1", "aws-eusc"},
      {"aws-global", "aws"},
      {"aws-cn-global", "aws-cn"},
      {"aws-us-gov-global", "aws-us-gov"},
      {"local", "aws"},
  };
  for (const auto& [region, partition] : cases) {
    EXPECT_EQ(PartitionOfRegion(region).name, partition) << region;
  }
  EXPECT_EQ(PartitionOfRegion("cn-north-1").dns_suffix, "amazonaws.com.cn");
  EXPECT_EQ(PartitionOfRegion("us-iso-east-1").dns_suffix, "c2s.ic.gov");
  EXPECT_EQ(PartitionOfRegion("us-isob-east-1").dns_suffix, "sc2s.sgov.gov");
}

TEST(EndpointsTest, ServiceNamesForOverrides) {
  EXPECT_EQ(ServiceEnvironmentSuffix("Elastic Load Balancing v2"), "ELASTIC_LOAD_BALANCING_V2");
  EXPECT_EQ(ServiceEnvironmentSuffix("Route 53"), "ROUTE_53");
  EXPECT_EQ(ServiceEnvironmentSuffix("S3"), "S3");
  EXPECT_EQ(ServiceConfigKey("Elastic Load Balancing v2"), "elastic_load_balancing_v2");
  EXPECT_EQ(ServiceConfigKey("Secrets Manager"), "secrets_manager");
}

struct OverrideCase {
  std::string name;
  std::string flag;
  std::map<std::string, std::string> environment;
  ConfiguredEndpoints config;
  std::string url;  // empty: AWS's default
  std::string source;
};

TEST(EndpointsTest, OverridePrecedence) {
  const std::string kService = "AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2";
  ConfiguredEndpoints full_config;
  full_config.service_endpoint_url = "http://config-service:1";
  full_config.profile_endpoint_url = "http://config-profile:1";
  ConfiguredEndpoints profile_only;
  profile_only.profile_endpoint_url = "http://config-profile:1";
  ConfiguredEndpoints ignoring = full_config;
  ignoring.ignore_configured_endpoint_urls = true;
  const std::map<std::string, std::string> both_variables = {
      {kService, "http://env-service:1"}, {"AWS_ENDPOINT_URL", "http://env-global:1"}};
  std::map<std::string, std::string> ignore_variables = both_variables;
  ignore_variables["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "TRUE";
  std::map<std::string, std::string> unignore_variables = both_variables;
  unignore_variables["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "false";

  const OverrideCase cases[] = {
      {"flag wins over everything", "http://flag:1/", both_variables, full_config, "http://flag:1",
       "--endpoint-url"},
      {"service variable next", "", both_variables, full_config, "http://env-service:1", kService},
      {"services section next",
       "",
       {{"AWS_ENDPOINT_URL", "http://env-global:1"}},
       full_config,
       "http://config-service:1",
       "services section of the config file (elastic_load_balancing_v2)"},
      {"global variable next",
       "",
       {{"AWS_ENDPOINT_URL", "http://env-global:1"}},
       profile_only,
       "http://env-global:1",
       "AWS_ENDPOINT_URL"},
      {"profile endpoint_url last",
       "",
       {},
       profile_only,
       "http://config-profile:1",
       "endpoint_url of the config profile"},
      {"empty values are unset", "", {{kService, ""}, {"AWS_ENDPOINT_URL", ""}}, {}, "", "default"},
      {"ignore variable skips configured URLs", "", ignore_variables, full_config, "", "default"},
      {"ignore variable keeps the flag", "http://flag:1", ignore_variables, full_config,
       "http://flag:1", "--endpoint-url"},
      {"ignore in the config file", "", both_variables, ignoring, "", "default"},
      {"the variable overrides the config's ignore", "", unignore_variables, ignoring,
       "http://env-service:1", kService},
      {"another service's variable does not apply",
       "",
       {{"AWS_ENDPOINT_URL_S3", "http://s3:1"}},
       {},
       "",
       "default"},
  };
  for (const OverrideCase& test : cases) {
    SCOPED_TRACE(test.name);
    EndpointOverrides overrides;
    overrides.endpoint_url = test.flag;
    overrides.config = test.config;
    Result<Endpoint> endpoint = ResolveEndpoint(Services().at("elbv2"), "eu-west-1", overrides,
                                                MapEnvironment(test.environment));
    ASSERT_TRUE(endpoint.ok()) << endpoint.status().ToString();
    EXPECT_EQ(endpoint->url,
              test.url.empty() ? "https://elasticloadbalancing.eu-west-1.amazonaws.com" : test.url);
    EXPECT_EQ(endpoint->custom, !test.url.empty());
    EXPECT_EQ(endpoint->source, test.source);
    EXPECT_EQ(endpoint->signing_region, "eu-west-1");
    EXPECT_EQ(endpoint->signing_name, "elasticloadbalancing");
  }
}

TEST(EndpointsTest, CustomEndpointSigningRegion) {
  MapEnvironment moto({{"AWS_ENDPOINT_URL", "http://127.0.0.1:5000"}});
  // Global services keep the partition's global region; others sign for the region asked.
  EXPECT_EQ(ResolveEndpoint(Services().at("iam"), "eu-west-1", {}, moto)->signing_region,
            "us-east-1");
  EXPECT_EQ(ResolveEndpoint(Services().at("route53"), "cn-north-1", {}, moto)->signing_region,
            "cn-northwest-1");
  EXPECT_EQ(ResolveEndpoint(Services().at("ec2"), "eu-west-1", {}, moto)->signing_region,
            "eu-west-1");
  // A local emulator needs no region: calls are signed as us-east-1.
  Result<Endpoint> no_region = ResolveEndpoint(Services().at("ec2"), "", {}, moto);
  ASSERT_TRUE(no_region.ok()) << no_region.status().ToString();
  EXPECT_EQ(no_region->url, "http://127.0.0.1:5000");
  EXPECT_EQ(no_region->signing_region, "us-east-1");
}

TEST(EndpointsTest, BadInputs) {
  MapEnvironment none;
  Result<Endpoint> missing = ResolveEndpoint(Services().at("ec2"), "", {}, none);
  EXPECT_EQ(missing.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(missing.status().message(), HasSubstr("AWS_REGION"));
  EXPECT_EQ(ResolveEndpoint(Services().at("ec2"), "eu-west-1.evil.com/", {}, none).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(ResolveEndpoint(Services().at("ec2"), "-us-east-1", {}, none).status().code(),
            StatusCode::kInvalidArgument);
  const std::string bad_urls[] = {"localhost:5000", "ftp://x", "http://", "http:///path",
                                  "http://has space"};
  for (const std::string& url : bad_urls) {
    EndpointOverrides overrides;
    overrides.endpoint_url = url;
    Result<Endpoint> endpoint = ResolveEndpoint(Services().at("s3"), "us-east-1", overrides, none);
    EXPECT_EQ(endpoint.status().code(), StatusCode::kInvalidArgument) << url;
    EXPECT_THAT(endpoint.status().message(), HasSubstr("--endpoint-url")) << url;
  }
  Result<Endpoint> from_variable = ResolveEndpoint(
      Services().at("s3"), "us-east-1", {}, MapEnvironment({{"AWS_ENDPOINT_URL_S3", "s3.local"}}));
  EXPECT_THAT(from_variable.status().message(), HasSubstr("AWS_ENDPOINT_URL_S3"));
}

TEST(EndpointsTest, VirtualHostableBuckets) {
  EXPECT_TRUE(IsVirtualHostableBucket("vueocity-prod-assets"));
  EXPECT_TRUE(IsVirtualHostableBucket("abc"));
  EXPECT_TRUE(IsVirtualHostableBucket("1-2"));
  EXPECT_TRUE(IsVirtualHostableBucket(std::string(63, 'a')));
  EXPECT_FALSE(IsVirtualHostableBucket(std::string(64, 'a')));
  EXPECT_FALSE(IsVirtualHostableBucket("ab"));
  EXPECT_FALSE(IsVirtualHostableBucket("www.vueocity.com"));
  EXPECT_FALSE(IsVirtualHostableBucket("Uppercase"));
  EXPECT_FALSE(IsVirtualHostableBucket("under_score"));
  EXPECT_FALSE(IsVirtualHostableBucket("-leading"));
  EXPECT_FALSE(IsVirtualHostableBucket("trailing-"));
}

TEST(EndpointsTest, S3Addressing) {
  MapEnvironment none;
  Endpoint east = *ResolveEndpoint(Services().at("s3"), "us-east-1", {}, none);
  Endpoint west = *ResolveEndpoint(Services().at("s3"), "eu-west-1", {}, none);
  EXPECT_EQ(*S3BucketUrl(east, "assets"), "https://assets.s3.amazonaws.com");
  EXPECT_EQ(*S3BucketUrl(west, "assets"), "https://assets.s3.eu-west-1.amazonaws.com");
  EXPECT_EQ(*S3BucketUrl(west, "www.vueocity.com"),
            "https://s3.eu-west-1.amazonaws.com/www.vueocity.com");
  EXPECT_EQ(*S3BucketUrl(west, "Legacy_Bucket"),
            "https://s3.eu-west-1.amazonaws.com/Legacy_Bucket");
  EXPECT_EQ(*S3BucketUrl(west, "assets", S3AddressingStyle::kPath),
            "https://s3.eu-west-1.amazonaws.com/assets");
  EXPECT_EQ(*S3BucketUrl(west, "assets", S3AddressingStyle::kVirtual),
            "https://assets.s3.eu-west-1.amazonaws.com");
  EXPECT_EQ(S3BucketUrl(west, "a.b.c", S3AddressingStyle::kVirtual).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(S3BucketUrl(west, "").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(S3BucketUrl(west, "a/b").status().code(), StatusCode::kInvalidArgument);

  EndpointOverrides moto;
  moto.endpoint_url = "http://127.0.0.1:5000/";
  Endpoint local = *ResolveEndpoint(Services().at("s3"), "eu-west-1", moto, none);
  EXPECT_EQ(*S3BucketUrl(local, "assets"), "http://127.0.0.1:5000/assets");
  EndpointOverrides internal;
  internal.endpoint_url = "https://s3.internal.example:8443";
  Endpoint forced = *ResolveEndpoint(Services().at("s3"), "eu-west-1", internal, none);
  EXPECT_EQ(*S3BucketUrl(forced, "assets"), "https://s3.internal.example:8443/assets");
  EXPECT_EQ(*S3BucketUrl(forced, "assets", S3AddressingStyle::kVirtual),
            "https://assets.s3.internal.example:8443");
}

}  // namespace
}  // namespace vueops::client

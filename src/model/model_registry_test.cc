#include "model/model_registry.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>

namespace vueops::model {
namespace {

// The services issue 3 lists; each must be embedded.
const char* const kRequiredServices[] = {
    "sts",         "iam",     "organizations", "ec2", "autoscaling",    "elbv2", "rds",
    "elasticache", "s3",      "cloudfront",    "acm", "secretsmanager", "ses",   "sesv2",
    "sns",         "route53", "dynamodb"};

std::set<std::string_view> LoadedServices() {
  std::set<std::string_view> loaded;
  for (std::string_view name : EmbeddedServiceNames()) {
    if (ServiceModelLoaded(name)) loaded.insert(name);
  }
  return loaded;
}

TEST(ModelRegistryTest, EmbedsEveryServiceVueopsUses) {
  std::vector<std::string_view> names = EmbeddedServiceNames();
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  for (const char* service : kRequiredServices) {
    EXPECT_NE(std::find(names.begin(), names.end(), service), names.end()) << service;
    EXPECT_FALSE(EmbeddedApiVersion(service).empty()) << service;
  }
  EXPECT_EQ(EmbeddedApiVersion("ec2"), "2016-11-15");
  EXPECT_EQ(EmbeddedApiVersion("nope"), "");
}

TEST(ModelRegistryTest, LoadsOnlyTheServiceAskedFor) {
  std::set<std::string_view> before = LoadedServices();
  const ServiceModel* sts = LoadServiceModel("sts").value();
  std::set<std::string_view> after = LoadedServices();
  before.insert("sts");
  EXPECT_EQ(after, before);  // nothing but STS was decoded
  EXPECT_TRUE(ServiceModelLoaded("sts"));
  EXPECT_EQ(LoadServiceModel("sts").value(), sts);  // cached

  EXPECT_EQ(sts->metadata().protocol, Protocol::kQuery);
  const Operation* whoami = sts->GetOperation("get-caller-identity").value();
  EXPECT_EQ(whoami->name, "GetCallerIdentity");
  EXPECT_TRUE(whoami->output.traits.result_wrapper == "GetCallerIdentityResult");
}

TEST(ModelRegistryTest, BuildsEachModelOnceAcrossThreads) {
  std::vector<const ServiceModel*> seen(4, nullptr);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < seen.size(); ++i) {
    threads.emplace_back([&seen, i] { seen[i] = LoadServiceModel("ec2").value(); });
  }
  for (std::thread& thread : threads) thread.join();
  for (const ServiceModel* model : seen) EXPECT_EQ(model, seen[0]);
}

TEST(ModelRegistryTest, EveryEmbeddedModelIsUsable) {
  struct Expectation {
    const char* service;
    Protocol protocol;
    const char* operation;
  };
  const Expectation expectations[] = {
      {"sts", Protocol::kQuery, "AssumeRole"},
      {"iam", Protocol::kQuery, "CreateRole"},
      {"organizations", Protocol::kJson, "CreateAccount"},
      {"ec2", Protocol::kEc2, "DescribeSecurityGroups"},
      {"autoscaling", Protocol::kQuery, "CreateAutoScalingGroup"},
      {"elbv2", Protocol::kQuery, "CreateLoadBalancer"},
      {"rds", Protocol::kQuery, "CreateDBInstance"},
      {"elasticache", Protocol::kQuery, "CreateReplicationGroup"},
      {"s3", Protocol::kRestXml, "PutBucketVersioning"},
      {"cloudfront", Protocol::kRestXml, "CreateDistribution"},
      {"acm", Protocol::kJson, "RequestCertificate"},
      {"secretsmanager", Protocol::kJson, "CreateSecret"},
      {"ses", Protocol::kQuery, "VerifyDomainIdentity"},
      {"sesv2", Protocol::kRestJson, "CreateEmailIdentity"},
      {"sns", Protocol::kQuery, "CreateTopic"},
      {"route53", Protocol::kRestXml, "ChangeResourceRecordSets"},
      {"dynamodb", Protocol::kJson, "PutItem"},
  };
  for (const Expectation& e : expectations) {
    SCOPED_TRACE(e.service);
    Result<const ServiceModel*> model = LoadServiceModel(e.service);
    ASSERT_TRUE(model.ok()) << model.status().ToString();
    EXPECT_EQ((*model)->metadata().protocol, e.protocol);
    EXPECT_NE((*model)->FindOperation(e.operation), nullptr);
    EXPECT_FALSE((*model)->metadata().api_version.empty());
    for (const Operation& op : (*model)->operations()) {
      EXPECT_EQ((*model)->FindOperation(op.cli_name), &op);
    }
  }
}

TEST(ModelRegistryTest, CarriesPaginatorsWaitersAndSdkExtras) {
  const ServiceModel* ec2 = LoadServiceModel("ec2").value();
  const PaginatorConfig* groups = ec2->FindPaginator("DescribeSecurityGroups");
  ASSERT_NE(groups, nullptr);
  EXPECT_EQ(groups->input_tokens, (std::vector<std::string>{"NextToken"}));
  EXPECT_EQ(groups->result_keys.at(0).text(), "SecurityGroups");
  const WaiterConfig* running = ec2->GetWaiter("instance-running").value();
  EXPECT_EQ(running->operation, "DescribeInstances");

  // s3's service-2.sdk-extras.json adds an "Expires" shape; paginators-1.sdk-extras.json
  // adds non-aggregate keys.
  const ServiceModel* s3 = LoadServiceModel("s3").value();
  EXPECT_NE(s3->FindShape("Expires"), nullptr);
  EXPECT_FALSE(s3->FindPaginator("ListObjectsV2")->non_aggregate_keys.empty());
  EXPECT_EQ(s3->metadata().checksum_format, "md5");
  const Operation* get = s3->FindOperation("GetObject");
  EXPECT_TRUE(get->output.shape->payload->traits.streaming);
  const ServiceModel* iam = LoadServiceModel("iam").value();
  EXPECT_EQ(iam->metadata().global_endpoint, "iam.amazonaws.com");
}

TEST(ModelRegistryTest, UnknownServiceSuggestsTheClosestName) {
  Result<const ServiceModel*> result = LoadServiceModel("ec3");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(result.status().message(), "no service 'ec3'; did you mean 'ec2'?");
}

}  // namespace
}  // namespace vueops::model

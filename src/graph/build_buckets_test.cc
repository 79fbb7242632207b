#include <gtest/gtest.h>

#include <map>

#include "graph/build.h"
#include "graph/pass_test_support.h"
#include "resources/desired.h"
#include "resources/resource_type.h"
#include "spec/loader.h"

namespace vueops::graph {
namespace {

using resources::DesiredResource;
using resources::Join;
using resources::Reference;

Result<std::map<std::string, DesiredResource>> Build(const spec::Stack& stack) {
  return BuildWith(stack, BuildBuckets);
}

class BuildBucketsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    stack_ = ExampleStack();
    Rebuild();
  }

  void Rebuild() {
    Result<std::map<std::string, DesiredResource>> built = Build(stack_);
    ASSERT_TRUE(built.ok()) << built.status().ToString();
    resources_ = std::move(*built);
  }

  const DesiredResource& At(const std::string& address) { return FindBuilt(resources_, address); }

  // The statement of `address`'s policy with `sid`, or null.
  Json Statement(const std::string& address, const std::string& sid) {
    for (const Json& statement : At(address).attributes["policy"]["Statement"]) {
      if (statement.value("Sid", "") == sid) return statement;
    }
    return Json();
  }

  spec::Stack stack_;
  std::map<std::string, DesiredResource> resources_;
};

TEST_F(BuildBucketsTest, EveryBucketAndItsSettingsLiveInTheEnvironmentsAccount) {
  for (const char* env : {"prod", "dev"}) {
    std::string account = std::string(env) == "prod" ? "vueprod" : "vuedev";
    for (const char* key : {"protected", "public", "public_protected", "logs"}) {
      std::string scope = std::string(env) + ".";
      const DesiredResource& bucket = At(scope + "bucket." + key);
      ASSERT_NE(bucket.type, nullptr);
      EXPECT_EQ(bucket.type->name(), "bucket");
      EXPECT_EQ(bucket.account, account);
      EXPECT_EQ(bucket.region, "us-west-2");
      std::string name = "vueocity-" + std::string(env) + "-" + key;
      std::replace(name.begin(), name.end(), '_', '-');
      EXPECT_EQ(bucket.attributes["name"], name);
      EXPECT_EQ(bucket.attributes["force_destroy"], false);
      EXPECT_TRUE(JsonEqualUnordered(bucket.attributes["tags"],
                                     Json{{"environment", env}, {"project", "vueocity"}}))
          << DumpJson(bucket.attributes["tags"]);
      EXPECT_EQ(bucket.depends_on, std::vector<std::string>{"org.account." + account});
      EXPECT_GT(bucket.source.line, 0);
      for (const char* setting :
           {"bucket_public_access_block", "bucket_ownership", "bucket_versioning",
            "bucket_encryption", "bucket_lifecycle", "bucket_policy"}) {
        const DesiredResource& resource = At(scope + setting + "." + key);
        ASSERT_NE(resource.type, nullptr) << setting;
        EXPECT_EQ(resource.type->name(), setting);
        EXPECT_EQ(resource.account, account);
        EXPECT_EQ(resource.attributes["bucket"], Reference(scope + "bucket." + key)) << setting;
      }
    }
  }
  EXPECT_EQ(At("prod.bucket_public_access_block.public").attributes,
            (Json{{"bucket", Reference("prod.bucket.public")},
                  {"block_public_acls", true},
                  {"ignore_public_acls", true},
                  {"block_public_policy", true},
                  {"restrict_public_buckets", true}}));
  EXPECT_EQ(At("prod.bucket_versioning.public").attributes["mfa_delete"], false);
  EXPECT_EQ(At("prod.bucket_encryption.public").attributes,
            (Json{{"bucket", Reference("prod.bucket.public")},
                  {"sse_algorithm", "AES256"},
                  {"bucket_key_enabled", false}}));
}

TEST_F(BuildBucketsTest, OnlyTheBucketCloudFrontLogsIntoKeepsAcls) {
  EXPECT_EQ(At("prod.bucket_ownership.logs").attributes["object_ownership"],
            "BucketOwnerPreferred");
  EXPECT_EQ(At("prod.bucket_ownership.public").attributes["object_ownership"],
            "BucketOwnerEnforced");
  EXPECT_EQ(At("prod.bucket_ownership.protected-backup").attributes["object_ownership"],
            "BucketOwnerEnforced");
}

TEST_F(BuildBucketsTest, LifecycleRulesAreCanonicalAndSortedById) {
  EXPECT_EQ(At("prod.bucket_lifecycle.protected").attributes["rules"],
            (Json{{{"id", "abort-incomplete-uploads"}, {"abort_incomplete_upload_days", 7}},
                  {{"id", "noncurrent-versions"},
                   {"noncurrent_transition_days", 30},
                   {"noncurrent_storage_class", "GLACIER_IR"},
                   {"noncurrent_expiration_days", 365}}}));
  EXPECT_EQ(At("dev.bucket_lifecycle.logs").attributes["rules"],
            (Json{{{"id", "abort-incomplete-uploads"}, {"abort_incomplete_upload_days", 7}},
                  {{"id", "expire-current-versions"}, {"expiration_days", 365}},
                  {{"id", "noncurrent-versions"},
                   {"noncurrent_transition_days", 30},
                   {"noncurrent_storage_class", "GLACIER_IR"},
                   {"noncurrent_expiration_days", 90}}}));
}

TEST_F(BuildBucketsTest, UploadBucketsHaveCorsAndAcceleration) {
  EXPECT_EQ(At("prod.bucket_cors.public").attributes["rules"],
            (Json{{{"allowed_origins", {"https://vueocity.com", "https://*.vueocity.com"}},
                   {"allowed_methods", {"GET", "PUT", "POST", "HEAD"}},
                   {"allowed_headers", {"*"}},
                   {"expose_headers", {"ETag"}},
                   {"max_age_seconds", 3000}}}));
  EXPECT_EQ(At("dev.bucket_acceleration.protected").attributes,
            (Json{{"bucket", Reference("dev.bucket.protected")}}));
  EXPECT_EQ(resources_.count("prod.bucket_cors.public_protected"), 0u);
  EXPECT_EQ(resources_.count("prod.bucket_acceleration.public_protected"), 0u);
  EXPECT_EQ(resources_.count("prod.bucket_acceleration.logs"), 0u);
}

TEST_F(BuildBucketsTest, ServerAccessLogsGoToTheLogsBucketWhosePolicyComesFirst) {
  const DesiredResource& logging = At("prod.bucket_logging.public_protected");
  EXPECT_EQ(logging.attributes, (Json{{"bucket", Reference("prod.bucket.public_protected")},
                                      {"target_bucket", Reference("prod.bucket.logs")},
                                      {"target_prefix", "s3/vueocity-prod-public-protected/"}}));
  EXPECT_NE(
      std::find(logging.depends_on.begin(), logging.depends_on.end(), "prod.bucket_policy.logs"),
      logging.depends_on.end());
  EXPECT_EQ(resources_.count("prod.bucket_logging.logs"), 0u);

  // One statement per source bucket, each limited to its own prefix.
  Json server_logs = Statement("prod.bucket_policy.logs", "S3ServerAccessLogsPublicProtected");
  EXPECT_EQ(server_logs["Principal"], (Json{{"Service", "logging.s3.amazonaws.com"}}));
  EXPECT_EQ(server_logs["Resource"],
            Join({Reference("prod.bucket.logs", "arn"), "/s3/vueocity-prod-public-protected/*"}));
  EXPECT_EQ(server_logs["Condition"]["ArnLike"]["aws:SourceArn"],
            Reference("prod.bucket.public_protected", "arn"));
  EXPECT_FALSE(Statement("prod.bucket_policy.logs", "S3ServerAccessLogsProtected").is_null());
  EXPECT_FALSE(Statement("prod.bucket_policy.logs", "S3ServerAccessLogsPublic").is_null());
  EXPECT_EQ(server_logs["Condition"]["StringEquals"]["aws:SourceAccount"],
            Reference("org.account.vueprod"));
}

TEST_F(BuildBucketsTest, LogsBucketPolicyLetsTheLoadBalancerAndFlowLogsWrite) {
  // us-west-2 predates August 2022: its Elastic Load Balancing account writes.
  Json balancer = Statement("prod.bucket_policy.logs", "LoadBalancerAccessLogs");
  EXPECT_EQ(balancer["Principal"], (Json{{"AWS", "arn:aws:iam::797873946194:root"}}));
  EXPECT_EQ(balancer["Resource"], Join({Reference("prod.bucket.logs", "arn"), "/alb/AWSLogs/",
                                        Reference("org.account.vueprod"), "/*"}));
  Json flow_logs = Statement("dev.bucket_policy.logs", "FlowLogsWrite");
  EXPECT_EQ(flow_logs["Principal"], (Json{{"Service", "delivery.logs.amazonaws.com"}}));
  EXPECT_EQ(flow_logs["Condition"]["StringEquals"]["s3:x-amz-acl"], "bucket-owner-full-control");
  EXPECT_FALSE(Statement("dev.bucket_policy.logs", "FlowLogsAclCheck").is_null());
  // Data buckets take no log delivery.
  EXPECT_TRUE(Statement("prod.bucket_policy.public", "LoadBalancerAccessLogs").is_null());

  // A Region opened later: the log delivery service principal.
  for (spec::Environment& env : stack_.environments) env.region = "ap-southeast-3";
  Rebuild();
  EXPECT_EQ(Statement("prod.bucket_policy.logs", "LoadBalancerAccessLogs")["Principal"],
            (Json{{"Service", "logdelivery.elasticloadbalancing.amazonaws.com"}}));
}

TEST_F(BuildBucketsTest, PoliciesLetOnlyTheDistributionsThatUseTheBucketRead) {
  // The public bucket serves both distributions (the protected one's mpf-root origin).
  Json public_read = Statement("prod.bucket_policy.public", "CloudFrontRead");
  EXPECT_EQ(public_read["Principal"], (Json{{"Service", "cloudfront.amazonaws.com"}}));
  EXPECT_EQ(public_read["Action"], "s3:GetObject");
  EXPECT_EQ(public_read["Resource"], Join({Reference("prod.bucket.public", "arn"), "/*"}));
  EXPECT_EQ(public_read["Condition"]["StringEquals"]["AWS:SourceArn"],
            (Json{Reference("prod.distribution.protected", "arn"),
                  Reference("prod.distribution.public", "arn")}));
  // One distribution: the ARN itself, as bucket_policy reads a one-element list back.
  EXPECT_EQ(Statement("prod.bucket_policy.protected",
                      "CloudFrontRead")["Condition"]["StringEquals"]["AWS:SourceArn"],
            Reference("prod.distribution.protected", "arn"));
  // The sandbox's uncached distribution reads the public bucket too.
  EXPECT_EQ(Statement("dev.bucket_policy.public",
                      "CloudFrontRead")["Condition"]["StringEquals"]["AWS:SourceArn"],
            (Json{Reference("dev.distribution.protected", "arn"),
                  Reference("dev.distribution.public", "arn"),
                  Reference("dev.distribution.uncached", "arn")}));
  // No distribution serves public_protected (the notes' FUTURE compatibility mode).
  EXPECT_TRUE(Statement("prod.bucket_policy.public_protected", "CloudFrontRead").is_null());
}

TEST_F(BuildBucketsTest, ServersReadThroughTheVpcEndpointAndPlainHttpIsDenied) {
  Json endpoint = Statement("prod.bucket_policy.protected", "VpcEndpointRead");
  EXPECT_EQ(endpoint["Condition"],
            (Json{{"StringEquals", {{"aws:SourceVpce", Reference("prod.vpc_endpoint.s3")}}}}));
  EXPECT_EQ(endpoint["Action"], (Json{"s3:GetObject", "s3:ListBucket"}));
  EXPECT_TRUE(Statement("prod.bucket_policy.logs", "VpcEndpointRead").is_null());

  const Json& statements = At("prod.bucket_policy.protected").attributes["policy"]["Statement"];
  const Json& deny = statements.back();
  EXPECT_EQ(deny["Sid"], "DenyInsecureTransport");
  EXPECT_EQ(deny["Effect"], "Deny");
  EXPECT_EQ(deny["Principal"], (Json{{"AWS", "*"}}));
  EXPECT_EQ(deny["Condition"], (Json{{"Bool", {{"aws:SecureTransport", "false"}}}}));

  // Without the endpoint and without require_tls, nothing of either.
  spec::Environment* prod = MutableEnv(stack_, "prod");
  ASSERT_NE(prod, nullptr);
  prod->network.s3_endpoint = false;
  for (spec::Bucket& bucket : prod->buckets) bucket.require_tls = false;
  Rebuild();
  EXPECT_TRUE(Statement("prod.bucket_policy.protected", "VpcEndpointRead").is_null());
  EXPECT_TRUE(Statement("prod.bucket_policy.protected", "DenyInsecureTransport").is_null());
  EXPECT_FALSE(Statement("prod.bucket_policy.protected", "CloudFrontRead").is_null());
  // public_protected has nothing left to say: no policy at all.
  EXPECT_EQ(resources_.count("prod.bucket_policy.public_protected"), 0u);
  EXPECT_FALSE(Statement("dev.bucket_policy.protected", "VpcEndpointRead").is_null());
}

TEST_F(BuildBucketsTest, DataBucketsReplicateIntoTheBackupAccount) {
  const DesiredResource& backup = At("prod.bucket.protected-backup");
  EXPECT_EQ(backup.account, "vueback");
  EXPECT_EQ(backup.region, "us-west-2");
  EXPECT_EQ(backup.attributes["name"], "vueocity-prod-protected-backup");
  EXPECT_EQ(backup.depends_on, std::vector<std::string>{"org.account.vueback"});
  for (const char* setting : {"bucket_public_access_block", "bucket_ownership", "bucket_versioning",
                              "bucket_encryption", "bucket_policy"}) {
    const DesiredResource& resource = At(std::string("prod.") + setting + ".protected-backup");
    EXPECT_EQ(resource.account, "vueback") << setting;
    EXPECT_EQ(resource.attributes["bucket"], Reference("prod.bucket.protected-backup"));
  }
  EXPECT_EQ(resources_.count("prod.bucket_lifecycle.protected-backup"), 0u);
  EXPECT_EQ(resources_.count("prod.bucket.logs-backup"), 0u);
  EXPECT_EQ(resources_.count("prod.bucket_replication.logs"), 0u);

  const DesiredResource& role = At("prod.iam_role.replication-public_protected");
  EXPECT_EQ(role.account, "vueprod");
  EXPECT_EQ(role.region, "");
  EXPECT_EQ(role.attributes["name"], "vueocity-prod-replication-public-protected");
  EXPECT_EQ(role.attributes["assume_role_policy"]["Statement"][0]["Principal"],
            (Json{{"Service", "s3.amazonaws.com"}}));
  EXPECT_EQ(role.attributes["inline_policy_names"], Json::array({"vueops-replication"}));
  const DesiredResource& policy =
      At("prod.iam_role_policy.replication-public_protected/vueops-replication");
  EXPECT_EQ(policy.account, "vueprod");
  const Json& permissions = policy.attributes["policy"]["Statement"];
  ASSERT_EQ(permissions.size(), 3u);
  EXPECT_EQ(permissions[2]["Resource"],
            Join({Reference("prod.bucket.public_protected-backup", "arn"), "/*"}));

  const DesiredResource& replication = At("prod.bucket_replication.public_protected");
  EXPECT_EQ(replication.account, "vueprod");
  EXPECT_EQ(replication.attributes,
            (Json{{"bucket", Reference("prod.bucket.public_protected")},
                  {"role", Reference("prod.iam_role.replication-public_protected", "arn")},
                  {"destination_bucket", Reference("prod.bucket.public_protected-backup", "arn")},
                  {"storage_class", "STANDARD_IA"},
                  {"delete_marker_replication", false}}));
  for (const char* dependency :
       {"prod.bucket_versioning.public_protected", "prod.bucket_versioning.public_protected-backup",
        "prod.bucket_policy.public_protected-backup",
        "prod.iam_role_policy.replication-public_protected/vueops-replication"}) {
    EXPECT_NE(std::find(replication.depends_on.begin(), replication.depends_on.end(), dependency),
              replication.depends_on.end())
        << dependency;
  }

  // The backup's policy lets exactly the replication role write, and never delete.
  Json objects = Statement("prod.bucket_policy.public_protected-backup", "ReplicationObjects");
  EXPECT_EQ(objects["Principal"],
            (Json{{"AWS", Reference("prod.iam_role.replication-public_protected", "arn")}}));
  EXPECT_EQ(objects["Action"], (Json{"s3:ReplicateObject", "s3:ReplicateTags"}));
  EXPECT_TRUE(Statement("prod.bucket_policy.public_protected-backup", "CloudFrontRead").is_null());
}

TEST_F(BuildBucketsTest, ReplicationOffMeansNoBackup) {
  spec::Environment* dev = MutableEnv(stack_, "dev");
  ASSERT_NE(dev, nullptr);
  for (spec::Bucket& bucket : dev->buckets) bucket.has_replication = false;
  Rebuild();
  EXPECT_EQ(resources_.count("dev.bucket.protected-backup"), 0u);
  EXPECT_EQ(resources_.count("dev.iam_role.replication-protected"), 0u);
  EXPECT_EQ(resources_.count("dev.bucket_replication.protected"), 0u);
  EXPECT_EQ(resources_.count("prod.bucket_replication.protected"), 1u);
}

}  // namespace
}  // namespace vueops::graph

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "graph/build.h"
#include "graph/pass_test_support.h"
#include "graph/graph.h"
#include "resources/desired.h"
#include "resources/resource_type.h"
#include "spec/loader.h"

namespace vueops::graph {
namespace {

using resources::DesiredResource;
using resources::Reference;

Result<std::map<std::string, DesiredResource>> Build(const spec::Stack& stack) {
  return BuildWith(stack, BuildCdn);
}

class BuildCdnTest : public ::testing::Test {
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

  const DesiredResource& At(const std::string& address) {
    return FindBuilt(resources_, address);
  }

  spec::Stack stack_;
  std::map<std::string, DesiredResource> resources_;
};

TEST_F(BuildCdnTest, OneOriginAccessControlPerBucketADistributionReads) {
  const DesiredResource& control = At("prod.origin_access_control.public");
  ASSERT_NE(control.type, nullptr);
  EXPECT_EQ(control.type->name(), "origin_access_control");
  EXPECT_EQ(control.account, "vueprod");
  EXPECT_EQ(control.region, "");
  EXPECT_EQ(control.attributes,
            (Json{{"name", "vueocity-prod-public"},
                  {"description", "CloudFront signs its requests to bucket vueocity-prod-public"},
                  {"origin_type", "s3"},
                  {"signing_behavior", "always"},
                  {"signing_protocol", "sigv4"}}));
  EXPECT_EQ(At("dev.origin_access_control.protected").account, "vuedev");
  EXPECT_EQ(resources_.count("prod.origin_access_control.public_protected"), 0u);
  EXPECT_EQ(resources_.count("prod.origin_access_control.logs"), 0u);

  // Shared: one for all, which every bucket origin names.
  MutableEnv(stack_, "prod")->cdn->origin_access_per_bucket = false;
  Rebuild();
  EXPECT_EQ(resources_.count("prod.origin_access_control.public"), 0u);
  EXPECT_EQ(At("prod.origin_access_control.all").attributes["name"], "vueocity-prod-all");
  for (const Json& origin : At("prod.distribution.protected").attributes["origins"]) {
    if (origin.contains("origin_access_control_id")) {
      EXPECT_EQ(origin["origin_access_control_id"], Reference("prod.origin_access_control.all"));
    }
  }
}

TEST_F(BuildCdnTest, TheKeyGroupTrustsTheSpecsPublicKey) {
  const DesiredResource& key = At("prod.cloudfront_public_key.signing");
  EXPECT_EQ(key.attributes["name"], "vueocity-prod-signing");
  std::string pem = key.attributes.value("encoded_key", "");
  EXPECT_EQ(pem.rfind("-----BEGIN PUBLIC KEY-----", 0), 0u);
  EXPECT_EQ(pem.back(), '-');  // trailing newlines trimmed, as CloudFront reads it back
  const DesiredResource& group = At("dev.cloudfront_key_group.signing");
  EXPECT_EQ(group.attributes["name"], "vueocity-dev-signing");
  EXPECT_EQ(group.attributes["public_key_ids"],
            Json::array({Reference("dev.cloudfront_public_key.signing")}));
}

TEST_F(BuildCdnTest, ThePublicDistributionFollowsTheNotes) {
  const DesiredResource& distribution = At("prod.distribution.public");
  ASSERT_NE(distribution.type, nullptr);
  EXPECT_EQ(distribution.type->name(), "distribution");
  EXPECT_EQ(distribution.account, "vueprod");
  EXPECT_EQ(distribution.region, "");
  EXPECT_GT(distribution.source.line, 0u);
  const Json& attributes = distribution.attributes;
  // The friendly name and the names Route53 fails over to, sorted.
  EXPECT_EQ(attributes["aliases"], (Json{"cdn.vueocity.com", "vueocity.com", "www.vueocity.com"}));
  EXPECT_EQ(attributes["viewer_certificate"],
            (Json{{"acm_certificate_arn", Reference("prod.certificate_validation.cdn", "arn")},
                  {"ssl_support_method", "sni-only"},
                  {"minimum_protocol_version", "TLSv1.2_2021"}}));
  EXPECT_EQ(attributes["logging"], (Json{{"bucket", Reference("prod.bucket.logs", "domain_name")},
                                         {"prefix", "cloudfront/public/"},
                                         {"include_cookies", false}}));
  EXPECT_EQ(attributes["origins"],
            (Json{{{"id", "bucket"},
                   {"domain_name", Reference("prod.bucket.public", "regional_domain_name")},
                   {"origin_path", ""},
                   {"origin_access_control_id", Reference("prod.origin_access_control.public")}},
                  {{"id", "elb"},
                   {"domain_name", Reference("prod.load_balancer.main", "dns_name")},
                   {"origin_path", ""},
                   {"protocol_policy", "https-only"},
                   {"http_port", 80},
                   {"https_port", 443},
                   {"ssl_protocols", {"TLSv1.2"}}},
                  {{"id", "mpf-root"},
                   {"domain_name", Reference("prod.bucket.public", "regional_domain_name")},
                   {"origin_path", "/_static"},
                   {"origin_access_control_id", Reference("prod.origin_access_control.public")}}}));
  // CORS uploads: OPTIONS allowed and cached, the CORS request headers forwarded.
  EXPECT_EQ(attributes["default_cache_behavior"],
            (Json{{"target_origin_id", "bucket"},
                  {"viewer_protocol_policy", "redirect-to-https"},
                  {"allowed_methods", {"GET", "HEAD", "OPTIONS"}},
                  {"cached_methods", {"GET", "HEAD", "OPTIONS"}},
                  {"compress", true},
                  {"query_string", false},
                  {"query_string_cache_keys", Json::array()},
                  {"cookies", "none"},
                  {"cookie_names", Json::array()},
                  {"headers",
                   {"access-control-request-headers", "access-control-request-method", "origin"}},
                  {"min_ttl", 0},
                  {"default_ttl", 86400},
                  {"max_ttl", 31536000},
                  {"trusted_key_groups", Json::array()}}));
  // /nh/* to the ELB, uncached, every query string and the session cookie; then mpf-root.
  const Json& behaviors = attributes["cache_behaviors"];
  ASSERT_EQ(behaviors.size(), 2u);
  EXPECT_EQ(behaviors[0]["path_pattern"], "/nh/*");
  EXPECT_EQ(behaviors[0]["target_origin_id"], "elb");
  EXPECT_EQ(behaviors[0]["viewer_protocol_policy"], "https-only");
  EXPECT_EQ(behaviors[0]["allowed_methods"],
            (Json{"DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"}));
  EXPECT_EQ(behaviors[0]["cached_methods"], (Json{"GET", "HEAD"}));
  EXPECT_EQ(behaviors[0]["query_string"], true);
  EXPECT_EQ(behaviors[0]["query_string_cache_keys"], Json::array());
  EXPECT_EQ(behaviors[0]["cookies"], "whitelist");
  EXPECT_EQ(behaviors[0]["cookie_names"], (Json{"vueocity*session"}));
  EXPECT_EQ(behaviors[0]["default_ttl"], 0);
  EXPECT_EQ(behaviors[0]["max_ttl"], 0);
  EXPECT_EQ(behaviors[1]["path_pattern"], "/mpf-root/*");
  EXPECT_EQ(behaviors[1]["target_origin_id"], "mpf-root");
  // 403 -> 404 and the maintenance page, sorted by error code.
  const Json& errors = attributes["custom_error_responses"];
  ASSERT_EQ(errors.size(), 5u);
  EXPECT_EQ(errors[0], (Json{{"error_code", 403},
                             {"response_code", 404},
                             {"response_page_path", "/mpf-root/404.html"},
                             {"error_caching_min_ttl", 10}}));
  EXPECT_EQ(errors[2]["error_code"], 502);
  EXPECT_EQ(errors[2]["response_page_path"], "/mpf-root/maintenance.html");
  // CloudFront logs through the logs bucket's ACL: its ownership comes first.
  EXPECT_NE(std::find(distribution.depends_on.begin(), distribution.depends_on.end(),
                      "prod.bucket_ownership.logs"),
            distribution.depends_on.end());
}

TEST_F(BuildCdnTest, ProtectedDownloadsAreSignedHttpsOnlyAndKeyedOnTheSession) {
  const Json& behavior = At("prod.distribution.protected").attributes["default_cache_behavior"];
  EXPECT_EQ(behavior["viewer_protocol_policy"], "https-only");
  EXPECT_EQ(behavior["trusted_key_groups"],
            Json::array({Reference("prod.cloudfront_key_group.signing")}));
  EXPECT_EQ(behavior["cookies"], "whitelist");
  EXPECT_EQ(behavior["cookie_names"], (Json{"vueocity*session"}));
  EXPECT_EQ(behavior["query_string"], true);
  EXPECT_EQ(behavior["query_string_cache_keys"], (Json{"response-content-disposition"}));
  const Json& origins = At("prod.distribution.protected").attributes["origins"];
  EXPECT_EQ(origins[0]["origin_access_control_id"],
            Reference("prod.origin_access_control.protected"));
  // The error files come from the public bucket.
  EXPECT_EQ(origins[2]["domain_name"], Reference("prod.bucket.public", "regional_domain_name"));
  EXPECT_EQ(At("prod.distribution.protected").attributes["aliases"], (Json{"files.vueocity.com"}));
}

TEST_F(BuildCdnTest, TheSandboxesUncachedEndpointCachesNothing) {
  EXPECT_EQ(resources_.count("prod.distribution.uncached"), 0u);
  const Json& attributes = At("dev.distribution.uncached").attributes;
  EXPECT_EQ(attributes["aliases"], (Json{"js.dev.vueocity.com"}));
  EXPECT_EQ(attributes["default_cache_behavior"]["default_ttl"], 0);
  EXPECT_EQ(attributes["default_cache_behavior"]["max_ttl"], 0);
  EXPECT_EQ(attributes["cache_behaviors"], Json::array());
  EXPECT_EQ(attributes["custom_error_responses"], Json::array());
  EXPECT_EQ(attributes["origins"].size(), 1u);
}

TEST_F(BuildCdnTest, WithoutACertificateCloudFrontsOwnServes) {
  spec::Environment* dev = MutableEnv(stack_, "dev");
  for (spec::Distribution& distribution : dev->cdn->distributions) {
    distribution.certificate.clear();
    distribution.logging_bucket.clear();
  }
  Rebuild();
  const DesiredResource& distribution = At("dev.distribution.public");
  EXPECT_EQ(distribution.attributes["viewer_certificate"],
            (Json{{"cloudfront_default_certificate", true}}));
  EXPECT_TRUE(distribution.attributes["logging"].is_null());
  EXPECT_EQ(std::find(distribution.depends_on.begin(), distribution.depends_on.end(),
                      "dev.bucket_ownership.logs"),
            distribution.depends_on.end());
}

TEST_F(BuildCdnTest, OriginAccessIdentityIsRefused) {
  MutableEnv(stack_, "dev")->cdn->origin_access = spec::OriginAccess::kIdentity;
  BuildOptions options;
  BuildContext context(stack_, options);
  for (const spec::Environment& env : stack_.environments) BuildCdn(context, env);
  Result<std::vector<DesiredResource>> built = context.Finish();
  ASSERT_FALSE(built.ok());
  EXPECT_NE(built.status().ToString().find("origin_access: identity"), std::string::npos);
}

// Every pass together: each reference in or into the S3 and CloudFront sections names a
// resource that exists, and the whole graph has no cycle (the bucket policy names the
// distributions, which name the buckets: the policy is a resource of its own).
TEST(BuildResourcesTest, TheS3AndCloudFrontSectionsResolveAndTheGraphIsAcyclic) {
  spec::Stack stack = ExampleStack();
  BuildOptions options;
  Result<std::vector<DesiredResource>> built = BuildResources(stack, options);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  std::set<std::string> addresses;
  for (const DesiredResource& resource : *built) {
    EXPECT_TRUE(addresses.insert(resource.address).second) << resource.address << " twice";
  }
  const std::set<std::string> sections = {"bucket",
                                          "bucket_public_access_block",
                                          "bucket_ownership",
                                          "bucket_versioning",
                                          "bucket_encryption",
                                          "bucket_lifecycle",
                                          "bucket_cors",
                                          "bucket_acceleration",
                                          "bucket_logging",
                                          "bucket_policy",
                                          "bucket_replication",
                                          "origin_access_control",
                                          "cloudfront_public_key",
                                          "cloudfront_key_group",
                                          "distribution"};
  auto in_sections = [&](const std::string& address) {
    Result<resources::AddressParts> parts = resources::ParseAddress(address);
    if (!parts.ok()) return false;
    return sections.count(parts->type) != 0 ||
           (parts->type == "iam_role" && parts->name.rfind("replication-", 0) == 0);
  };
  Graph graph;
  int checked = 0;
  for (const DesiredResource& resource : *built) {
    graph.AddNode(resource.address);
    std::set<std::string> dependencies;
    resources::CollectReferences(resource.attributes, &dependencies);
    dependencies.insert(resource.depends_on.begin(), resource.depends_on.end());
    for (const std::string& dependency : dependencies) {
      graph.AddEdge(dependency, resource.address);
      if (in_sections(resource.address) || in_sections(dependency)) {
        ++checked;
        EXPECT_EQ(addresses.count(dependency), 1u)
            << resource.address << " refers to " << dependency << ", which is not built";
      }
    }
  }
  EXPECT_GT(checked, 100);
  Status acyclic = graph.CheckAcyclic();
  EXPECT_TRUE(acyclic.ok()) << acyclic.ToString();
}

}  // namespace
}  // namespace vueops::graph

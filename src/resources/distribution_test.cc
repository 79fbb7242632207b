#include <gtest/gtest.h>

#include "resource_test_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

// moto (5.2) drops an origin's OriginAccessControlId: the tests leave it empty, and the
// protected distribution's OAC reaches AWS only.
class DistributionMotoTest : public test_support::ResourceMotoTest {
 protected:
  static Json Behavior(const std::string& origin) {
    return {
        {"target_origin_id", origin},
        {"viewer_protocol_policy", "redirect-to-https"},
        {"allowed_methods", {"GET", "HEAD", "OPTIONS"}},
        {"cached_methods", {"GET", "HEAD", "OPTIONS"}},
        {"compress", true},
        {"query_string", false},
        {"query_string_cache_keys", Json::array()},
        {"cookies", "none"},
        {"cookie_names", Json::array()},
        {"headers", {"access-control-request-headers", "access-control-request-method", "origin"}},
        {"min_ttl", 0},
        {"default_ttl", 86400},
        {"max_ttl", 31536000},
        {"trusted_key_groups", Json::array()}};
  }

  // The public distribution of the example, as build_cdn.cc writes it.
  static Json Public() {
    Json no_host = Behavior("elb");
    no_host["path_pattern"] = "/nh/*";
    no_host["viewer_protocol_policy"] = "https-only";
    no_host["allowed_methods"] = {"DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"};
    no_host["cached_methods"] = {"GET", "HEAD"};
    no_host["headers"] = Json::array();
    no_host["cookies"] = "whitelist";
    no_host["cookie_names"] = {"vueocity*session"};
    no_host["query_string"] = true;
    no_host["min_ttl"] = 0;
    no_host["default_ttl"] = 0;
    no_host["max_ttl"] = 0;
    return {
        {"comment", "Public files and the error page of last resort"},
        {"enabled", true},
        {"aliases", {"cdn.vueocity.com", "vueocity.com"}},
        {"price_class", "PriceClass_100"},
        {"http_version", "http2and3"},
        {"ipv6_enabled", true},
        {"default_root_object", ""},
        {"viewer_certificate",
         {{"acm_certificate_arn", "arn:aws:acm:us-east-1:123456789012:certificate/c1"},
          {"ssl_support_method", "sni-only"},
          {"minimum_protocol_version", "TLSv1.2_2021"}}},
        {"logging",
         {{"bucket", "vueocity-test-logs.s3.amazonaws.com"},
          {"prefix", "cloudfront/public/"},
          {"include_cookies", false}}},
        {"origins",
         {{{"id", "bucket"},
           {"domain_name", "vueocity-test-public.s3.us-west-2.amazonaws.com"},
           {"origin_path", ""},
           {"origin_access_control_id", ""}},
          {{"id", "elb"},
           {"domain_name", "vueocity-test-main-1.us-west-2.elb.amazonaws.com"},
           {"origin_path", ""},
           {"protocol_policy", "https-only"},
           {"http_port", 80},
           {"https_port", 443},
           {"ssl_protocols", {"TLSv1.2"}}}}},
        {"default_cache_behavior", Behavior("bucket")},
        {"cache_behaviors", {no_host}},
        {"custom_error_responses",
         {{{"error_code", 403},
           {"response_code", 404},
           {"response_page_path", "/mpf-root/404.html"},
           {"error_caching_min_ttl", 10}},
          {{"error_code", 503},
           {"response_code", 503},
           {"response_page_path", "/mpf-root/maintenance.html"},
           {"error_caching_min_ttl", 10}}}},
        {"tags", {{"environment", "test"}}},
    };
  }

  state::ResourceRecord Record(const Created& created) {
    state::ResourceRecord record;
    record.address = "test.distribution.public";
    record.type = "distribution";
    record.id = created.id;
    record.outputs = created.outputs;
    record.attributes = Public();
    return record;
  }
};

TEST_F(DistributionMotoTest, RoundTrip) {
  Created created = RoundTrip(Distribution(), "test.distribution.public", Public());
  EXPECT_EQ(created.outputs["zone_id"], "Z2FDTNDATAQYW2");
  EXPECT_NE(created.outputs.value("domain_name", "").find(".cloudfront.net"), std::string::npos);
}

TEST_F(DistributionMotoTest, UpdatesInPlaceAndReadsDrift) {
  ResourceContext context = Context("test.distribution.public");
  const ResourceType& type = Distribution();
  Result<Created> created = type.Create(context, Public(), "token-1");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  state::ResourceRecord record = Record(*created);
  ASSERT_TRUE(type.WaitReady(context, record).ok());

  // The notes' maintenance page of last resort: 502 joins the error pages; tags change.
  Json desired = Public();
  desired["custom_error_responses"].insert(
      desired["custom_error_responses"].begin() + 1,
      Json{{"error_code", 502},
           {"response_code", 503},
           {"response_page_path", "/mpf-root/maintenance.html"},
           {"error_caching_min_ttl", 10}});
  desired["tags"] = {{"environment", "test"}, {"team", "ops"}};
  Status updated = type.Update(context, record, desired, {"custom_error_responses", "tags"});
  ASSERT_TRUE(updated.ok()) << updated.ToString();
  Result<Json> read = type.Read(context, record);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  for (auto it = desired.begin(); it != desired.end(); ++it) {
    EXPECT_TRUE(JsonEqualUnordered((*read)[it.key()], it.value()))
        << it.key() << " reads back as " << DumpJson((*read)[it.key()]);
  }

  // The distribution switched off by hand in the console.
  Result<Json> current = client().Call("cloudfront", "GetDistributionConfig", {{"Id", record.id}});
  ASSERT_TRUE(current.ok());
  Json config = (*current)["DistributionConfig"];
  config["Enabled"] = false;
  ASSERT_TRUE(
      client()
          .Call(
              "cloudfront", "UpdateDistribution",
              {{"Id", record.id}, {"IfMatch", (*current)["ETag"]}, {"DistributionConfig", config}})
          .ok());
  read = type.Read(context, record);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ((*read)["enabled"], false);
  EXPECT_TRUE(
      JsonEqualUnordered((*read)["custom_error_responses"], desired["custom_error_responses"]));
  EXPECT_TRUE(type.Delete(context, record).ok());
}

TEST_F(DistributionMotoTest, ACreateRetriedWithItsTokenFindsTheFirstDistribution) {
  ResourceContext context = Context("test.distribution.public");
  Result<Created> first = Distribution().Create(context, Public(), "token-1");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  Result<Created> again = Distribution().Create(context, Public(), "token-1");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->id, first->id);
  Result<Json> list = client().Call("cloudfront", "ListDistributions", Json::object());
  ASSERT_TRUE(list.ok());
  EXPECT_EQ((*list)["DistributionList"]["Quantity"], 1);
}

}  // namespace
}  // namespace vueops::resources

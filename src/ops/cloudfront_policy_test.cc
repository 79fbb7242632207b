// The policy statements, the canned-or-custom choice, the grant checks and CloudFront's base64.
#include "ops/cloudfront_policy.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace vueops::ops {
namespace {

// A grant; tests spell out only what they vary.
CloudFrontGrant Grant(std::string resource, int64_t expires,
                      std::optional<int64_t> starts = std::nullopt, std::string ip = "") {
  CloudFrontGrant grant;
  grant.resource = std::move(resource);
  grant.date_less_than = expires;
  grant.date_greater_than = starts;
  grant.source_ip = std::move(ip);
  return grant;
}

using ::testing::HasSubstr;

constexpr const char* kUrl = "https://d111111abcdef8.cloudfront.net/image.jpg";
constexpr int64_t kNow = 1'700'000'000;

TEST(CloudFrontPolicyTest, CannedPolicyIsTheGuidesStatementWithoutWhitespace) {
  EXPECT_EQ(CannedPolicy(kUrl, 1357034400),
            "{\"Statement\":[{\"Resource\":\"https://d111111abcdef8.cloudfront.net/image.jpg\","
            "\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":1357034400}}}]}");
}

TEST(CloudFrontPolicyTest, CustomPolicyOrdersConditionsAsBotocore) {
  CloudFrontGrant grant = Grant(kUrl, 1357034400, 1357000000, "192.0.2.0/24");
  EXPECT_EQ(CustomPolicy(grant),
            "{\"Statement\":[{\"Resource\":\"https://d111111abcdef8.cloudfront.net/image.jpg\","
            "\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":1357034400},"
            "\"IpAddress\":{\"AWS:SourceIp\":\"192.0.2.0/24\"},"
            "\"DateGreaterThan\":{\"AWS:EpochTime\":1357000000}}}]}");
  // Only an expiry: the canned statement, in the custom form.
  EXPECT_EQ(CustomPolicy(Grant(kUrl, 1357034400)), CannedPolicy(kUrl, 1357034400));
}

TEST(CloudFrontPolicyTest, EscapesQuotesAndBackslashesAsJson) {
  EXPECT_THAT(CannedPolicy("https://x/a\"b\\c", 1), HasSubstr("\"https://x/a\\\"b\\\\c\""));
}

TEST(CloudFrontPolicyTest, CannedOnlyWhenAnExpiryAloneLimitsTheGrant) {
  EXPECT_FALSE(NeedsCustomPolicy(Grant(kUrl, 1)));
  EXPECT_TRUE(NeedsCustomPolicy(Grant(kUrl, 2, 1)));
  EXPECT_TRUE(NeedsCustomPolicy(Grant(kUrl, 1, std::nullopt, "1.2.3.4/32")));
  EXPECT_TRUE(NeedsCustomPolicy(Grant("https://d111111abcdef8.cloudfront.net/videos/*", 1)));
}

TEST(CloudFrontPolicyTest, CheckGrantWritesABareAddressAsASlash32) {
  Result<CloudFrontGrant> grant =
      CheckGrant(Grant(kUrl, kNow + 60, std::nullopt, "203.0.113.7"), kNow);
  ASSERT_TRUE(grant.ok()) << grant.status().ToString();
  EXPECT_EQ(grant->source_ip, "203.0.113.7/32");
}

TEST(CloudFrontPolicyTest, CheckGrantRefusesWhatCloudFrontWouldNotHonour) {
  auto message = [](CloudFrontGrant grant) { return CheckGrant(grant, kNow).status().message(); };
  EXPECT_THAT(message(Grant(kUrl, kNow)), HasSubstr("not in the future"));
  EXPECT_THAT(message(Grant(kUrl, kNow + 60, kNow + 60)), HasSubstr("not before the expiry"));
  EXPECT_THAT(message(Grant("d111111abcdef8.cloudfront.net/x", kNow + 60)),
              HasSubstr("not an http:// or https:// URL"));
  EXPECT_THAT(message(Grant("https://x/a b", kNow + 60)), HasSubstr("percent-encode"));
  EXPECT_THAT(message(Grant("https://x/caf\xc3\xa9", kNow + 60)), HasSubstr("percent-encode"));
  EXPECT_THAT(message(Grant("https://x/a#top", kNow + 60)), HasSubstr("fragment"));
  EXPECT_THAT(message(Grant("https://x/a?b=1&Signature=abc", kNow + 60)),
              HasSubstr("already has CloudFront's 'Signature' parameter"));
  EXPECT_THAT(message(Grant(kUrl, kNow + 60, std::nullopt, "2001:db8::/32")), HasSubstr("IPv6"));
  EXPECT_THAT(message(Grant(kUrl, kNow + 60, std::nullopt, "300.1.1.1")), HasSubstr("source IP"));
  // A pattern's ? is a wildcard, not a query string.
  EXPECT_TRUE(CheckGrant(Grant("https://x/v?deo/*", kNow + 60), kNow).ok());
}

TEST(CloudFrontPolicyTest, Base64IsUrlSafeTheCloudFrontWay) {
  // 0xfb 0xff 0xbf encodes as "+/+/" in standard base64; one byte pads with "==".
  EXPECT_EQ(CloudFrontBase64("\xfb\xff\xbf"), "-~-~");
  EXPECT_EQ(CloudFrontBase64("a"), "YQ__");
  EXPECT_EQ(CloudFrontBase64("ab"), "YWI_");
  EXPECT_EQ(CloudFrontBase64(""), "");
}

}  // namespace
}  // namespace vueops::ops

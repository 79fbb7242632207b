#include "resources/bucket_setting_test_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class BucketPolicyMotoTest : public BucketSettingMotoTest {};

// The shape build_buckets.cc writes: OAC reads from two distributions, deny without TLS.
Json Policy(const std::string& bucket) {
  std::string arn = "arn:aws:s3:::" + bucket;
  return {{"bucket", bucket},
          {"policy",
           {{"Version", "2012-10-17"},
            {"Statement",
             {{{"Sid", "CloudFrontRead"},
               {"Effect", "Allow"},
               {"Principal", {{"Service", "cloudfront.amazonaws.com"}}},
               {"Action", "s3:GetObject"},
               {"Resource", arn + "/*"},
               {"Condition",
                {{"StringEquals",
                  {{"AWS:SourceArn",
                    {"arn:aws:cloudfront::123456789012:distribution/E1",
                     "arn:aws:cloudfront::123456789012:distribution/E2"}}}}}}},
              {{"Sid", "DenyInsecureTransport"},
               {"Effect", "Deny"},
               {"Principal", "*"},
               {"Action", "s3:*"},
               {"Resource", {arn, arn + "/*"}},
               {"Condition", {{"Bool", {{"aws:SecureTransport", "false"}}}}}}}}}}};
}

TEST_F(BucketPolicyMotoTest, RoundTrip) {
  MakeBucket("vueops-test-policy");
  RoundTrip(BucketPolicy(), "test.bucket_policy.data", Policy("vueops-test-policy"));
}

TEST_F(BucketPolicyMotoTest, UpdatesInPlaceAndReadsDriftInCanonicalForm) {
  MakeBucket("vueops-test-policy");
  ResourceContext context = Context("test.bucket_policy.data");
  const ResourceType& type = BucketPolicy();
  state::ResourceRecord record =
      Record(type, "test.bucket_policy.data", Policy("vueops-test-policy"));
  ASSERT_TRUE(type.Create(context, record.attributes, "t").ok());
  Json one = Policy("vueops-test-policy");
  one["policy"]["Statement"][0]["Condition"]["StringEquals"]["AWS:SourceArn"] =
      "arn:aws:cloudfront::123456789012:distribution/E1";
  ASSERT_TRUE(type.Update(context, record, one, {"policy"}).ok());
  EXPECT_TRUE(JsonEqualUnordered(ReadBack(type, context, record), one));
  // Written by hand with one-element lists: read back as the same policy, canonical.
  Json by_hand = one["policy"];
  by_hand["Statement"][0]["Action"] = Json::array({"s3:GetObject"});
  by_hand["Statement"][0]["Condition"]["StringEquals"]["AWS:SourceArn"] =
      Json::array({"arn:aws:cloudfront::123456789012:distribution/E9"});
  ASSERT_TRUE(client()
                  .Call("s3", "PutBucketPolicy",
                        {{"Bucket", "vueops-test-policy"}, {"Policy", DumpJson(by_hand)}})
                  .ok());
  Json read = ReadBack(type, context, record);
  EXPECT_EQ(read["policy"]["Statement"][0]["Action"], "s3:GetObject");
  EXPECT_EQ(read["policy"]["Statement"][0]["Condition"]["StringEquals"]["AWS:SourceArn"],
            "arn:aws:cloudfront::123456789012:distribution/E9");
}

}  // namespace
}  // namespace vueops::resources

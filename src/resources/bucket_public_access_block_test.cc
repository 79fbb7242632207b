#include "resources/bucket_setting_test_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class BucketPublicAccessBlockMotoTest : public BucketSettingMotoTest {};

Json AllBlocked(const std::string& bucket) {
  return {{"bucket", bucket},
          {"block_public_acls", true},
          {"ignore_public_acls", true},
          {"block_public_policy", true},
          {"restrict_public_buckets", true}};
}

TEST_F(BucketPublicAccessBlockMotoTest, RoundTrip) {
  MakeBucket("vueops-test-pab");
  RoundTrip(BucketPublicAccessBlock(), "test.bucket_public_access_block.data",
            AllBlocked("vueops-test-pab"));
}

TEST_F(BucketPublicAccessBlockMotoTest, UpdatesInPlaceAndReadsDrift) {
  MakeBucket("vueops-test-pab");
  ResourceContext context = Context("test.bucket_public_access_block.data");
  const ResourceType& type = BucketPublicAccessBlock();
  state::ResourceRecord record =
      Record(type, "test.bucket_public_access_block.data", AllBlocked("vueops-test-pab"));
  ASSERT_TRUE(type.Create(context, record.attributes, "t").ok());
  Json relaxed = AllBlocked("vueops-test-pab");
  relaxed["restrict_public_buckets"] = false;
  ASSERT_TRUE(type.Update(context, record, relaxed, {"restrict_public_buckets"}).ok());
  EXPECT_EQ(ReadBack(type, context, record), relaxed);
  // Turned off by hand in the console.
  ASSERT_TRUE(client()
                  .Call("s3", "PutPublicAccessBlock",
                        {{"Bucket", "vueops-test-pab"},
                         {"PublicAccessBlockConfiguration",
                          {{"BlockPublicAcls", false},
                           {"IgnorePublicAcls", false},
                           {"BlockPublicPolicy", false},
                           {"RestrictPublicBuckets", false}}}})
                  .ok());
  EXPECT_EQ(ReadBack(type, context, record)["block_public_policy"], false);
}

TEST_F(BucketPublicAccessBlockMotoTest, ReadsGoneWhenTheBucketIsGone) {
  ResourceContext context = Context("test.bucket_public_access_block.data");
  state::ResourceRecord record =
      Record(BucketPublicAccessBlock(), "test.x", AllBlocked("vueops-none"));
  EXPECT_EQ(BucketPublicAccessBlock().Read(context, record).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(BucketPublicAccessBlock().Delete(context, record).ok());
}

}  // namespace
}  // namespace vueops::resources

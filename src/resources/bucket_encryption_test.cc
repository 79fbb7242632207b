#include "resources/bucket_setting_test_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class BucketEncryptionMotoTest : public BucketSettingMotoTest {};

TEST_F(BucketEncryptionMotoTest, RoundTrip) {
  MakeBucket("vueops-test-encryption");
  RoundTrip(BucketEncryption(), "test.bucket_encryption.data",
            {{"bucket", "vueops-test-encryption"},
             {"sse_algorithm", "AES256"},
             {"bucket_key_enabled", false}});
}

TEST_F(BucketEncryptionMotoTest, UpdatesInPlaceAndReadsDrift) {
  MakeBucket("vueops-test-encryption");
  ResourceContext context = Context("test.bucket_encryption.data");
  const ResourceType& type = BucketEncryption();
  state::ResourceRecord record = Record(type, "test.bucket_encryption.data",
                                        {{"bucket", "vueops-test-encryption"},
                                         {"sse_algorithm", "AES256"},
                                         {"bucket_key_enabled", false}});
  ASSERT_TRUE(type.Create(context, record.attributes, "t").ok());
  Json kms = {{"bucket", "vueops-test-encryption"},
              {"sse_algorithm", "aws:kms"},
              {"bucket_key_enabled", true}};
  ASSERT_TRUE(type.Update(context, record, kms, {"sse_algorithm", "bucket_key_enabled"}).ok());
  EXPECT_EQ(ReadBack(type, context, record), kms);
  ASSERT_TRUE(
      client()
          .Call("s3", "PutBucketEncryption",
                {{"Bucket", "vueops-test-encryption"},
                 {"ServerSideEncryptionConfiguration",
                  {{"Rules",
                    {{{"ApplyServerSideEncryptionByDefault", {{"SSEAlgorithm", "AES256"}}}}}}}}})
          .ok());
  EXPECT_EQ(ReadBack(type, context, record)["sse_algorithm"], "AES256");
}

}  // namespace
}  // namespace vueops::resources

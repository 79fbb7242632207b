#include "resources/bucket_setting_test_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class BucketOwnershipMotoTest : public BucketSettingMotoTest {};

TEST_F(BucketOwnershipMotoTest, RoundTrip) {
  MakeBucket("vueops-test-ownership");
  RoundTrip(BucketOwnership(), "test.bucket_ownership.data",
            {{"bucket", "vueops-test-ownership"}, {"object_ownership", "BucketOwnerEnforced"}});
}

TEST_F(BucketOwnershipMotoTest, UpdatesInPlaceAndReadsDrift) {
  MakeBucket("vueops-test-ownership");
  ResourceContext context = Context("test.bucket_ownership.logs");
  const ResourceType& type = BucketOwnership();
  state::ResourceRecord record =
      Record(type, "test.bucket_ownership.logs",
             {{"bucket", "vueops-test-ownership"}, {"object_ownership", "BucketOwnerEnforced"}});
  ASSERT_TRUE(type.Create(context, record.attributes, "t").ok());
  // A bucket CloudFront logs into needs ACLs.
  Json preferred = {{"bucket", "vueops-test-ownership"},
                    {"object_ownership", "BucketOwnerPreferred"}};
  ASSERT_TRUE(type.Update(context, record, preferred, {"object_ownership"}).ok());
  EXPECT_EQ(ReadBack(type, context, record), preferred);
  ASSERT_TRUE(
      client()
          .Call("s3", "PutBucketOwnershipControls",
                {{"Bucket", "vueops-test-ownership"},
                 {"OwnershipControls", {{"Rules", {{{"ObjectOwnership", "ObjectWriter"}}}}}}})
          .ok());
  EXPECT_EQ(ReadBack(type, context, record)["object_ownership"], "ObjectWriter");
}

}  // namespace
}  // namespace vueops::resources

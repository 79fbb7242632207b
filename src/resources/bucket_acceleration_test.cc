#include "resources/bucket_setting_test_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class BucketAccelerationMotoTest : public BucketSettingMotoTest {};

TEST_F(BucketAccelerationMotoTest, RoundTrip) {
  MakeBucket("vueops-test-acceleration");
  RoundTrip(BucketAcceleration(), "test.bucket_acceleration.data",
            {{"bucket", "vueops-test-acceleration"}});
}

// Acceleration has nothing to change in place: on is the resource, suspended is its absence.
TEST_F(BucketAccelerationMotoTest, SuspendedByHandReadsAsGoneAndUpdateEnablesAgain) {
  MakeBucket("vueops-test-acceleration");
  ResourceContext context = Context("test.bucket_acceleration.data");
  const ResourceType& type = BucketAcceleration();
  state::ResourceRecord record =
      Record(type, "test.bucket_acceleration.data", {{"bucket", "vueops-test-acceleration"}});
  ASSERT_TRUE(type.Create(context, record.attributes, "t").ok());
  EXPECT_EQ(ReadBack(type, context, record), record.attributes);
  ASSERT_TRUE(client()
                  .Call("s3", "PutBucketAccelerateConfiguration",
                        {{"Bucket", "vueops-test-acceleration"},
                         {"AccelerateConfiguration", {{"Status", "Suspended"}}}})
                  .ok());
  EXPECT_EQ(type.Read(context, record).status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(type.Update(context, record, record.attributes, {}).ok());
  EXPECT_EQ(ReadBack(type, context, record), record.attributes);
}

}  // namespace
}  // namespace vueops::resources

#include "resources/bucket_setting_test_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class BucketLoggingMotoTest : public BucketSettingMotoTest {
 protected:
  void SetUp() override {
    BucketSettingMotoTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    MakeBucket("vueops-test-data");
    MakeBucket("vueops-test-logs");
    // moto, like S3 before Object Ownership, checks that the log delivery group may write.
    ASSERT_TRUE(client()
                    .Call("s3", "PutBucketAcl",
                          {{"Bucket", "vueops-test-logs"}, {"ACL", "log-delivery-write"}})
                    .ok());
  }
};

TEST_F(BucketLoggingMotoTest, RoundTrip) {
  RoundTrip(BucketLogging(), "test.bucket_logging.data",
            {{"bucket", "vueops-test-data"},
             {"target_bucket", "vueops-test-logs"},
             {"target_prefix", "s3/vueops-test-data/"}});
}

TEST_F(BucketLoggingMotoTest, UpdatesInPlaceAndReadsDrift) {
  ResourceContext context = Context("test.bucket_logging.data");
  const ResourceType& type = BucketLogging();
  state::ResourceRecord record = Record(type, "test.bucket_logging.data",
                                        {{"bucket", "vueops-test-data"},
                                         {"target_bucket", "vueops-test-logs"},
                                         {"target_prefix", "s3/vueops-test-data/"}});
  ASSERT_TRUE(type.Create(context, record.attributes, "t").ok());
  Json moved = record.attributes;
  moved["target_prefix"] = "access/";
  ASSERT_TRUE(type.Update(context, record, moved, {"target_prefix"}).ok());
  EXPECT_EQ(ReadBack(type, context, record), moved);
  // Logging turned off by hand reads as gone: the plan turns it on again.
  ASSERT_TRUE(client()
                  .Call("s3", "PutBucketLogging",
                        {{"Bucket", "vueops-test-data"}, {"BucketLoggingStatus", Json::object()}})
                  .ok());
  EXPECT_EQ(type.Read(context, record).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace vueops::resources

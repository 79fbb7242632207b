#include "resources/bucket_setting_test_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class BucketReplicationMotoTest : public BucketSettingMotoTest {
 protected:
  void SetUp() override {
    BucketSettingMotoTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    for (const char* bucket : {"vueops-test-source", "vueops-test-source-backup"}) {
      MakeBucket(bucket);
      ASSERT_TRUE(
          client()
              .Call("s3", "PutBucketVersioning",
                    {{"Bucket", bucket}, {"VersioningConfiguration", {{"Status", "Enabled"}}}})
              .ok());
    }
  }

  static Json Backup() {
    return {{"bucket", "vueops-test-source"},
            {"role", "arn:aws:iam::123456789012:role/vueocity-test-replication-data"},
            {"destination_bucket", "arn:aws:s3:::vueops-test-source-backup"},
            {"storage_class", "STANDARD_IA"},
            {"delete_marker_replication", false}};
  }
};

TEST_F(BucketReplicationMotoTest, RoundTrip) {
  RoundTrip(BucketReplication(), "test.bucket_replication.data", Backup());
}

TEST_F(BucketReplicationMotoTest, UpdatesInPlaceAndReadsDrift) {
  ResourceContext context = Context("test.bucket_replication.data");
  const ResourceType& type = BucketReplication();
  state::ResourceRecord record = Record(type, "test.bucket_replication.data", Backup());
  ASSERT_TRUE(type.Create(context, record.attributes, "t").ok());
  Json glacier = Backup();
  glacier["storage_class"] = "GLACIER_IR";
  ASSERT_TRUE(type.Update(context, record, glacier, {"storage_class"}).ok());
  EXPECT_EQ(ReadBack(type, context, record), glacier);
  // The rule disabled by hand.
  ASSERT_TRUE(client()
                  .Call("s3", "PutBucketReplication",
                        {{"Bucket", "vueops-test-source"},
                         {"ReplicationConfiguration",
                          {{"Role", Backup()["role"]},
                           {"Rules",
                            {{{"ID", "backup"},
                              {"Priority", 1},
                              {"Filter", {{"Prefix", ""}}},
                              {"Status", "Disabled"},
                              {"DeleteMarkerReplication", {{"Status", "Disabled"}}},
                              {"Destination", {{"Bucket", Backup()["destination_bucket"]}}}}}}}}})
                  .ok());
  Json read = ReadBack(type, context, record);
  EXPECT_EQ(read["status"], "Disabled");
  EXPECT_EQ(read["storage_class"], "STANDARD");
}

}  // namespace
}  // namespace vueops::resources

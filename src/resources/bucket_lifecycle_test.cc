#include "resources/bucket_setting_test_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class BucketLifecycleMotoTest : public BucketSettingMotoTest {};

// The rules build_buckets.cc writes for the notes' "transition old versions into lower cost
// storage and eventually permanently delete them".
Json OldVersions(const std::string& bucket) {
  return {{"bucket", bucket},
          {"rules",
           {{{"id", "abort-incomplete-uploads"}, {"abort_incomplete_upload_days", 7}},
            {{"id", "noncurrent-versions"},
             {"noncurrent_transition_days", 30},
             {"noncurrent_storage_class", "GLACIER_IR"},
             {"noncurrent_expiration_days", 365}}}}};
}

TEST_F(BucketLifecycleMotoTest, RoundTrip) {
  MakeBucket("vueops-test-lifecycle");
  RoundTrip(BucketLifecycle(), "test.bucket_lifecycle.data", OldVersions("vueops-test-lifecycle"));
}

TEST_F(BucketLifecycleMotoTest, UpdatesInPlaceAndReadsDrift) {
  MakeBucket("vueops-test-lifecycle");
  ResourceContext context = Context("test.bucket_lifecycle.data");
  const ResourceType& type = BucketLifecycle();
  state::ResourceRecord record =
      Record(type, "test.bucket_lifecycle.data", OldVersions("vueops-test-lifecycle"));
  ASSERT_TRUE(type.Create(context, record.attributes, "t").ok());
  Json logs = OldVersions("vueops-test-lifecycle");
  // Sorted by id: the new rule goes between the two.
  logs["rules"].insert(logs["rules"].begin() + 1,
                       Json{{"id", "expire-current-versions"}, {"expiration_days", 365}});
  logs["rules"][2]["noncurrent_expiration_days"] = 90;
  ASSERT_TRUE(type.Update(context, record, logs, {"rules"}).ok());
  EXPECT_EQ(ReadBack(type, context, record), logs);
  // A rule added by hand, with a prefix, shows in the rules (sorted by id).
  ASSERT_TRUE(client()
                  .Call("s3", "PutBucketLifecycleConfiguration",
                        {{"Bucket", "vueops-test-lifecycle"},
                         {"LifecycleConfiguration",
                          {{"Rules",
                            {{{"ID", "by-hand"},
                              {"Filter", {{"Prefix", "tmp/"}}},
                              {"Status", "Disabled"},
                              {"Expiration", {{"Days", 1}}}}}}}}})
                  .ok());
  EXPECT_EQ(ReadBack(type, context, record)["rules"], (Json{{{"id", "by-hand"},
                                                             {"status", "Disabled"},
                                                             {"prefix", "tmp/"},
                                                             {"expiration_days", 1}}}));
}

}  // namespace
}  // namespace vueops::resources

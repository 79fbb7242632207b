#include <gtest/gtest.h>

#include "resource_test_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class BucketMotoTest : public test_support::ResourceMotoTest {
 protected:
  state::ResourceRecord Record(const std::string& name, bool force_destroy) {
    state::ResourceRecord record;
    record.address = "test.bucket.data";
    record.type = "bucket";
    record.id = name;
    record.attributes = {
        {"name", name}, {"force_destroy", force_destroy}, {"tags", {{"environment", "test"}}}};
    return record;
  }

  void PutObject(const std::string& bucket, const std::string& key) {
    ASSERT_TRUE(
        client().Call("s3", "PutObject", {{"Bucket", bucket}, {"Key", key}, {"Body", "x"}}).ok());
  }
};

TEST_F(BucketMotoTest, RoundTrip) {
  Created created = RoundTrip(Bucket(), "test.bucket.data",
                              {{"name", "vueops-test-round-trip"},
                               {"force_destroy", false},
                               {"tags", {{"environment", "test"}}}});
  EXPECT_EQ(created.outputs["arn"], "arn:aws:s3:::vueops-test-round-trip");
  EXPECT_EQ(created.outputs["regional_domain_name"],
            "vueops-test-round-trip.s3.us-west-2.amazonaws.com");
}

TEST_F(BucketMotoTest, CreatesInTheClientsRegionWithTheAddressTag) {
  ResourceContext context = Context("test.bucket.data");
  ASSERT_TRUE(Bucket().Create(context, Record("vueops-test-region", false).attributes, "t").ok());
  Result<Json> location =
      client().Call("s3", "GetBucketLocation", {{"Bucket", "vueops-test-region"}});
  ASSERT_TRUE(location.ok()) << location.status().ToString();
  EXPECT_EQ((*location)["LocationConstraint"], "us-west-2");
  Result<Json> tags = client().Call("s3", "GetBucketTagging", {{"Bucket", "vueops-test-region"}});
  ASSERT_TRUE(tags.ok());
  EXPECT_NE(DumpJson(*tags).find("vueops:address"), std::string::npos) << DumpJson(*tags);
  // A create retried after a crash adopts the bucket it made.
  EXPECT_TRUE(Bucket().Create(context, Record("vueops-test-region", false).attributes, "t").ok());
}

TEST_F(BucketMotoTest, TagsUpdateInPlaceAndDriftReadsBack) {
  ResourceContext context = Context("test.bucket.data");
  state::ResourceRecord record = Record("vueops-test-tags", false);
  ASSERT_TRUE(Bucket().Create(context, record.attributes, "t").ok());
  ASSERT_TRUE(Bucket()
                  .Update(context, record,
                          {{"name", record.id},
                           {"force_destroy", false},
                           {"tags", {{"environment", "test"}, {"team", "ops"}}}},
                          {"tags"})
                  .ok());
  Result<Json> read = Bucket().Read(context, record);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ((*read)["tags"], (Json{{"environment", "test"}, {"team", "ops"}}));
  // A hand-made change (tags replaced in the console) shows as drift.
  ASSERT_TRUE(client()
                  .Call("s3", "PutBucketTagging",
                        {{"Bucket", record.id},
                         {"Tagging", {{"TagSet", {{{"Key", "owner"}, {"Value", "bob"}}}}}}})
                  .ok());
  read = Bucket().Read(context, record);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ((*read)["tags"], (Json{{"owner", "bob"}}));
  EXPECT_TRUE(Bucket().Delete(context, record).ok());
}

TEST_F(BucketMotoTest, DeleteEmptiesEveryVersionFirst) {
  // The planner's --allow-destroy guard (engine_test's StatefulObjectsNeedAllowDestroy) is the
  // consent; by the time Delete runs the objects are to go with the bucket.
  ResourceContext context = Context("test.bucket.data");
  state::ResourceRecord record = Record("vueops-test-full", false);
  ASSERT_TRUE(Bucket().Create(context, record.attributes, "t").ok());
  ASSERT_TRUE(
      client()
          .Call("s3", "PutBucketVersioning",
                {{"Bucket", record.id}, {"VersioningConfiguration", {{"Status", "Enabled"}}}})
          .ok());
  PutObject(record.id, "a.txt");
  PutObject(record.id, "a.txt");  // a second version
  ASSERT_TRUE(client().Call("s3", "DeleteObject", {{"Bucket", record.id}, {"Key", "a.txt"}}).ok());

  // force_destroy is state only: Read reports the recorded value.
  state::ResourceRecord forced = Record(record.id, true);
  Result<Json> read = Bucket().Read(context, forced);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ((*read)["force_destroy"], true);
  Status deleted = Bucket().Delete(context, record);
  EXPECT_TRUE(deleted.ok()) << deleted.ToString();
  EXPECT_EQ(Bucket().Read(context, record).status().code(), StatusCode::kNotFound);
}

TEST_F(BucketMotoTest, FindIgnoresBucketsThatDoNotExist) {
  ResourceContext context = Context("test.bucket.data");
  Result<std::optional<Found>> found =
      Bucket().Find(context, Record("vueops-test-absent", false).attributes, "t");
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_FALSE(found->has_value());
}

}  // namespace
}  // namespace vueops::resources

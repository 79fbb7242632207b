#include "resources/bucket_setting_test_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class BucketVersioningMotoTest : public BucketSettingMotoTest {};

TEST_F(BucketVersioningMotoTest, RoundTrip) {
  MakeBucket("vueops-test-versioning");
  RoundTrip(BucketVersioning(), "test.bucket_versioning.data",
            {{"bucket", "vueops-test-versioning"}, {"mfa_delete", false}});
}

TEST_F(BucketVersioningMotoTest, SuspendedByHandReadsAsGoneAndUpdateEnablesAgain) {
  MakeBucket("vueops-test-versioning");
  ResourceContext context = Context("test.bucket_versioning.data");
  const ResourceType& type = BucketVersioning();
  state::ResourceRecord record =
      Record(type, "test.bucket_versioning.data",
             {{"bucket", "vueops-test-versioning"}, {"mfa_delete", false}});
  ASSERT_TRUE(type.Create(context, record.attributes, "t").ok());
  ASSERT_TRUE(client()
                  .Call("s3", "PutBucketVersioning",
                        {{"Bucket", "vueops-test-versioning"},
                         {"VersioningConfiguration", {{"Status", "Suspended"}}}})
                  .ok());
  EXPECT_EQ(type.Read(context, record).status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(type.Update(context, record, record.attributes, {}).ok());
  EXPECT_EQ(ReadBack(type, context, record), record.attributes);
}

TEST_F(BucketVersioningMotoTest, MfaDeleteIsLeftToTheRootUserWithTheCommandToRun) {
  MakeBucket("vueops-test-versioning");
  ResourceContext context = Context("test.bucket_versioning.data");
  const ResourceType& type = BucketVersioning();
  Json desired = {{"bucket", "vueops-test-versioning"}, {"mfa_delete", true}};
  Result<Created> created = type.Create(context, desired, "t");
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(created.status().message().find(
                "aws s3api put-bucket-versioning --bucket vueops-test-versioning "
                "--versioning-configuration Status=Enabled,MFADelete=Enabled --mfa"),
            std::string::npos)
      << created.status().message();
  // Versioning itself is on, and the plan keeps showing MFA delete until root turns it on.
  state::ResourceRecord record = Record(type, "test.bucket_versioning.data", desired);
  EXPECT_EQ(ReadBack(type, context, record)["mfa_delete"], false);
}

}  // namespace
}  // namespace vueops::resources

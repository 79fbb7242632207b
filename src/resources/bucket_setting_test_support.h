// The fixture the bucket settings' moto tests share: a bucket to configure, and the state
// record the engine would hold for a setting.
#ifndef VUEOPS_RESOURCES_BUCKET_SETTING_TEST_SUPPORT_H_
#define VUEOPS_RESOURCES_BUCKET_SETTING_TEST_SUPPORT_H_

#include <gtest/gtest.h>

#include <string>

#include "resource_test_support.h"
#include "resources/resource_type.h"

namespace vueops::resources {

class BucketSettingMotoTest : public test_support::ResourceMotoTest {
 protected:
  // Creates the bucket `name` in the test region.
  void MakeBucket(const std::string& name) {
    Result<Json> created = client().Call(
        "s3", "CreateBucket",
        {{"Bucket", name}, {"CreateBucketConfiguration", {{"LocationConstraint", kTestRegion}}}});
    ASSERT_TRUE(created.ok()) << created.status().ToString();
  }

  // A record of `type` at `address` for `bucket`, with the attributes it was created with.
  static state::ResourceRecord Record(const ResourceType& type, const std::string& address,
                                      const Json& attributes) {
    state::ResourceRecord record;
    record.address = address;
    record.type = std::string(type.name());
    record.id = attributes.value("bucket", "");
    record.attributes = attributes;
    return record;
  }

  // Reads the setting, failing the test when it cannot be read.
  static Json ReadBack(const ResourceType& type, ResourceContext& context,
                       const state::ResourceRecord& record) {
    Result<Json> read = type.Read(context, record);
    EXPECT_TRUE(read.ok()) << read.status().ToString();
    return read.ok() ? *read : Json();
  }
};

}  // namespace vueops::resources

#endif  // VUEOPS_RESOURCES_BUCKET_SETTING_TEST_SUPPORT_H_

#include <gtest/gtest.h>

#include "resource_test_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class OriginAccessControlMotoTest : public test_support::ResourceMotoTest {
 protected:
  static Json Desired(const std::string& name) {
    return {{"name", name},
            {"description", "CloudFront reads bucket public"},
            {"origin_type", "s3"},
            {"signing_behavior", "always"},
            {"signing_protocol", "sigv4"}};
  }
};

TEST_F(OriginAccessControlMotoTest, RoundTrip) {
  RoundTrip(OriginAccessControl(), "test.origin_access_control.public",
            Desired("vueocity-test-public"));
}

TEST_F(OriginAccessControlMotoTest, UpdatesInPlaceReadsManyAndReadsDrift) {
  ResourceContext context = Context("test.origin_access_control.public");
  const ResourceType& type = OriginAccessControl();
  Result<Created> first = type.Create(context, Desired("vueocity-test-public"), "t1");
  Result<Created> second = type.Create(context, Desired("vueocity-test-protected"), "t2");
  ASSERT_TRUE(first.ok() && second.ok()) << first.status().ToString();
  state::ResourceRecord record;
  record.address = "test.origin_access_control.public";
  record.id = first->id;
  record.attributes = Desired("vueocity-test-public");
  Json described = Desired("vueocity-test-public");
  described["description"] = "CloudFront reads the public bucket";
  ASSERT_TRUE(type.Update(context, record, described, {"description"}).ok());

  state::ResourceRecord other = record;
  other.address = "test.origin_access_control.protected";
  other.id = second->id;
  state::ResourceRecord gone = record;
  gone.address = "test.origin_access_control.gone";
  gone.id = "E0000000000000";
  const state::ResourceRecord* all[] = {&record, &other, &gone};
  int calls_before = context.calls();
  std::vector<Result<Json>> read = type.ReadMany(context, all);
  EXPECT_EQ(context.calls() - calls_before, 1) << "one List call for all of them";
  ASSERT_EQ(read.size(), 3u);
  ASSERT_TRUE(read[0].ok());
  EXPECT_EQ(*read[0], described);
  ASSERT_TRUE(read[1].ok());
  EXPECT_EQ((*read[1])["name"], "vueocity-test-protected");
  EXPECT_EQ(read[2].status().code(), StatusCode::kNotFound);

  // Signing turned off by hand.
  Result<Json> current = client().Call("cloudfront", "GetOriginAccessControl", {{"Id", record.id}});
  ASSERT_TRUE(current.ok());
  Json config = (*current)["OriginAccessControl"]["OriginAccessControlConfig"];
  config["SigningBehavior"] = "never";
  ASSERT_TRUE(client()
                  .Call("cloudfront", "UpdateOriginAccessControl",
                        {{"Id", record.id},
                         {"IfMatch", (*current)["ETag"]},
                         {"OriginAccessControlConfig", config}})
                  .ok());
  Result<Json> drifted = type.Read(context, record);
  ASSERT_TRUE(drifted.ok());
  EXPECT_EQ((*drifted)["signing_behavior"], "never");
  EXPECT_TRUE(type.Delete(context, record).ok());
  EXPECT_TRUE(type.Delete(context, other).ok());
}

}  // namespace
}  // namespace vueops::resources

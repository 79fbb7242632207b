#include <gtest/gtest.h>

#include <algorithm>

#include "resource_test_support.h"
#include "resources/cloudfront_test_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

// moto (5.2) has neither UpdateKeyGroup nor DeleteKeyGroup, and keeps no comment on key
// groups: the in-place update (key rotation) and the delete are left untested here.
class CloudFrontKeyGroupMotoTest : public test_support::ResourceMotoTest {
 protected:
  std::string MakeKey(const std::string& name) {
    Result<Json> key = client().Call(
        "cloudfront", "CreatePublicKey",
        {{"PublicKeyConfig",
          {{"CallerReference", name}, {"Name", name}, {"EncodedKey", kTestPublicKey}}}});
    EXPECT_TRUE(key.ok()) << key.status().ToString();
    return key.ok() ? (*key)["PublicKey"].value("Id", "") : "";
  }
};

TEST_F(CloudFrontKeyGroupMotoTest, CreatesReadsManyAndFinds) {
  std::string first = MakeKey("vueocity-test-signing-1");
  std::string second = MakeKey("vueocity-test-signing-2");
  ResourceContext context = Context("test.cloudfront_key_group.signing");
  const ResourceType& type = CloudFrontKeyGroup();
  Json keys = Json::array({first, second});
  std::sort(keys.begin(), keys.end());
  Json desired = {{"name", "vueocity-test-signing"}, {"public_key_ids", keys}, {"comment", ""}};
  Result<Created> created = type.Create(context, desired, "t");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  Json other_desired = {
      {"name", "vueocity-test-other"}, {"public_key_ids", {first}}, {"comment", ""}};
  Result<Created> other = type.Create(context, other_desired, "t2");
  ASSERT_TRUE(other.ok()) << other.status().ToString();

  state::ResourceRecord record;
  record.address = "test.cloudfront_key_group.signing";
  record.id = created->id;
  state::ResourceRecord second_record = record;
  second_record.address = "test.cloudfront_key_group.other";
  second_record.id = other->id;
  state::ResourceRecord gone = record;
  gone.address = "test.cloudfront_key_group.gone";
  gone.id = "K0000000000000";
  const state::ResourceRecord* all[] = {&record, &second_record, &gone};
  int calls = context.calls();
  std::vector<Result<Json>> read = type.ReadMany(context, all);
  EXPECT_EQ(context.calls() - calls, 1) << "one ListKeyGroups for all";
  ASSERT_TRUE(read[0].ok()) << read[0].status().ToString();
  EXPECT_EQ(*read[0], desired) << "key ids read back sorted";
  ASSERT_TRUE(read[1].ok());
  EXPECT_EQ(*read[1], other_desired);
  EXPECT_EQ(read[2].status().code(), StatusCode::kNotFound);

  Result<std::optional<Found>> found = type.Find(context, desired, "t");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->id, created->id);
}

}  // namespace
}  // namespace vueops::resources

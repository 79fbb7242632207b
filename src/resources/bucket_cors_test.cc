#include "resources/bucket_setting_test_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class BucketCorsMotoTest : public BucketSettingMotoTest {};

Json Uploads(const std::string& bucket) {
  return {{"bucket", bucket},
          {"rules",
           {{{"allowed_origins", {"https://vueocity.com", "https://*.vueocity.com"}},
             {"allowed_methods", {"GET", "PUT", "POST", "HEAD"}},
             {"allowed_headers", {"*"}},
             {"expose_headers", {"ETag"}},
             {"max_age_seconds", 3000}}}}};
}

TEST_F(BucketCorsMotoTest, RoundTrip) {
  MakeBucket("vueops-test-cors");
  RoundTrip(BucketCors(), "test.bucket_cors.data", Uploads("vueops-test-cors"));
}

TEST_F(BucketCorsMotoTest, UpdatesInPlaceAndReadsDrift) {
  MakeBucket("vueops-test-cors");
  ResourceContext context = Context("test.bucket_cors.data");
  const ResourceType& type = BucketCors();
  state::ResourceRecord record = Record(type, "test.bucket_cors.data", Uploads("vueops-test-cors"));
  ASSERT_TRUE(type.Create(context, record.attributes, "t").ok());
  Json wider = Uploads("vueops-test-cors");
  wider["rules"][0]["allowed_origins"].push_back("https://vueocity.net");
  ASSERT_TRUE(type.Update(context, record, wider, {"rules"}).ok());
  EXPECT_EQ(ReadBack(type, context, record), wider);
  ASSERT_TRUE(
      client()
          .Call("s3", "PutBucketCors",
                {{"Bucket", "vueops-test-cors"},
                 {"CORSConfiguration",
                  {{"CORSRules", {{{"AllowedOrigins", {"*"}}, {"AllowedMethods", {"GET"}}}}}}}})
          .ok());
  EXPECT_EQ(ReadBack(type, context, record)["rules"][0]["allowed_origins"], (Json{"*"}));
}

}  // namespace
}  // namespace vueops::resources

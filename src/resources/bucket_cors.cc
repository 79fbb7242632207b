// bucket_cors: the bucket's CORS rules (notes: "S3": "CORS access for direct upload" from the
// browser). S3 applies the first rule that matches, so the rules keep the spec's order, and
// so do the lists inside them (as S3 stores and returns them).
//
// Attributes:
//   bucket  string  replace   the bucket's name
//   rules   list    in place  [{allowed_origins, allowed_methods, allowed_headers,
//                             expose_headers, max_age_seconds}]
// Outputs: id (the bucket's name).
#include "resources/bucket_setting.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"bucket", UpdateMode::kReplace},
    {"rules", UpdateMode::kInPlace},
};

class BucketCorsType : public BucketSettingType {
 public:
  std::string_view name() const override { return "bucket_cors"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }

 protected:
  Result<std::optional<Json>> Get(ResourceContext& context,
                                  const std::string& bucket) const override {
    ASSIGN_OR_RETURN(std::optional<Json> output, GetBucketSetting(context, "GetBucketCors", bucket,
                                                                  {"NoSuchCORSConfiguration"}));
    if (!output) return output;
    Json rules = Json::array();
    for (const Json& rule : output->value("CORSRules", Json::array())) {
      rules.push_back({{"allowed_origins", rule.value("AllowedOrigins", Json::array())},
                       {"allowed_methods", rule.value("AllowedMethods", Json::array())},
                       {"allowed_headers", rule.value("AllowedHeaders", Json::array())},
                       {"expose_headers", rule.value("ExposeHeaders", Json::array())},
                       {"max_age_seconds", rule.value("MaxAgeSeconds", 0)}});
    }
    return std::optional<Json>(Json{{"bucket", bucket}, {"rules", rules}});
  }

  Status Put(ResourceContext& context, const std::string& bucket,
             const Json& desired) const override {
    Json rules = Json::array();
    for (const Json& rule : desired.value("rules", Json::array())) {
      Json cors = {{"AllowedOrigins", rule.value("allowed_origins", Json::array())},
                   {"AllowedMethods", rule.value("allowed_methods", Json::array())}};
      if (!rule.value("allowed_headers", Json::array()).empty()) {
        cors["AllowedHeaders"] = rule["allowed_headers"];
      }
      if (!rule.value("expose_headers", Json::array()).empty()) {
        cors["ExposeHeaders"] = rule["expose_headers"];
      }
      if (rule.value("max_age_seconds", 0) > 0) cors["MaxAgeSeconds"] = rule["max_age_seconds"];
      rules.push_back(std::move(cors));
    }
    return context
        .Call("s3", "PutBucketCors",
              {{"Bucket", bucket}, {"CORSConfiguration", {{"CORSRules", rules}}}})
        .status();
  }

  Status Remove(ResourceContext& context, const std::string& bucket) const override {
    return RemoveBucketSetting(context, "DeleteBucketCors", {{"Bucket", bucket}},
                               {"NoSuchCORSConfiguration"});
  }
};

}  // namespace

const ResourceType& BucketCors() {
  static const BucketCorsType* type = new BucketCorsType();
  return *type;
}

}  // namespace vueops::resources

// bucket_ownership: who owns the objects written to the bucket (S3 Object Ownership).
// BucketOwnerEnforced turns ACLs off, so the bucket's owner owns every object; buckets that
// CloudFront standard logging writes to need ACLs (CloudFront grants its log delivery account
// through the bucket's ACL), so they take BucketOwnerPreferred (CloudFront Developer Guide,
// "Configure standard logging (legacy)": "enable ACLs for the bucket").
//
// Attributes:
//   bucket            string  replace   the bucket's name
//   object_ownership  string  in place  BucketOwnerEnforced | BucketOwnerPreferred | ObjectWriter
// Outputs: id (the bucket's name).
#include "resources/bucket_setting.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"bucket", UpdateMode::kReplace},
    {"object_ownership", UpdateMode::kInPlace},
};

class BucketOwnershipType : public BucketSettingType {
 public:
  std::string_view name() const override { return "bucket_ownership"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }

 protected:
  Result<std::optional<Json>> Get(ResourceContext& context,
                                  const std::string& bucket) const override {
    ASSIGN_OR_RETURN(std::optional<Json> output,
                     GetBucketSetting(context, "GetBucketOwnershipControls", bucket,
                                      {"OwnershipControlsNotFoundError"}));
    if (!output) return output;
    std::string ownership;
    for (const Json& rule :
         output->value("OwnershipControls", Json::object()).value("Rules", Json::array())) {
      ownership = rule.value("ObjectOwnership", "");
    }
    return std::optional<Json>(Json{{"bucket", bucket}, {"object_ownership", ownership}});
  }

  Status Put(ResourceContext& context, const std::string& bucket,
             const Json& desired) const override {
    Json rule = {{"ObjectOwnership", desired.value("object_ownership", "BucketOwnerEnforced")}};
    return context
        .Call("s3", "PutBucketOwnershipControls",
              {{"Bucket", bucket}, {"OwnershipControls", {{"Rules", Json::array({rule})}}}})
        .status();
  }

  Status Remove(ResourceContext& context, const std::string& bucket) const override {
    return RemoveBucketSetting(context, "DeleteBucketOwnershipControls", {{"Bucket", bucket}},
                               {"OwnershipControlsNotFoundError"});
  }
};

}  // namespace

const ResourceType& BucketOwnership() {
  static const BucketOwnershipType* type = new BucketOwnershipType();
  return *type;
}

}  // namespace vueops::resources

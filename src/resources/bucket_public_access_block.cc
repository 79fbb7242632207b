// bucket_public_access_block: the bucket's four public access settings (notes: "S3": "Buckets
// have no public access"). CloudFront reaches the buckets through origin access control, the
// servers through the VPC endpoint; neither needs public access.
//
// Attributes:
//   bucket                   string  replace   the bucket's name
//   block_public_acls        bool    in place
//   ignore_public_acls       bool    in place
//   block_public_policy      bool    in place
//   restrict_public_buckets  bool    in place
// Outputs: id (the bucket's name).
#include "resources/bucket_setting.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"bucket", UpdateMode::kReplace},
    {"block_public_acls", UpdateMode::kInPlace},
    {"ignore_public_acls", UpdateMode::kInPlace},
    {"block_public_policy", UpdateMode::kInPlace},
    {"restrict_public_buckets", UpdateMode::kInPlace},
};

class BucketPublicAccessBlockType : public BucketSettingType {
 public:
  std::string_view name() const override { return "bucket_public_access_block"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }

 protected:
  Result<std::optional<Json>> Get(ResourceContext& context,
                                  const std::string& bucket) const override {
    ASSIGN_OR_RETURN(std::optional<Json> output,
                     GetBucketSetting(context, "GetPublicAccessBlock", bucket,
                                      {"NoSuchPublicAccessBlockConfiguration"}));
    if (!output) return output;
    const Json& block = output->value("PublicAccessBlockConfiguration", Json::object());
    return std::optional<Json>(Json{
        {"bucket", bucket},
        {"block_public_acls", block.value("BlockPublicAcls", false)},
        {"ignore_public_acls", block.value("IgnorePublicAcls", false)},
        {"block_public_policy", block.value("BlockPublicPolicy", false)},
        {"restrict_public_buckets", block.value("RestrictPublicBuckets", false)},
    });
  }

  Status Put(ResourceContext& context, const std::string& bucket,
             const Json& desired) const override {
    Json block = {
        {"BlockPublicAcls", desired.value("block_public_acls", true)},
        {"IgnorePublicAcls", desired.value("ignore_public_acls", true)},
        {"BlockPublicPolicy", desired.value("block_public_policy", true)},
        {"RestrictPublicBuckets", desired.value("restrict_public_buckets", true)},
    };
    return context
        .Call("s3", "PutPublicAccessBlock",
              {{"Bucket", bucket}, {"PublicAccessBlockConfiguration", block}})
        .status();
  }

  Status Remove(ResourceContext& context, const std::string& bucket) const override {
    return RemoveBucketSetting(context, "DeletePublicAccessBlock", {{"Bucket", bucket}},
                               {"NoSuchPublicAccessBlockConfiguration"});
  }
};

}  // namespace

const ResourceType& BucketPublicAccessBlock() {
  static const BucketPublicAccessBlockType* type = new BucketPublicAccessBlockType();
  return *type;
}

}  // namespace vueops::resources

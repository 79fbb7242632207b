// bucket_acceleration: S3 Transfer Acceleration (notes: "S3": "Accelerated transfer is used,
// primarily to support direct uploads"). The resource exists while acceleration is Enabled;
// deleting it suspends acceleration, and a bucket whose acceleration was suspended by hand
// reads as gone, so the plan enables it again.
//
// Attributes:
//   bucket  string  replace  the bucket's name (names with dots cannot be accelerated; the
//                            spec's loader refuses them)
// Outputs: id (the bucket's name).
#include "resources/bucket_setting.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"bucket", UpdateMode::kReplace},
};

class BucketAccelerationType : public BucketSettingType {
 public:
  std::string_view name() const override { return "bucket_acceleration"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }

 protected:
  Result<std::optional<Json>> Get(ResourceContext& context,
                                  const std::string& bucket) const override {
    ASSIGN_OR_RETURN(std::optional<Json> output,
                     GetBucketSetting(context, "GetBucketAccelerateConfiguration", bucket, {}));
    if (!output || output->value("Status", "") != "Enabled") return std::optional<Json>();
    return std::optional<Json>(Json{{"bucket", bucket}});
  }

  Status Put(ResourceContext& context, const std::string& bucket, const Json&) const override {
    return context
        .Call("s3", "PutBucketAccelerateConfiguration",
              {{"Bucket", bucket}, {"AccelerateConfiguration", {{"Status", "Enabled"}}}})
        .status();
  }

  Status Remove(ResourceContext& context, const std::string& bucket) const override {
    return RemoveBucketSetting(
        context, "PutBucketAccelerateConfiguration",
        {{"Bucket", bucket}, {"AccelerateConfiguration", {{"Status", "Suspended"}}}}, {});
  }
};

}  // namespace

const ResourceType& BucketAcceleration() {
  static const BucketAccelerationType* type = new BucketAccelerationType();
  return *type;
}

}  // namespace vueops::resources

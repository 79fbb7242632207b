// bucket_logging: S3 server access logs, written into the environment's logs bucket (notes:
// "CloudFront": "Logging: Log to separate S3 bucket"; the same bucket takes S3's logs). The
// logs bucket's policy lets the S3 logging service write (build_buckets.cc).
//
// Attributes:
//   bucket         string  replace   the bucket's name
//   target_bucket  string  in place  the logs bucket's name
//   target_prefix  string  in place  where in it, e.g. "s3/vueocity-prod-public/"
// Outputs: id (the bucket's name).
#include "resources/bucket_setting.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"bucket", UpdateMode::kReplace},
    {"target_bucket", UpdateMode::kInPlace},
    {"target_prefix", UpdateMode::kInPlace},
};

class BucketLoggingType : public BucketSettingType {
 public:
  std::string_view name() const override { return "bucket_logging"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }

 protected:
  Result<std::optional<Json>> Get(ResourceContext& context,
                                  const std::string& bucket) const override {
    ASSIGN_OR_RETURN(std::optional<Json> output,
                     GetBucketSetting(context, "GetBucketLogging", bucket, {}));
    if (!output || !output->contains("LoggingEnabled")) return std::optional<Json>();
    const Json& logging = (*output)["LoggingEnabled"];
    return std::optional<Json>(Json{{"bucket", bucket},
                                    {"target_bucket", logging.value("TargetBucket", "")},
                                    {"target_prefix", logging.value("TargetPrefix", "")}});
  }

  Status Put(ResourceContext& context, const std::string& bucket,
             const Json& desired) const override {
    Json logging = {{"TargetBucket", desired.value("target_bucket", "")},
                    {"TargetPrefix", desired.value("target_prefix", "")}};
    return context
        .Call("s3", "PutBucketLogging",
              {{"Bucket", bucket}, {"BucketLoggingStatus", {{"LoggingEnabled", logging}}}})
        .status();
  }

  // S3 API Reference, PutBucketLogging: "To disable logging, you use an empty
  // BucketLoggingStatus request element".
  Status Remove(ResourceContext& context, const std::string& bucket) const override {
    return RemoveBucketSetting(context, "PutBucketLogging",
                               {{"Bucket", bucket}, {"BucketLoggingStatus", Json::object()}}, {});
  }
};

}  // namespace

const ResourceType& BucketLogging() {
  static const BucketLoggingType* type = new BucketLoggingType();
  return *type;
}

}  // namespace vueops::resources

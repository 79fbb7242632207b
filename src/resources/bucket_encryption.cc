// bucket_encryption: the bucket's default encryption, SSE-S3 (AES256) or SSE-KMS with the
// account's aws/s3 key (aws:kms), with an S3 Bucket Key for KMS to cut its request costs.
// Deleting it returns the bucket to S3's own default, SSE-S3 (S3 User Guide, "Setting default
// server-side encryption behavior": every bucket has encryption configured since 2023).
//
// Attributes:
//   bucket              string  replace   the bucket's name
//   sse_algorithm       string  in place  AES256 | aws:kms
//   bucket_key_enabled  bool    in place  true for aws:kms
// Outputs: id (the bucket's name).
#include "resources/bucket_setting.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"bucket", UpdateMode::kReplace},
    {"sse_algorithm", UpdateMode::kInPlace},
    {"bucket_key_enabled", UpdateMode::kInPlace},
};

class BucketEncryptionType : public BucketSettingType {
 public:
  std::string_view name() const override { return "bucket_encryption"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }

 protected:
  Result<std::optional<Json>> Get(ResourceContext& context,
                                  const std::string& bucket) const override {
    ASSIGN_OR_RETURN(std::optional<Json> output,
                     GetBucketSetting(context, "GetBucketEncryption", bucket,
                                      {"ServerSideEncryptionConfigurationNotFoundError"}));
    if (!output) return output;
    const Json& rules = output->value("ServerSideEncryptionConfiguration", Json::object())
                            .value("Rules", Json::array());
    if (rules.empty()) return std::optional<Json>();
    const Json& rule = rules[0];
    return std::optional<Json>(Json{
        {"bucket", bucket},
        {"sse_algorithm", rule.value("ApplyServerSideEncryptionByDefault", Json::object())
                              .value("SSEAlgorithm", "")},
        {"bucket_key_enabled", rule.value("BucketKeyEnabled", false)},
    });
  }

  Status Put(ResourceContext& context, const std::string& bucket,
             const Json& desired) const override {
    Json rule = {
        {"ApplyServerSideEncryptionByDefault",
         {{"SSEAlgorithm", desired.value("sse_algorithm", "AES256")}}},
        {"BucketKeyEnabled", desired.value("bucket_key_enabled", false)},
    };
    return context
        .Call("s3", "PutBucketEncryption",
              {{"Bucket", bucket},
               {"ServerSideEncryptionConfiguration", {{"Rules", Json::array({rule})}}}})
        .status();
  }

  Status Remove(ResourceContext& context, const std::string& bucket) const override {
    return RemoveBucketSetting(context, "DeleteBucketEncryption", {{"Bucket", bucket}},
                               {"ServerSideEncryptionConfigurationNotFoundError"});
  }
};

}  // namespace

const ResourceType& BucketEncryption() {
  static const BucketEncryptionType* type = new BucketEncryptionType();
  return *type;
}

}  // namespace vueops::resources

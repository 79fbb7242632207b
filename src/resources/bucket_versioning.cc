// bucket_versioning: versioning on (notes: "S3": "Buckets are always versioned"). The resource
// exists while versioning is Enabled; deleting it suspends versioning (S3 cannot turn it off
// once on), and a bucket whose versioning was suspended by hand reads as gone, so the plan
// enables it again.
//
// Attributes:
//   bucket      string  replace   the bucket's name
//   mfa_delete  bool    in place  MFA delete (notes TBD: "Enable MFA delete"). Read back from
//                                 S3, so the plan shows it until it is as the spec says — but
//                                 vueops never changes it: S3 accepts the change only from the
//                                 bucket owner's root user with its MFA device (S3 User Guide,
//                                 "Configuring MFA delete"), and the notes keep root for
//                                 "root-only actions like disabling delete". Create and Update
//                                 enable versioning and then fail, naming the exact command
//                                 the root user runs.
// Outputs: id (the bucket's name).
#include "resources/bucket_setting.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"bucket", UpdateMode::kReplace},
    {"mfa_delete", UpdateMode::kInPlace},
};

struct Versioning {
  std::string status;  // "", Enabled or Suspended
  bool mfa_delete = false;
};

Result<std::optional<Versioning>> ReadVersioning(ResourceContext& context,
                                                 const std::string& bucket) {
  ASSIGN_OR_RETURN(std::optional<Json> output,
                   GetBucketSetting(context, "GetBucketVersioning", bucket, {}));
  if (!output) return std::optional<Versioning>();
  return std::optional<Versioning>(
      Versioning{output->value("Status", ""), output->value("MFADelete", "") == "Enabled"});
}

std::string RootCommand(const std::string& bucket, bool enable) {
  return "aws s3api put-bucket-versioning --bucket " + bucket +
         " --versioning-configuration Status=Enabled,MFADelete=" +
         (enable ? "Enabled" : "Disabled") +
         " --mfa \"arn:aws:iam::ACCOUNT_ID:mfa/root-account-mfa-device CODE\"";
}

class BucketVersioningType : public BucketSettingType {
 public:
  std::string_view name() const override { return "bucket_versioning"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }

 protected:
  Result<std::optional<Json>> Get(ResourceContext& context,
                                  const std::string& bucket) const override {
    ASSIGN_OR_RETURN(std::optional<Versioning> versioning, ReadVersioning(context, bucket));
    if (!versioning || versioning->status != "Enabled") return std::optional<Json>();
    return std::optional<Json>(Json{{"bucket", bucket}, {"mfa_delete", versioning->mfa_delete}});
  }

  Status Put(ResourceContext& context, const std::string& bucket,
             const Json& desired) const override {
    ASSIGN_OR_RETURN(std::optional<Versioning> live, ReadVersioning(context, bucket));
    if (!live) return NotFoundError(context.address() + ": bucket " + bucket + " is gone");
    if (live->status != "Enabled") {
      RETURN_IF_ERROR(
          context
              .Call("s3", "PutBucketVersioning",
                    {{"Bucket", bucket}, {"VersioningConfiguration", {{"Status", "Enabled"}}}})
              .status());
    }
    bool wanted = desired.value("mfa_delete", false);
    if (wanted != live->mfa_delete) {
      return FailedPreconditionError(
          context.address() + ": versioning is on, but MFA delete can only be " +
          (wanted ? "enabled" : "disabled") + " by the root user of the account that owns bucket " +
          bucket + ", with its MFA device. Signed in as that root user, run:\n  " +
          RootCommand(bucket, wanted) + "\nthen plan again.");
    }
    return Status::Ok();
  }

  Status Remove(ResourceContext& context, const std::string& bucket) const override {
    return RemoveBucketSetting(
        context, "PutBucketVersioning",
        {{"Bucket", bucket}, {"VersioningConfiguration", {{"Status", "Suspended"}}}}, {});
  }
};

}  // namespace

const ResourceType& BucketVersioning() {
  static const BucketVersioningType* type = new BucketVersioningType();
  return *type;
}

}  // namespace vueops::resources

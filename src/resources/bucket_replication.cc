// bucket_replication: the bucket's copy into the backup account (notes: "S3": "TBD - Create
// cross-account bucket backup"; the organization's "vueback - Used for backups"). One rule,
// "backup", replicates every new object version into the backup bucket, whose policy lets
// the replication role write and whose Object Ownership (BucketOwnerEnforced) makes the
// backup account own the replicas. Both buckets must be versioned (S3 User Guide,
// "Requirements and considerations for replication").
//
// Delete markers are not replicated: deleting an object in the environment leaves the backup
// untouched, which is what a backup is for.
//
// Attributes:
//   bucket                     string  replace   the source bucket's name
//   role                       string  in place  the replication role's ARN
//   destination_bucket         string  in place  the backup bucket's ARN
//   storage_class              string  in place  of the replicas, e.g. STANDARD_IA
//   delete_marker_replication  bool    in place
// Outputs: id (the bucket's name).
#include "resources/bucket_setting.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"bucket", UpdateMode::kReplace},
    {"role", UpdateMode::kInPlace},
    {"destination_bucket", UpdateMode::kInPlace},
    {"storage_class", UpdateMode::kInPlace},
    {"delete_marker_replication", UpdateMode::kInPlace},
};

constexpr std::string_view kRuleId = "backup";

class BucketReplicationType : public BucketSettingType {
 public:
  std::string_view name() const override { return "bucket_replication"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }

 protected:
  Result<std::optional<Json>> Get(ResourceContext& context,
                                  const std::string& bucket) const override {
    ASSIGN_OR_RETURN(std::optional<Json> output,
                     GetBucketSetting(context, "GetBucketReplication", bucket,
                                      {"ReplicationConfigurationNotFoundError"}));
    if (!output) return output;
    const Json& configuration = output->value("ReplicationConfiguration", Json::object());
    const Json& rules = configuration.value("Rules", Json::array());
    if (rules.empty()) return std::optional<Json>();
    Json rule = rules[0];
    Json others = Json::array();
    for (const Json& candidate : rules) {
      if (candidate.value("ID", "") == kRuleId) rule = candidate;
    }
    for (const Json& candidate : rules) {
      if (candidate.value("ID", "") != rule.value("ID", ""))
        others.push_back(candidate.value("ID", ""));
    }
    const Json& destination = rule.value("Destination", Json::object());
    Json attributes = {
        {"bucket", bucket},
        {"role", configuration.value("Role", "")},
        {"destination_bucket", destination.value("Bucket", "")},
        {"storage_class", destination.value("StorageClass", "STANDARD")},
        {"delete_marker_replication",
         rule.value("DeleteMarkerReplication", Json::object()).value("Status", "") == "Enabled"},
    };
    if (rule.value("Status", "") != "Enabled") attributes["status"] = rule.value("Status", "");
    // Rules made by hand show as drift (the attribute is never desired).
    if (!others.empty()) attributes["other_rules"] = others;
    return std::optional<Json>(std::move(attributes));
  }

  Status Put(ResourceContext& context, const std::string& bucket,
             const Json& desired) const override {
    Json rule = {
        {"ID", kRuleId},
        {"Priority", 1},
        {"Filter", {{"Prefix", ""}}},
        {"Status", "Enabled"},
        {"DeleteMarkerReplication",
         {{"Status", desired.value("delete_marker_replication", false) ? "Enabled" : "Disabled"}}},
        {"Destination",
         {{"Bucket", desired.value("destination_bucket", "")},
          {"StorageClass", desired.value("storage_class", "STANDARD")}}},
    };
    return context
        .Call("s3", "PutBucketReplication",
              {{"Bucket", bucket},
               {"ReplicationConfiguration",
                {{"Role", desired.value("role", "")}, {"Rules", Json::array({rule})}}}})
        .status();
  }

  Status Remove(ResourceContext& context, const std::string& bucket) const override {
    return RemoveBucketSetting(context, "DeleteBucketReplication", {{"Bucket", bucket}},
                               {"ReplicationConfigurationNotFoundError"});
  }
};

}  // namespace

const ResourceType& BucketReplication() {
  static const BucketReplicationType* type = new BucketReplicationType();
  return *type;
}

}  // namespace vueops::resources

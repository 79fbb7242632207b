// bucket_lifecycle: the bucket's lifecycle rules (notes: "S3": "a policy to transition old
// versions into lower cost storage and eventually permanently delete them"). The pass writes
// rules with canonical IDs, each in the vocabulary below, sorted by id:
//   noncurrent-versions       noncurrent_transition_days + noncurrent_storage_class,
//                             noncurrent_expiration_days
//   abort-incomplete-uploads  abort_incomplete_upload_days
//   expire-current-versions   expiration_days (log buckets)
// A rule applies to the whole bucket unless it has a "prefix"; a disabled rule (by hand)
// reads with "status": "Disabled", a rule filtered otherwise with its S3 "filter".
//
// Attributes:
//   bucket  string  replace   the bucket's name
//   rules   list    in place  the rules, sorted by id (S3's Put replaces them all)
// Outputs: id (the bucket's name).
#include <algorithm>

#include "resources/bucket_setting.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"bucket", UpdateMode::kReplace},
    {"rules", UpdateMode::kInPlace},
};

// One S3 lifecycle rule in the schema's vocabulary.
Json RuleAttributes(const Json& rule) {
  Json out = {{"id", rule.value("ID", "")}};
  if (rule.value("Status", "Enabled") != "Enabled") out["status"] = rule.value("Status", "");
  Json filter = rule.value("Filter", Json::object());
  std::string prefix = filter.value("Prefix", rule.value("Prefix", ""));
  filter.erase("Prefix");
  if (!prefix.empty()) out["prefix"] = prefix;
  if (!filter.empty()) out["filter"] = filter;
  const Json& noncurrent = rule.value("NoncurrentVersionTransitions", Json::array());
  if (!noncurrent.empty()) {
    out["noncurrent_transition_days"] = noncurrent[0].value("NoncurrentDays", 0);
    out["noncurrent_storage_class"] = noncurrent[0].value("StorageClass", "");
  }
  if (rule.contains("NoncurrentVersionExpiration")) {
    out["noncurrent_expiration_days"] =
        rule["NoncurrentVersionExpiration"].value("NoncurrentDays", 0);
  }
  if (rule.contains("AbortIncompleteMultipartUpload")) {
    out["abort_incomplete_upload_days"] =
        rule["AbortIncompleteMultipartUpload"].value("DaysAfterInitiation", 0);
  }
  if (rule.contains("Expiration") && rule["Expiration"].contains("Days")) {
    out["expiration_days"] = rule["Expiration"].value("Days", 0);
  }
  const Json& transitions = rule.value("Transitions", Json::array());
  if (!transitions.empty()) {
    out["transition_days"] = transitions[0].value("Days", 0);
    out["transition_storage_class"] = transitions[0].value("StorageClass", "");
  }
  return out;
}

// The S3 rule for one rule of the schema.
Json S3Rule(const Json& rule) {
  Json filter = rule.value("filter", Json::object());
  filter["Prefix"] = rule.value("prefix", "");
  Json out = {{"ID", rule.value("id", "")},
              {"Filter", filter},
              {"Status", rule.value("status", "Enabled")}};
  if (rule.contains("noncurrent_transition_days")) {
    out["NoncurrentVersionTransitions"] =
        Json::array({{{"NoncurrentDays", rule["noncurrent_transition_days"]},
                      {"StorageClass", rule.value("noncurrent_storage_class", "")}}});
  }
  if (rule.contains("noncurrent_expiration_days")) {
    out["NoncurrentVersionExpiration"] = {{"NoncurrentDays", rule["noncurrent_expiration_days"]}};
  }
  if (rule.contains("abort_incomplete_upload_days")) {
    out["AbortIncompleteMultipartUpload"] = {
        {"DaysAfterInitiation", rule["abort_incomplete_upload_days"]}};
  }
  if (rule.contains("expiration_days")) out["Expiration"] = {{"Days", rule["expiration_days"]}};
  if (rule.contains("transition_days")) {
    out["Transitions"] =
        Json::array({{{"Days", rule["transition_days"]},
                      {"StorageClass", rule.value("transition_storage_class", "")}}});
  }
  return out;
}

class BucketLifecycleType : public BucketSettingType {
 public:
  std::string_view name() const override { return "bucket_lifecycle"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }

 protected:
  Result<std::optional<Json>> Get(ResourceContext& context,
                                  const std::string& bucket) const override {
    ASSIGN_OR_RETURN(std::optional<Json> output,
                     GetBucketSetting(context, "GetBucketLifecycleConfiguration", bucket,
                                      {"NoSuchLifecycleConfiguration"}));
    if (!output) return output;
    Json rules = Json::array();
    for (const Json& rule : output->value("Rules", Json::array())) {
      rules.push_back(RuleAttributes(rule));
    }
    std::sort(rules.begin(), rules.end(),
              [](const Json& a, const Json& b) { return a.value("id", "") < b.value("id", ""); });
    return std::optional<Json>(Json{{"bucket", bucket}, {"rules", rules}});
  }

  Status Put(ResourceContext& context, const std::string& bucket,
             const Json& desired) const override {
    Json rules = Json::array();
    for (const Json& rule : desired.value("rules", Json::array())) rules.push_back(S3Rule(rule));
    return context
        .Call("s3", "PutBucketLifecycleConfiguration",
              {{"Bucket", bucket}, {"LifecycleConfiguration", {{"Rules", rules}}}})
        .status();
  }

  Status Remove(ResourceContext& context, const std::string& bucket) const override {
    return RemoveBucketSetting(context, "DeleteBucketLifecycle", {{"Bucket", bucket}},
                               {"NoSuchLifecycleConfiguration"});
  }
};

}  // namespace

const ResourceType& BucketLifecycle() {
  static const BucketLifecycleType* type = new BucketLifecycleType();
  return *type;
}

}  // namespace vueops::resources

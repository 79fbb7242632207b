// bucket_policy: the bucket's policy document. build_buckets.cc writes its statements:
// CloudFront's service principal reading through origin access control (AWS:SourceArn = the
// distributions that use the bucket), the servers through the S3 VPC endpoint
// (aws:SourceVpce), log delivery into logs buckets, the replication role writing into a
// backup bucket, and a deny of requests without TLS (aws:SecureTransport false).
//
// Attributes:
//   bucket  string  replace   the bucket's name
//   policy  object  in place  the IAM policy document, in the canonical form PolicyDocument
//                             below gives: a list of one value is written as the value
// Outputs: id (the bucket's name).
#include "base/json.h"
#include "resources/bucket_setting.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"bucket", UpdateMode::kReplace},
    {"policy", UpdateMode::kInPlace},
};

// IAM policy grammar allows a one-element list and the element alike (IAM User Guide, "IAM
// JSON policy element reference"); AWS may return either. The canonical form is the element.
Json Collapse(const Json& value) {
  if (value.is_array() && value.size() == 1) return value[0];
  return value;
}

Json CanonicalPrincipal(const Json& principal) {
  if (!principal.is_object()) return principal;
  Json out = Json::object();
  for (auto it = principal.begin(); it != principal.end(); ++it)
    out[it.key()] = Collapse(it.value());
  return out;
}

Json CanonicalCondition(const Json& condition) {
  if (!condition.is_object()) return condition;
  Json out = Json::object();
  for (auto op = condition.begin(); op != condition.end(); ++op) {
    Json keys = Json::object();
    if (op.value().is_object()) {
      for (auto key = op.value().begin(); key != op.value().end(); ++key) {
        keys[key.key()] = Collapse(key.value());
      }
    }
    out[op.key()] = keys;
  }
  return out;
}

Json CanonicalPolicy(const Json& policy) {
  Json out = policy;
  Json written = policy.value("Statement", Json::array());
  if (written.is_object()) written = Json::array({written});  // a lone statement
  Json statements = Json::array();
  for (const Json& statement : written) {
    Json canonical = statement;
    for (const char* field : {"Action", "NotAction", "Resource", "NotResource"}) {
      if (statement.contains(field)) canonical[field] = Collapse(statement[field]);
    }
    for (const char* field : {"Principal", "NotPrincipal"}) {
      if (statement.contains(field)) canonical[field] = CanonicalPrincipal(statement[field]);
    }
    if (statement.contains("Condition")) {
      canonical["Condition"] = CanonicalCondition(statement["Condition"]);
    }
    statements.push_back(std::move(canonical));
  }
  out["Statement"] = std::move(statements);
  return out;
}

class BucketPolicyType : public BucketSettingType {
 public:
  std::string_view name() const override { return "bucket_policy"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }

 protected:
  Result<std::optional<Json>> Get(ResourceContext& context,
                                  const std::string& bucket) const override {
    ASSIGN_OR_RETURN(std::optional<Json> output,
                     GetBucketSetting(context, "GetBucketPolicy", bucket, {"NoSuchBucketPolicy"}));
    if (!output) return output;
    ASSIGN_OR_RETURN(Json policy, ParseJson(output->value("Policy", "{}")));
    return std::optional<Json>(Json{{"bucket", bucket}, {"policy", CanonicalPolicy(policy)}});
  }

  Status Put(ResourceContext& context, const std::string& bucket,
             const Json& desired) const override {
    return context
        .Call("s3", "PutBucketPolicy",
              {{"Bucket", bucket}, {"Policy", DumpJson(desired.value("policy", Json::object()))}})
        .status();
  }

  Status Remove(ResourceContext& context, const std::string& bucket) const override {
    return RemoveBucketSetting(context, "DeleteBucketPolicy", {{"Bucket", bucket}},
                               {"NoSuchBucketPolicy"});
  }
};

}  // namespace

const ResourceType& BucketPolicy() {
  static const BucketPolicyType* type = new BucketPolicyType();
  return *type;
}

}  // namespace vueops::resources

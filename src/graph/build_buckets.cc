// The S3 pass (notes: "S3"): each bucket of the environment and each of its settings as a
// resource of its own, the copy of every data bucket in the backup account with the role
// that replicates into it, and the buckets' policies (docs/resources.md, "S3").
//
//   "Buckets have no public access": the public access block, all four settings on.
//   "Cloudfront via OAI": the policy lets CloudFront's service principal read, only for the
//   distributions that use the bucket (origin access control replaces the OAI).
//   "VPC Endpoint for S3": the policy lets requests through the environment's endpoint read.
//   "CORS access for direct upload", "Accelerated transfer is used": CORS and acceleration.
//   "Buckets are always versioned, with a policy to transition old versions into lower cost
//   storage and eventually permanently delete them": versioning and the lifecycle rules.
//   "TBD - Create cross-account bucket backup": replication into the backup account.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string_view>

#include "graph/account_references.h"
#include "graph/build.h"
#include "graph/cdn_buckets.h"
#include "graph/network_references.h"

namespace vueops::graph {
namespace {

using resources::Join;
using resources::MakeAddress;
using resources::Reference;

constexpr const char* kPolicyVersion = "2012-10-17";
// The inline policy of a replication role, by name.
constexpr const char* kReplicationPolicy = "vueops-replication";
// IAM API Reference, CreateRole: MaxSessionDuration defaults to one hour.
constexpr int kRoleSessionSeconds = 3600;
// The lifecycle rules' canonical ids (bucket_lifecycle.cc).
constexpr const char* kNoncurrentRule = "noncurrent-versions";
constexpr const char* kAbortUploadsRule = "abort-incomplete-uploads";
constexpr const char* kExpireCurrentRule = "expire-current-versions";
// Where S3 server access logs go in the logs bucket: s3/<source bucket>/.
constexpr const char* kServerLogsPrefix = "s3/";
// The load balancer's log prefix in its access logs bucket (build_load_balancer.cc).
constexpr const char* kLoadBalancerLogsPrefix = "alb";

// Elastic Load Balancing User Guide for Application Load Balancers, "Enable access logs",
// step "Attach a policy to your S3 bucket": in Regions available before August 2022 the
// policy grants the Region's Elastic Load Balancing account; in later Regions the log
// delivery service principal.
struct ElbAccount {
  std::string_view region;
  std::string_view account;
};
constexpr ElbAccount kElbAccounts[] = {
    {"us-east-1", "127311923021"},      {"us-east-2", "033677994240"},
    {"us-west-1", "027434742980"},      {"us-west-2", "797873946194"},
    {"af-south-1", "098369216593"},     {"ap-east-1", "754344448648"},
    {"ap-south-1", "718504428378"},     {"ap-northeast-1", "582318560864"},
    {"ap-northeast-2", "600734575887"}, {"ap-northeast-3", "383597477331"},
    {"ap-southeast-1", "114774131450"}, {"ap-southeast-2", "783225319266"},
    {"ca-central-1", "985666609251"},   {"eu-central-1", "054676820928"},
    {"eu-west-1", "156460612806"},      {"eu-west-2", "652711504416"},
    {"eu-west-3", "009996457667"},      {"eu-south-1", "635631232127"},
    {"eu-north-1", "897822967062"},     {"me-south-1", "076674570225"},
    {"sa-east-1", "507241528517"},
};
constexpr const char* kElbLogDeliveryService = "logdelivery.elasticloadbalancing.amazonaws.com";
// VPC User Guide, "Flow logs: Amazon S3 bucket permissions for flow logs".
constexpr const char* kLogDeliveryService = "delivery.logs.amazonaws.com";
// S3 User Guide, "Permissions for log delivery": the logging service principal.
constexpr const char* kServerLogsService = "logging.s3.amazonaws.com";
// CloudFront Developer Guide, "Restricting access to an Amazon S3 origin": the service
// principal an origin access control signs as.
constexpr const char* kCloudFrontService = "cloudfront.amazonaws.com";

// The IAM policy grammar's one-element list and the element are the same; bucket_policy.cc
// reads the element, so the pass writes it.
Json OneOrList(Json values) {
  if (values.is_array() && values.size() == 1) return values[0];
  return values;
}

class BucketsPass {
 public:
  BucketsPass(BuildContext& context, const spec::Environment& env)
      : context_(context),
        env_(env),
        account_(context.AccountOf(env.account)),
        distributions_(DistributionsByBucket(env)) {}

  void Run() {
    for (const spec::Bucket& bucket : env_.buckets) {
      AddBucket(bucket, bucket.key, bucket.name, account_, bucket.location);
      Settings(bucket);
      if (bucket.has_replication) Backup(bucket);
      Policy(bucket);
    }
  }

 private:
  std::string Address(std::string_view type, const std::string& name) const {
    return MakeAddress(env_.name, type, name);
  }

  resources::DesiredResource& Add(std::string_view type, const std::string& name,
                                  const std::string& account, Json attributes, Location source) {
    resources::DesiredResource& resource = context_.Add(Address(type, name), type, account,
                                                        env_.region, std::move(attributes), source);
    resource.tags = context_.EnvironmentTags(env_);
    return resource;
  }

  // The bucket's name, through its resource so that each setting waits for the bucket.
  Json BucketName(const std::string& key) const { return Reference(Address("bucket", key)); }
  Json BucketArn(const std::string& key) const { return Reference(Address("bucket", key), "arn"); }
  Json Objects(const std::string& key) const { return Join({BucketArn(key), "/*"}); }
  Json AccountId(const std::string& account_name) const {
    return AccountIdReference(context_.stack().organization, account_name);
  }

  void AddBucket(const spec::Bucket& bucket, const std::string& key, const std::string& name,
                 const std::string& account, Location source) {
    Add("bucket", key, account,
        {{"name", name}, {"force_destroy", bucket.force_destroy}, {"tags", TagsAttribute(env_)}},
        source);
  }

  // The settings every bucket has, and those the spec turns on. `key` is the bucket's (the
  // backup's is <key>-backup).
  void CommonSettings(const spec::Bucket& bucket, const std::string& key,
                      const std::string& account, bool acls_for_logging) {
    if (bucket.public_access_block) {
      Add("bucket_public_access_block", key, account,
          {{"bucket", BucketName(key)},
           {"block_public_acls", true},
           {"ignore_public_acls", true},
           {"block_public_policy", true},
           {"restrict_public_buckets", true}},
          bucket.At("public_access_block"));
    }
    Add("bucket_ownership", key, account,
        {{"bucket", BucketName(key)},
         {"object_ownership", acls_for_logging ? "BucketOwnerPreferred" : "BucketOwnerEnforced"}},
        bucket.location);
    if (bucket.versioning) {
      Add("bucket_versioning", key, account,
          {{"bucket", BucketName(key)}, {"mfa_delete", bucket.mfa_delete}},
          bucket.At("versioning"));
    }
    Add("bucket_encryption", key, account,
        {{"bucket", BucketName(key)},
         {"sse_algorithm", bucket.encryption},
         {"bucket_key_enabled", bucket.encryption == "aws:kms"}},
        bucket.At("encryption"));
  }

  // Whether a distribution writes its standard logs into `key`: CloudFront's log delivery
  // writes through the bucket's ACL, which BucketOwnerEnforced turns off.
  bool CloudFrontLogsInto(const std::string& key) const {
    if (!env_.cdn) return false;
    for (const spec::Distribution& distribution : env_.cdn->distributions) {
      if (distribution.logging_bucket == key) return true;
    }
    return false;
  }

  void Settings(const spec::Bucket& bucket) {
    const std::string& key = bucket.key;
    CommonSettings(bucket, key, account_, CloudFrontLogsInto(key));
    if (bucket.has_lifecycle) Lifecycle(bucket);
    if (!bucket.cors.empty()) Cors(bucket);
    if (bucket.acceleration) {
      Add("bucket_acceleration", key, account_, {{"bucket", BucketName(key)}},
          bucket.At("acceleration"));
    }
    if (!bucket.logging_bucket.empty()) {
      resources::DesiredResource& logging =
          Add("bucket_logging", key, account_,
              {{"bucket", BucketName(key)},
               {"target_bucket", BucketName(bucket.logging_bucket)},
               {"target_prefix", kServerLogsPrefix + bucket.name + "/"}},
              bucket.At("logging_bucket"));
      // The logs bucket's policy lets S3's logging service write first.
      logging.depends_on.push_back(Address("bucket_policy", bucket.logging_bucket));
    }
  }

  // The rules in bucket_lifecycle.cc's vocabulary, sorted by id.
  void Lifecycle(const spec::Bucket& bucket) {
    const spec::Lifecycle& lifecycle = bucket.lifecycle;
    Json rules = Json::array();
    if (lifecycle.abort_incomplete_upload_days > 0) {
      rules.push_back({{"id", kAbortUploadsRule},
                       {"abort_incomplete_upload_days", lifecycle.abort_incomplete_upload_days}});
    }
    if (lifecycle.expiration_days > 0) {
      rules.push_back({{"id", kExpireCurrentRule}, {"expiration_days", lifecycle.expiration_days}});
    }
    Json noncurrent = {{"id", kNoncurrentRule}};
    if (!lifecycle.noncurrent_storage_class.empty()) {
      noncurrent["noncurrent_transition_days"] = lifecycle.noncurrent_transition_days;
      noncurrent["noncurrent_storage_class"] = lifecycle.noncurrent_storage_class;
    }
    if (lifecycle.noncurrent_expiration_days > 0) {
      noncurrent["noncurrent_expiration_days"] = lifecycle.noncurrent_expiration_days;
    }
    if (noncurrent.size() > 1) rules.push_back(std::move(noncurrent));
    std::sort(rules.begin(), rules.end(),
              [](const Json& a, const Json& b) { return a["id"] < b["id"]; });
    if (rules.empty()) return;
    Add("bucket_lifecycle", bucket.key, account_,
        {{"bucket", BucketName(bucket.key)}, {"rules", rules}}, bucket.At("lifecycle"));
  }

  // The rules in the spec's order (S3 applies the first that matches); S3 takes methods in
  // upper case only, the spec in any case.
  void Cors(const spec::Bucket& bucket) {
    Json rules = Json::array();
    for (const spec::CorsRule& rule : bucket.cors) {
      std::vector<std::string> methods = rule.allowed_methods;
      for (std::string& method : methods) {
        for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      }
      rules.push_back({{"allowed_origins", rule.allowed_origins},
                       {"allowed_methods", methods},
                       {"allowed_headers", rule.allowed_headers},
                       {"expose_headers", rule.expose_headers},
                       {"max_age_seconds", rule.max_age_seconds}});
    }
    Add("bucket_cors", bucket.key, account_, {{"bucket", BucketName(bucket.key)}, {"rules", rules}},
        bucket.At("cors"));
  }

  // The copy in the backup account: a bucket that only the replication role writes to, and
  // the role, and the source bucket's replication into it.
  void Backup(const spec::Bucket& bucket) {
    const spec::Replication& replication = bucket.replication;
    const std::string backup_key = bucket.key + "-backup";
    const std::string backup_account = context_.AccountOf(replication.account);
    Location source = bucket.At("replication");
    spec::Bucket backup;
    backup.encryption = bucket.encryption;
    AddBucket(backup, backup_key, replication.bucket, backup_account, source);
    CommonSettings(backup, backup_key, backup_account, false);

    const std::string role_address = Address("iam_role", "replication-" + bucket.key);
    Json trust = {{"Version", kPolicyVersion},
                  {"Statement",
                   {{{"Effect", "Allow"},
                     {"Principal", {{"Service", "s3.amazonaws.com"}}},
                     {"Action", "sts:AssumeRole"}}}}};
    // S3 User Guide, "Setting up permissions for live replication": read the source's
    // configuration and object versions, replicate into the destination. Delete markers are
    // not replicated (bucket_replication.cc), so the role cannot delete in the backup.
    Json permissions = {{"Version", kPolicyVersion},
                        {"Statement",
                         {{{"Sid", "SourceBucket"},
                           {"Effect", "Allow"},
                           {"Action", {"s3:GetReplicationConfiguration", "s3:ListBucket"}},
                           {"Resource", BucketArn(bucket.key)}},
                          {{"Sid", "SourceObjects"},
                           {"Effect", "Allow"},
                           {"Action",
                            {"s3:GetObjectVersionAcl", "s3:GetObjectVersionForReplication",
                             "s3:GetObjectVersionTagging"}},
                           {"Resource", Objects(bucket.key)}},
                          {{"Sid", "BackupObjects"},
                           {"Effect", "Allow"},
                           {"Action", {"s3:ReplicateObject", "s3:ReplicateTags"}},
                           {"Resource", Objects(backup_key)}}}}};
    context_
        .AddIamEntity(
            role_address, "iam_role", account_,
            {{"name", context_.Name(env_, "replication-" + bucket.key)},
             {"description", "S3 replicates bucket " + bucket.name + " into " + replication.bucket},
             {"assume_role_policy", trust},
             {"max_session_duration", kRoleSessionSeconds},
             {"managed_policy_arns", Json::array()},
             {"tags", TagsAttribute(env_)}},
            {{kReplicationPolicy, permissions}}, source)
        .tags = context_.EnvironmentTags(env_);

    // S3 User Guide, "Granting permissions when the source and destination buckets are owned
    // by different AWS accounts": the destination's policy lets the source's role replicate.
    Json role_arn = Reference(role_address, "arn");
    Json statements = Json::array({{{"Sid", "ReplicationObjects"},
                                    {"Effect", "Allow"},
                                    {"Principal", {{"AWS", role_arn}}},
                                    {"Action", {"s3:ReplicateObject", "s3:ReplicateTags"}},
                                    {"Resource", Objects(backup_key)}},
                                   {{"Sid", "ReplicationBucket"},
                                    {"Effect", "Allow"},
                                    {"Principal", {{"AWS", role_arn}}},
                                    {"Action", {"s3:GetBucketVersioning", "s3:ListBucket"}},
                                    {"Resource", BucketArn(backup_key)}}});
    if (bucket.require_tls) statements.push_back(DenyInsecureTransport(backup_key));
    AddPolicy(backup_key, backup_account, statements, backup.public_access_block, source);

    resources::DesiredResource& configuration = Add("bucket_replication", bucket.key, account_,
                                                    {{"bucket", BucketName(bucket.key)},
                                                     {"role", role_arn},
                                                     {"destination_bucket", BucketArn(backup_key)},
                                                     {"storage_class", replication.storage_class},
                                                     {"delete_marker_replication", false}},
                                                    source);
    // S3 User Guide, "Requirements and considerations for replication": both buckets
    // versioned; and the destination's policy in place before objects flow.
    // And the role allowed to replicate.
    configuration.depends_on = {
        Address("bucket_versioning", bucket.key), Address("bucket_versioning", backup_key),
        Address("bucket_policy", backup_key),
        Address("iam_role_policy", "replication-" + bucket.key + "/" + kReplicationPolicy)};
  }

  // Everyone, written {"AWS": "*"}: the IAM User Guide ("AWS JSON policy elements:
  // Principal") gives it the same meaning as "*", and moto's bucket logging check reads
  // principals as objects (a bare "*" makes its PutBucketLogging fail with a 500).
  static inline const Json kAnyone = {{"AWS", "*"}};

  // S3 User Guide, "Enforce encryption in transit": deny every request without TLS.
  Json DenyInsecureTransport(const std::string& key) const {
    return {{"Sid", "DenyInsecureTransport"},
            {"Effect", "Deny"},
            {"Principal", kAnyone},
            {"Action", "s3:*"},
            {"Resource", {BucketArn(key), Objects(key)}},
            {"Condition", {{"Bool", {{"aws:SecureTransport", "false"}}}}}};
  }

  // The buckets whose server access logs go into `key`, by name.
  std::vector<const spec::Bucket*> LoggingInto(const std::string& key) const {
    std::vector<const spec::Bucket*> sources;
    for (const spec::Bucket& bucket : env_.buckets) {
      if (bucket.logging_bucket == key) sources.push_back(&bucket);
    }
    std::sort(sources.begin(), sources.end(),
              [](const spec::Bucket* a, const spec::Bucket* b) { return a->name < b->name; });
    return sources;
  }

  // The bucket VPC flow logs go to (build_network.cc): the one named "logs", else the first
  // logs bucket.
  const spec::Bucket* FlowLogBucket() const {
    if (!env_.network.flow_logs) return nullptr;
    if (const spec::Bucket* logs = env_.FindBucket("logs")) return logs;
    for (const spec::Bucket& bucket : env_.buckets) {
      if (bucket.access == spec::BucketAccess::kLogs) return &bucket;
    }
    return nullptr;
  }

  // `name` as a statement id may hold it: letters and digits only (IAM User Guide, "Sid"),
  // each word capitalised ("public_protected" -> "PublicProtected").
  static std::string SidPart(const std::string& name) {
    std::string part;
    bool upper = true;
    for (char c : name) {
      if (!std::isalnum(static_cast<unsigned char>(c))) {
        upper = true;
        continue;
      }
      part += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      upper = false;
    }
    return part;
  }

  // The statements that let AWS's log delivery write into a logs bucket.
  void LogDelivery(const spec::Bucket& bucket, Json* statements) const {
    const std::string& key = bucket.key;
    Json account_id = AccountId(env_.account);
    std::vector<const spec::Bucket*> sources = LoggingInto(key);
    // One statement per source bucket, each writing only under its own prefix (the
    // bucket_logging's target_prefix): a bucket's logs cannot be written as another's. (moto
    // also accepts a logging target only when a statement's Resource is exactly that prefix.)
    for (const spec::Bucket* source : sources) {
      statements->push_back(
          {{"Sid", "S3ServerAccessLogs" + SidPart(source->key)},
           {"Effect", "Allow"},
           {"Principal", {{"Service", kServerLogsService}}},
           {"Action", "s3:PutObject"},
           {"Resource",
            Join({BucketArn(key), std::string("/") + kServerLogsPrefix + source->name + "/*"})},
           {"Condition",
            {{"ArnLike", {{"aws:SourceArn", BucketArn(source->key)}}},
             {"StringEquals", {{"aws:SourceAccount", account_id}}}}}});
    }
    if (env_.load_balancer && env_.load_balancer->access_logs_bucket == key) {
      Json principal = {{"Service", kElbLogDeliveryService}};
      for (const ElbAccount& elb : kElbAccounts) {
        if (elb.region == env_.region) {
          principal = {{"AWS", "arn:aws:iam::" + std::string(elb.account) + ":root"}};
        }
      }
      statements->push_back(
          {{"Sid", "LoadBalancerAccessLogs"},
           {"Effect", "Allow"},
           {"Principal", principal},
           {"Action", "s3:PutObject"},
           {"Resource",
            Join({BucketArn(key), std::string("/") + kLoadBalancerLogsPrefix + "/AWSLogs/",
                  account_id, "/*"})}});
    }
    if (FlowLogBucket() == &bucket) {
      Json conditions = {
          {"StringEquals", {{"aws:SourceAccount", account_id}}},
          {"ArnLike",
           {{"aws:SourceArn", Join({"arn:aws:logs:" + env_.region + ":", account_id, ":*"})}}}};
      Json write_conditions = conditions;
      write_conditions["StringEquals"]["s3:x-amz-acl"] = "bucket-owner-full-control";
      statements->push_back({{"Sid", "FlowLogsWrite"},
                             {"Effect", "Allow"},
                             {"Principal", {{"Service", kLogDeliveryService}}},
                             {"Action", "s3:PutObject"},
                             {"Resource", Join({BucketArn(key), "/AWSLogs/", account_id, "/*"})},
                             {"Condition", write_conditions}});
      statements->push_back({{"Sid", "FlowLogsAclCheck"},
                             {"Effect", "Allow"},
                             {"Principal", {{"Service", kLogDeliveryService}}},
                             {"Action", {"s3:GetBucketAcl", "s3:ListBucket"}},
                             {"Resource", BucketArn(key)},
                             {"Condition", conditions}});
    }
  }

  void Policy(const spec::Bucket& bucket) {
    const std::string& key = bucket.key;
    Json statements = Json::array();
    auto readers = distributions_.find(key);
    if (readers != distributions_.end()) {
      // Only the distributions with an origin in this bucket, through their ARNs (CloudFront
      // Developer Guide, "Restricting access to an Amazon S3 origin").
      Json arns = Json::array();
      for (const std::string& name : readers->second) {
        arns.push_back(Reference(Address("distribution", name), "arn"));
      }
      statements.push_back(
          {{"Sid", "CloudFrontRead"},
           {"Effect", "Allow"},
           {"Principal", {{"Service", kCloudFrontService}}},
           {"Action", "s3:GetObject"},
           {"Resource", Objects(key)},
           {"Condition", {{"StringEquals", {{"AWS:SourceArn", OneOrList(arns)}}}}}});
    }
    bool data =
        bucket.access != spec::BucketAccess::kLogs && bucket.access != spec::BucketAccess::kBackup;
    if (data && bucket.vpc_endpoint_access && env_.network.s3_endpoint) {
      // The servers' requests through the S3 gateway endpoint (VPC User Guide, "Gateway
      // endpoints for Amazon S3": "Restricting access to a specific VPC endpoint"); only
      // requests from inside the VPC can carry this endpoint's id, so S3 does not count the
      // statement as public.
      statements.push_back(
          {{"Sid", "VpcEndpointRead"},
           {"Effect", "Allow"},
           {"Principal", kAnyone},
           {"Action", {"s3:GetObject", "s3:ListBucket"}},
           {"Resource", {BucketArn(key), Objects(key)}},
           {"Condition",
            {{"StringEquals", {{"aws:SourceVpce", Reference(Address("vpc_endpoint", "s3"))}}}}}});
    }
    if (bucket.access == spec::BucketAccess::kLogs) LogDelivery(bucket, &statements);
    if (bucket.require_tls) statements.push_back(DenyInsecureTransport(key));
    if (statements.empty()) return;
    AddPolicy(key, account_, statements, bucket.public_access_block, bucket.location);
  }

  void AddPolicy(const std::string& key, const std::string& account, Json statements, bool blocked,
                 Location source) {
    resources::DesiredResource& policy =
        Add("bucket_policy", key, account,
            {{"bucket", BucketName(key)},
             {"policy", {{"Version", kPolicyVersion}, {"Statement", std::move(statements)}}}},
            source);
    // S3 refuses a policy the public access block would call public; none of these is, but
    // the block comes first so that a mistake fails loudly instead of opening the bucket.
    if (blocked) policy.depends_on.push_back(Address("bucket_public_access_block", key));
  }

  BuildContext& context_;
  const spec::Environment& env_;
  const std::string account_;
  const std::map<std::string, std::set<std::string>> distributions_;
};

}  // namespace

void BuildBuckets(BuildContext& context, const spec::Environment& env) {
  BucketsPass(context, env).Run();
}

}  // namespace vueops::graph

// Decoding buckets: (notes: "S3") and secrets:.
#include <algorithm>

#include "spec/decode.h"

namespace vueops::spec {
namespace {

constexpr EnumName<BucketAccess> kBucketAccess[] = {
    {"protected", BucketAccess::kProtected},
    {"public", BucketAccess::kPublic},
    {"public-protected", BucketAccess::kPublicProtected},
    {"logs", BucketAccess::kLogs},
    {"backup", BucketAccess::kBackup},
};

// S3 storage classes a lifecycle transition may name (S3 API, Transition.StorageClass).
const std::vector<std::string> kTransitionClasses = {
    "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"};

void DecodeLifecycle(DecodeContext& context, const Node& node, const std::string& what,
                     Bucket* bucket) {
  if (node.is_scalar()) {
    bool enabled = true;
    if (ReadBoolean(context, node, "lifecycle of " + what, &enabled)) bucket->has_lifecycle = enabled;
    return;
  }
  Lifecycle& lifecycle = bucket->lifecycle;
  MapReader reader(context, &node, "lifecycle of " + what, &lifecycle);
  constexpr int kMaxDays = 36500;
  reader.Integer("noncurrent_transition_days", &lifecycle.noncurrent_transition_days, 0, kMaxDays);
  std::string storage_class;
  if (reader.String("noncurrent_storage_class", &storage_class)) {
    if (std::find(kTransitionClasses.begin(), kTransitionClasses.end(), storage_class) ==
        kTransitionClasses.end()) {
      ReportBadEnum(context, *reader.Get("noncurrent_storage_class"), "noncurrent_storage_class",
                    kTransitionClasses);
    } else {
      lifecycle.noncurrent_storage_class = storage_class;
    }
  }
  reader.Integer("noncurrent_expiration_days", &lifecycle.noncurrent_expiration_days, 0,
                 kMaxDays);
  reader.Integer("abort_incomplete_upload_days", &lifecycle.abort_incomplete_upload_days, 0,
                 kMaxDays);
  reader.Integer("expiration_days", &lifecycle.expiration_days, 0, kMaxDays);
  // S3 lifecycle: versions stay at least 30 days before moving to an infrequent-access class
  // (S3 User Guide, "Transitioning objects using Amazon S3 Lifecycle").
  constexpr int kMinimumDaysBeforeInfrequentAccess = 30;
  bool infrequent = lifecycle.noncurrent_storage_class == "STANDARD_IA" ||
                    lifecycle.noncurrent_storage_class == "ONEZONE_IA";
  if (infrequent && lifecycle.noncurrent_transition_days < kMinimumDaysBeforeInfrequentAccess) {
    context.Error("spec.value", lifecycle.At("noncurrent_transition_days"),
                  "S3 moves versions to " + lifecycle.noncurrent_storage_class +
                      " after 30 days at the earliest, not " +
                      std::to_string(lifecycle.noncurrent_transition_days),
                  "use noncurrent_transition_days: 30 or more, or GLACIER_IR, which has no "
                  "minimum");
  }
  if (lifecycle.noncurrent_expiration_days != 0 &&
      lifecycle.noncurrent_expiration_days <= lifecycle.noncurrent_transition_days) {
    context.Error("spec.value", lifecycle.At("noncurrent_expiration_days"),
                  "old versions of " + what + " expire (day " +
                      std::to_string(lifecycle.noncurrent_expiration_days) +
                      ") before they move to cheaper storage (day " +
                      std::to_string(lifecycle.noncurrent_transition_days) + ")",
                  "expire them after the transition, as the notes describe");
  }
  reader.Finish();
}

void DecodeCors(DecodeContext& context, MapReader& reader, const std::string& what,
                Bucket* bucket) {
  int index = 0;
  reader.EachItem("cors", "CORS rules", [&](const Node& item) {
    CorsRule& rule = bucket->cors.emplace_back();
    std::string rule_name = "CORS rule " + std::to_string(++index) + " of " + what;
    MapReader cors(context, &item, rule_name, &rule, true);
    cors.StringList("allowed_origins", &rule.allowed_origins, true);
    if (cors.StringList("allowed_methods", &rule.allowed_methods, true)) {
      // S3 CORS AllowedMethod: GET, PUT, HEAD, POST, DELETE (written in any case).
      const std::vector<std::string> methods = {"GET", "PUT", "HEAD", "POST", "DELETE"};
      for (std::string& method : rule.allowed_methods) {
        std::transform(method.begin(), method.end(), method.begin(), ::toupper);
        if (std::find(methods.begin(), methods.end(), method) == methods.end()) {
          ReportBadEnum(context, *cors.Get("allowed_methods"), "CORS method '" + method + "'",
                        methods);
        }
      }
    }
    cors.StringList("allowed_headers", &rule.allowed_headers);
    cors.StringList("expose_headers", &rule.expose_headers);
    cors.Integer("max_age_seconds", &rule.max_age_seconds, 0, 86400 * 365);
    cors.Finish();
  });
}

void DecodeBucket(DecodeContext& context, const MapEntry& entry, Bucket* bucket) {
  bucket->key = entry.key;
  std::string what = "bucket '" + entry.key + "'";
  MapReader reader(context, entry.value.get(), what, bucket, true);
  reader.String("name", &bucket->name);
  reader.Enum("access", &bucket->access, kBucketAccess, true);
  reader.Boolean("versioning", &bucket->versioning);
  if (const Node* lifecycle = reader.Get("lifecycle")) DecodeLifecycle(context, *lifecycle, what, bucket);
  DecodeCors(context, reader, what, bucket);
  reader.Boolean("browser_uploads", &bucket->browser_uploads);
  reader.Boolean("acceleration", &bucket->acceleration);
  std::string encryption;
  if (reader.String("encryption", &encryption)) {
    if (encryption == "AES256" || encryption == "aws:kms") {
      bucket->encryption = encryption;
    } else {
      ReportBadEnum(context, *reader.Get("encryption"), "encryption", {"AES256", "aws:kms"});
    }
  }
  reader.Boolean("vpc_endpoint_access", &bucket->vpc_endpoint_access);
  reader.Boolean("mfa_delete", &bucket->mfa_delete);
  if (const Node* replication = reader.Get("replication")) {
    if (replication->is_scalar()) {
      ReadBoolean(context, *replication, "replication of " + what, &bucket->has_replication);
    } else {
      bucket->has_replication = true;
      MapReader copy(context, replication, "replication of " + what, &bucket->replication);
      copy.String("account", &bucket->replication.account, true);
      copy.String("bucket", &bucket->replication.bucket);
      std::string storage_class;
      if (copy.String("storage_class", &storage_class)) {
        std::vector<std::string> classes = kTransitionClasses;
        classes.insert(classes.begin(), "STANDARD");
        if (std::find(classes.begin(), classes.end(), storage_class) == classes.end()) {
          ReportBadEnum(context, *copy.Get("storage_class"), "storage_class", classes);
        } else {
          bucket->replication.storage_class = storage_class;
        }
      }
      copy.Finish();
    }
  }
  reader.String("logging_bucket", &bucket->logging_bucket);
  reader.Boolean("force_destroy", &bucket->force_destroy);
  reader.Boolean("public_access_block", &bucket->public_access_block);
  reader.Boolean("require_tls", &bucket->require_tls);
  reader.Finish();
}

}  // namespace

void DecodeBuckets(DecodeContext& context, MapReader& environment, std::vector<Bucket>* out) {
  environment.EachEntry("buckets", "buckets", [&](const MapEntry& entry) {
    DecodeBucket(context, entry, &out->emplace_back());
  });
}

void DecodeSecrets(DecodeContext& context, MapReader& environment, std::vector<Secret>* out) {
  environment.EachEntry("secrets", "secrets", [&](const MapEntry& entry) {
    Secret& secret = out->emplace_back();
    secret.name = entry.key;
    std::string what = "secret '" + entry.key + "'";
    MapReader reader(context, entry.value.get(), what, &secret);
    if (entry.value->is_null()) secret.location = entry.key_location;
    if (const Node* node = entry.value.get(); node->is_mapping()) {
      for (const char* forbidden : {"value", "secret_string", "password"}) {
        if (const MapEntry* value = node->Find(forbidden)) {
          reader.Get(forbidden);
          context.Error("spec.value", value->key_location,
                        what + " writes its value in the spec",
                        "secret values never belong in a spec: use source: generate, or put "
                        "it with `vueops secrets put`");
        }
      }
    }
    reader.String("description", &secret.description);
    std::string source;
    if (reader.String("source", &source)) {
      const std::vector<std::string> sources = {"external", "generate", "smtp"};
      if (std::find(sources.begin(), sources.end(), source) == sources.end()) {
        ReportBadEnum(context, *reader.Get("source"), "source of " + what, sources);
      } else {
        secret.source = source;
      }
    }
    // Secrets Manager GetRandomPassword: PasswordLength 1 to 4096.
    reader.Integer("length", &secret.generate_length, 8, 4096);
    reader.Boolean("exclude_punctuation", &secret.exclude_punctuation);
    // Secrets Manager rotation schedules run every 1 to 1000 days.
    reader.Integer("rotation_days", &secret.rotation_days, 0, 1000);
    reader.String("replicate_to_account", &secret.replicate_to_account);
    reader.Finish();
  });
}

}  // namespace vueops::spec

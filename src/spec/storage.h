// S3 buckets (notes: "S3") and Secrets Manager secrets.
#ifndef VUEOPS_SPEC_STORAGE_H_
#define VUEOPS_SPEC_STORAGE_H_

#include <string>
#include <vector>

#include "spec/element.h"

namespace vueops::spec {

// notes: "MPF uses a protected, public, and public-protected S3 bucket. Buckets have no
// public access." — "public" means served publicly by CloudFront, never a public bucket.
enum class BucketAccess { kProtected, kPublic, kPublicProtected, kLogs, kBackup };

std::string_view BucketAccessName(BucketAccess access);

struct CorsRule : Element {
  std::vector<std::string> allowed_origins;
  std::vector<std::string> allowed_methods;
  std::vector<std::string> allowed_headers = {"*"};
  std::vector<std::string> expose_headers = {"ETag"};
  int max_age_seconds = 3000;
};

// notes: "a policy to transition old versions into lower cost storage and eventually
// permanently delete them".
struct Lifecycle : Element {
  int noncurrent_transition_days = 30;
  std::string noncurrent_storage_class = "GLACIER_IR";
  int noncurrent_expiration_days = 365;
  int abort_incomplete_upload_days = 7;
  int expiration_days = 0;  // current versions too (log buckets); 0 = never
};

struct Replication : Element {
  std::string account;  // the backup account (vueback)
  std::string bucket;   // destination bucket name; derived when empty
  std::string storage_class = "STANDARD_IA";
};

struct Bucket : Element {
  std::string key;   // the spec's name for it: protected, public, public_protected, logs
  std::string name;  // the global S3 name
  BucketAccess access = BucketAccess::kProtected;
  bool versioning = true;  // notes: "Buckets are always versioned"
  bool has_lifecycle = true;
  Lifecycle lifecycle;
  std::vector<CorsRule> cors;  // notes: "CORS access for direct upload"
  bool browser_uploads = false;  // the browser uploads here (needs CORS)
  bool acceleration = false;     // notes: "Accelerated transfer is used"
  std::string encryption = "AES256";  // AES256 (SSE-S3) or aws:kms
  bool vpc_endpoint_access = true;    // the servers reach it through the S3 endpoint
  bool mfa_delete = false;            // notes TBD: "Enable MFA delete"
  bool has_replication = false;       // notes TBD: "Create cross-account bucket backup"
  Replication replication;
  std::string logging_bucket;  // server access logs
  bool force_destroy = false;
  // The bucket's public access block, all four settings on (notes: "Buckets have no public
  // access").
  bool public_access_block = true;
  // A bucket-policy statement denying requests without TLS (aws:SecureTransport false).
  bool require_tls = true;
};

struct Secret : Element {
  std::string name;
  std::string description;
  // How the value comes to be: "generate" (random, generate_length characters), "smtp"
  // (the SES SMTP credentials vueops derives), "external" (put by an operator with
  // `vueops secrets put`). Values are never written in the spec.
  std::string source = "external";
  int generate_length = 32;
  bool exclude_punctuation = true;
  int rotation_days = 0;  // 0: never rotated automatically
  std::string replicate_to_account;
};

}  // namespace vueops::spec

#endif  // VUEOPS_SPEC_STORAGE_H_

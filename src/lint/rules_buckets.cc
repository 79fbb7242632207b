// Rules of the notes' "S3" section (VO6xx): no public access, versions kept and later
// deleted, CORS for browser uploads, access through CloudFront, and the TBD backup and MFA
// delete.
#include <algorithm>
#include <set>

#include "lint/rule_helpers.h"
#include "lint/rules.h"

namespace vueops::lint {
namespace {

using spec::BucketAccess;

std::string BucketAddress(const spec::Environment& env, const spec::Bucket& bucket) {
  return Address(env.name, "bucket", bucket.key);
}

// Where a lifecycle setting was written, or the bucket's lifecycle (or the bucket) when the
// default applies.
Location LifecycleAt(const spec::Bucket& bucket, std::string_view field) {
  return bucket.lifecycle.Has(field) ? bucket.lifecycle.At(field) : bucket.At("lifecycle");
}

bool AllowsUpload(const spec::CorsRule& rule) {
  return std::any_of(rule.allowed_methods.begin(), rule.allowed_methods.end(),
                     [](const std::string& method) { return method == "PUT" || method == "POST"; });
}

// The keys of the buckets some distribution of the environment uses as an origin.
std::set<std::string> BucketsServedByCloudFront(const spec::Environment& env) {
  std::set<std::string> served;
  if (!env.cdn) return served;
  for (const spec::Distribution& distribution : env.cdn->distributions) {
    for (const spec::Origin& origin : distribution.origins) {
      if (!origin.bucket.empty()) served.insert(origin.bucket);
    }
  }
  return served;
}

// The buckets MPF serves: protected, public and public-protected.
bool IsContent(const spec::Bucket& bucket) {
  return bucket.access == BucketAccess::kProtected || bucket.access == BucketAccess::kPublic ||
         bucket.access == BucketAccess::kPublicProtected;
}

}  // namespace

void CheckBucketPublicAccessBlock(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    for (const spec::Bucket& bucket : env.buckets) {
      if (!bucket.public_access_block) {
        context.Report(bucket.At("public_access_block"), BucketAddress(env, bucket),
                       "bucket '" + bucket.key + "' does not block public access");
      }
    }
  }
}

void CheckBucketVersioning(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    for (const spec::Bucket& bucket : env.buckets) {
      if (!bucket.versioning) {
        context.Report(bucket.At("versioning"), BucketAddress(env, bucket),
                       "bucket '" + bucket.key + "' is not versioned");
      }
    }
  }
}

void CheckBucketOldVersionLifecycle(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    for (const spec::Bucket& bucket : env.buckets) {
      if (!bucket.versioning) continue;  // no old versions: VO602's finding
      std::string subject = BucketAddress(env, bucket);
      if (!bucket.has_lifecycle) {
        context.Report(bucket.At("lifecycle"), subject,
                       "bucket '" + bucket.key + "' keeps every old version forever");
        continue;
      }
      // 0 days means the step is left out.
      if (bucket.lifecycle.noncurrent_transition_days == 0) {
        context.Report(LifecycleAt(bucket, "noncurrent_transition_days"), subject,
                       "old versions of bucket '" + bucket.key + "' stay in STANDARD storage");
      }
      if (bucket.lifecycle.noncurrent_expiration_days == 0) {
        context.Report(LifecycleAt(bucket, "noncurrent_expiration_days"), subject,
                       "old versions of bucket '" + bucket.key + "' are never deleted");
      }
    }
  }
}

void CheckBucketCorsForUploads(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    for (const spec::Bucket& bucket : env.buckets) {
      if (!bucket.browser_uploads ||
          std::any_of(bucket.cors.begin(), bucket.cors.end(), AllowsUpload)) {
        continue;
      }
      context.Report(bucket.Has("cors") ? bucket.At("cors") : bucket.At("browser_uploads"),
                     BucketAddress(env, bucket),
                     "the browser uploads to bucket '" + bucket.key +
                         "', but no CORS rule allows PUT or POST");
    }
  }
}

void CheckBucketServedThroughCloudFront(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    std::set<std::string> served = BucketsServedByCloudFront(env);
    for (const spec::Bucket& bucket : env.buckets) {
      if (IsContent(bucket) && !served.count(bucket.key)) {
        context.Report(bucket.location, BucketAddress(env, bucket),
                       std::string(spec::BucketAccessName(bucket.access)) + " bucket '" +
                           bucket.key + "' is the origin of no distribution");
      }
    }
  }
}

void CheckBucketCrossAccountBackup(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    for (const spec::Bucket& bucket : env.buckets) {
      // Backup buckets are the copies; log buckets hold records that expire, not data.
      if (bucket.access == BucketAccess::kBackup || bucket.access == BucketAccess::kLogs) continue;
      const spec::Account* account =
          context.stack().organization.FindAccount(bucket.replication.account);
      if (!bucket.has_replication) {
        context.Report(bucket.Has("replication") ? bucket.At("replication") : bucket.location,
                       BucketAddress(env, bucket),
                       "bucket '" + bucket.key + "' is not replicated to the backup account");
      } else if (account != nullptr && account->kind != spec::AccountKind::kBackup) {
        context.Report(bucket.At("replication"), BucketAddress(env, bucket),
                       "bucket '" + bucket.key + "' is replicated to '" + account->name + "', a " +
                           std::string(spec::AccountKindName(account->kind)) +
                           " account, not the backup account");
      }
    }
  }
}

void CheckBucketMfaDelete(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    for (const spec::Bucket& bucket : env.buckets) {
      if (bucket.access != BucketAccess::kBackup && !bucket.mfa_delete) {
        context.Report(bucket.At("mfa_delete"), BucketAddress(env, bucket),
                       "versions of bucket '" + bucket.key + "' can be deleted without MFA");
      }
    }
  }
}

void CheckBucketDeniesPlainHttp(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    for (const spec::Bucket& bucket : env.buckets) {
      if (!bucket.require_tls) {
        context.Report(bucket.At("require_tls"), BucketAddress(env, bucket),
                       "bucket '" + bucket.key + "' takes requests without TLS");
      }
    }
  }
}

void CheckBucketAccessLogging(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    for (const spec::Bucket& bucket : env.buckets) {
      // A logs bucket logging its own access would log the log writes, without end.
      if (bucket.access == BucketAccess::kLogs) continue;
      const spec::Bucket* target = env.FindBucket(bucket.logging_bucket);
      if (bucket.logging_bucket.empty()) {
        context.Report(bucket.location, BucketAddress(env, bucket),
                       "bucket '" + bucket.key + "' logs no access");
      } else if (target != nullptr && target->access != BucketAccess::kLogs) {
        context.Report(bucket.At("logging_bucket"), BucketAddress(env, bucket),
                       "bucket '" + bucket.key + "' logs access into " +
                           std::string(spec::BucketAccessName(target->access)) + " bucket '" +
                           target->key + "'");
      }
    }
  }
}

void CheckBucketAbortsIncompleteUploads(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    for (const spec::Bucket& bucket : env.buckets) {
      if (!bucket.has_lifecycle) {
        context.Report(bucket.At("lifecycle"), BucketAddress(env, bucket),
                       "bucket '" + bucket.key + "' has no lifecycle to end incomplete uploads");
      } else if (bucket.lifecycle.abort_incomplete_upload_days == 0) {
        context.Report(LifecycleAt(bucket, "abort_incomplete_upload_days"),
                       BucketAddress(env, bucket),
                       "incomplete uploads to bucket '" + bucket.key + "' are kept forever");
      }
    }
  }
}

}  // namespace vueops::lint

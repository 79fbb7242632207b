// Resolving buckets, secrets, certificates, the load balancer, CloudFront, mail and DNS
// (notes: "S3", "Keys and SSL certificates", "ELB", "CloudFront", "SES", "Route53").
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "spec/resolve.h"

namespace vueops::spec {
namespace {

// CloudFront only takes ACM certificates from US East (N. Virginia).
constexpr const char* kCloudFrontCertificateRegion = "us-east-1";

std::vector<std::string> Names(const auto& items) {
  std::vector<std::string> names;
  for (const auto& item : items) names.push_back(item.name);
  return names;
}

std::vector<std::string> BucketKeys(const Environment& env) {
  std::vector<std::string> keys;
  for (const Bucket& bucket : env.buckets) keys.push_back(bucket.key);
  return keys;
}

std::vector<std::string> AccountNames(const Stack& stack) {
  std::vector<std::string> names;
  for (const Account& account : stack.organization.accounts) names.push_back(account.name);
  return names;
}

void ResolveLoadBalancer(DecodeContext& context, Environment& env) {
  LoadBalancer& lb = *env.load_balancer;
  std::vector<std::string> groups = Names(lb.target_groups);
  std::vector<std::string> certificates = Names(env.certificates);
  std::map<int, const Listener*> ports;
  for (const Listener& listener : lb.listeners) {
    // Port 0: the port was missing or invalid, which is already reported.
    std::string owner =
        listener.port == 0 ? "listener" : "listener on port " + std::to_string(listener.port);
    if (auto [first, added] = ports.emplace(listener.port, &listener);
        !added && listener.port != 0) {
      context.Error("spec.duplicate", listener.At("port"),
                    "two listeners on port " + std::to_string(listener.port),
                    "the first is at line " + std::to_string(first->second->At("port").line) +
                        "; a load balancer has one listener per port");
    }
    if (!listener.certificate.empty()) {
      CheckReference(context, listener.At("certificate"), owner, "certificate",
                     listener.certificate, certificates);
    }
    if (!listener.default_target_group.empty()) {
      CheckReference(context, listener.At("default_target_group"), owner, "target group",
                     listener.default_target_group, groups);
    }
  }
  for (const Route& route : lb.routes) {
    CheckReference(context, route.At("target_group"), "route", "target group", route.target_group,
                   groups);
  }
  std::map<int, const Route*> priorities;
  for (const Route& route : lb.routes) {
    if (auto [first, added] = priorities.emplace(route.priority, &route); !added) {
      context.Error("spec.duplicate", route.At("priority"),
                    "two routes have priority " + std::to_string(route.priority),
                    "the first is at line " + std::to_string(first->second->At("priority").line) +
                        "; listener rule priorities must be unique");
    }
  }
  if (!lb.access_logs_bucket.empty()) {
    CheckReference(context, lb.At("access_logs_bucket"), "load_balancer", "bucket",
                   lb.access_logs_bucket, BucketKeys(env));
  }
}

void ResolveCertificates(DecodeContext& context, Environment& env) {
  std::set<std::string> used_by_cdn;
  if (env.cdn) {
    for (const Distribution& distribution : env.cdn->distributions) {
      used_by_cdn.insert(distribution.certificate);
    }
  }
  std::vector<std::string> zones;
  if (env.dns) zones = Names(env.dns->zones);
  for (Certificate& certificate : env.certificates) {
    // Written regions stand (lint checks them); the default follows the certificate's use.
    if (certificate.region.empty()) {
      certificate.region =
          used_by_cdn.count(certificate.name) ? kCloudFrontCertificateRegion : env.region;
    }
    if (!certificate.validation_zone.empty()) {
      CheckReference(context, certificate.At("validation_zone"),
                     "certificate '" + certificate.name + "'", "zone",
                     certificate.validation_zone, zones);
    }
  }
}

void ResolveCdn(DecodeContext& context, Environment& env) {
  Cdn& cdn = *env.cdn;
  std::vector<std::string> buckets = BucketKeys(env);
  std::vector<std::string> certificates = Names(env.certificates);
  std::vector<std::string> secrets = Names(env.secrets);
  bool any_signed = false;
  for (Distribution& distribution : cdn.distributions) {
    std::string owner = "distribution '" + distribution.name + "'";
    for (const Origin& origin : distribution.origins) {
      std::string origin_owner = "origin '" + origin.name + "' of " + owner;
      if (!origin.bucket.empty()) {
        CheckReference(context, origin.At("bucket"), origin_owner, "bucket", origin.bucket,
                       buckets);
      } else if (origin.load_balancer && !env.load_balancer) {
        context.Error("spec.reference", origin.At("load_balancer"),
                      origin_owner + " points at the load balancer, but the environment has none");
      }
    }
    std::vector<std::string> origins = Names(distribution.origins);
    std::vector<const Behavior*> behaviors = {&distribution.default_behavior};
    for (const Behavior& behavior : distribution.behaviors) behaviors.push_back(&behavior);
    std::set<std::string> patterns;
    for (const Behavior* behavior : behaviors) {
      std::string behavior_owner =
          behavior->path_pattern.empty() ? "the default behavior of " + owner
                                         : "behavior '" + behavior->path_pattern + "' of " + owner;
      if (!behavior->origin.empty()) {
        CheckReference(context, behavior->At("origin"), behavior_owner, "origin",
                       behavior->origin, origins);
      }
      if (!behavior->path_pattern.empty() && !patterns.insert(behavior->path_pattern).second) {
        context.Error("spec.duplicate", behavior->At("path"),
                      "two behaviors of " + owner + " match '" + behavior->path_pattern + "'");
      }
      any_signed = any_signed || behavior->signed_urls;
    }
    if (!distribution.certificate.empty()) {
      CheckReference(context, distribution.At("certificate"), owner, "certificate",
                     distribution.certificate, certificates);
    }
    if (!distribution.logging_bucket.empty()) {
      CheckReference(context, distribution.At("logging_bucket"), owner + " logging", "bucket",
                     distribution.logging_bucket, buckets);
    }
  }
  if (any_signed) {
    if (cdn.key_group.empty() || cdn.public_key_file.empty()) {
      context.Error("spec.missing", cdn.location,
                    "behaviors use signed URLs, so cdn needs key_group and public_key_file",
                    "notes: \"Protected files use signed URLs\"; vueops makes a key group from "
                    "the public key");
    }
  }
  if (!cdn.private_key_secret.empty()) {
    CheckReference(context, cdn.At("private_key_secret"), "cdn", "secret",
                   cdn.private_key_secret, secrets);
  }
}

void ResolveDns(DecodeContext& context, Environment& env) {
  Dns& dns = *env.dns;
  std::vector<std::string> checks = Names(dns.health_checks);
  std::vector<std::string> aliases;
  if (env.load_balancer) aliases.push_back("load_balancer");
  if (env.cdn) {
    for (const Distribution& distribution : env.cdn->distributions) {
      aliases.push_back("cdn." + distribution.name);
    }
  }
  for (const Zone& zone : dns.zones) {
    std::set<std::tuple<std::string, std::string, std::string>> seen;
    for (const Record& record : zone.records) {
      std::string owner = "record '" + (record.name.empty() ? "@" : record.name) + "' of zone '" +
                          zone.name + "'";
      if (!seen.emplace(record.name, record.type, record.set_identifier).second) {
        context.Error("spec.duplicate", record.location,
                      owner + " (" + record.type + ") is written twice",
                      "records of one name and type differ only by failover/set_identifier");
      }
      if (!record.alias.empty()) {
        CheckReference(context, record.At("alias"), owner, "alias target", record.alias, aliases);
      }
      if (!record.elastic_ip.empty()) {
        CheckReference(context, record.At("elastic_ip"), owner, "elastic IP", record.elastic_ip,
                       dns.elastic_ips);
      }
      if (!record.health_check.empty()) {
        CheckReference(context, record.At("health_check"), owner, "health check",
                       record.health_check, checks);
      }
    }
  }
}

}  // namespace

std::string DefaultBucketName(const std::string& stack, const std::string& env,
                              const std::string& key) {
  std::string name = stack + "-" + env + "-" + key;
  std::replace(name.begin(), name.end(), '_', '-');
  return name;
}

std::string BucketNameProblem(const std::string& name, bool accelerated) {
  // S3 User Guide, "General purpose bucket naming rules".
  if (name.size() < 3 || name.size() > 63) return "S3 bucket names are 3 to 63 characters";
  if (name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789.-") != std::string::npos) {
    return "S3 bucket names use only lowercase letters, digits, dots and hyphens";
  }
  auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  if (!alnum(name.front()) || !alnum(name.back())) {
    return "S3 bucket names start and end with a letter or digit";
  }
  if (name.find("..") != std::string::npos) return "S3 bucket names have no two adjacent dots";
  if (name.rfind("xn--", 0) == 0 || name.rfind("sthree-", 0) == 0) {
    return "S3 reserves names starting with xn-- and sthree-";
  }
  if (name.size() > 8 && name.compare(name.size() - 8, 8, "-s3alias") == 0) {
    return "S3 reserves names ending in -s3alias";
  }
  if (accelerated && name.find('.') != std::string::npos) {
    return "buckets with Transfer Acceleration cannot have dots in their names";
  }
  return "";
}

void ResolveBucketsAndSecrets(DecodeContext& context, const Stack& stack, Environment& env) {
  std::vector<std::string> keys = BucketKeys(env);
  std::vector<std::string> accounts = AccountNames(stack);
  const Account* backup_account = stack.organization.FirstOfKind(AccountKind::kBackup);
  for (Bucket& bucket : env.buckets) {
    if (bucket.name.empty()) bucket.name = DefaultBucketName(stack.name, env.name, bucket.key);
    std::string problem = BucketNameProblem(bucket.name, bucket.acceleration);
    if (!problem.empty()) {
      context.Error("spec.value", bucket.At("name"),
                    "bucket name '" + bucket.name + "' is not valid: " + problem);
    }
    std::string owner = "bucket '" + bucket.key + "'";
    // The notes' TBD "Create cross-account bucket backup", as the default: data buckets
    // replicate into the backup account unless the spec says replication: false.
    bool data = bucket.access != BucketAccess::kLogs && bucket.access != BucketAccess::kBackup;
    if (!bucket.Has("replication") && data && backup_account != nullptr) {
      bucket.has_replication = true;
    }
    if (bucket.has_replication && bucket.replication.account.empty()) {
      if (backup_account == nullptr) {
        context.Error("spec.missing", bucket.At("replication"),
                      owner + " replicates, but the organization has no backup account",
                      "write replication: {account: NAME}, or add an account of kind backup");
      } else {
        bucket.replication.account = backup_account->name;
      }
    }
    if (bucket.has_replication) {
      if (!bucket.replication.account.empty()) {
        CheckReference(context, bucket.At("replication"), owner + " replication", "account",
                       bucket.replication.account, accounts);
      }
      if (bucket.replication.bucket.empty()) bucket.replication.bucket = bucket.name + "-backup";
      if (!bucket.versioning) {
        context.Error("spec.value", bucket.At("versioning"),
                      owner + " replicates but is not versioned",
                      "S3 replication needs versioning on both buckets");
      }
    }
    if (!bucket.logging_bucket.empty()) {
      if (bucket.logging_bucket == bucket.key) {
        context.Error("spec.value", bucket.At("logging_bucket"),
                      owner + " logs into itself", "log into a separate bucket");
      } else {
        CheckReference(context, bucket.At("logging_bucket"), owner, "bucket",
                       bucket.logging_bucket, keys);
      }
    }
  }
  std::vector<std::string> secrets = Names(env.secrets);
  for (const Secret& secret : env.secrets) {
    if (!secret.replicate_to_account.empty()) {
      CheckReference(context, secret.At("replicate_to_account"), "secret '" + secret.name + "'",
                     "account", secret.replicate_to_account, accounts);
    }
  }
  if (env.mail) {
    Mail& mail = *env.mail;
    if (mail.region.empty()) mail.region = env.region;
    CheckReference(context, mail.At("credentials_secret"), "mail", "secret",
                   mail.credentials_secret, secrets);
  }
}

void ResolveEdge(DecodeContext& context, const Stack&, Environment& env) {
  ResolveCertificates(context, env);
  if (env.load_balancer) ResolveLoadBalancer(context, env);
  if (env.cdn) ResolveCdn(context, env);
  if (env.dns) ResolveDns(context, env);
}

}  // namespace vueops::spec

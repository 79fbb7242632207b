// The CloudFront pass (notes: "CloudFront"): the origin access controls that sign for the
// buckets, the key group that signs URLs, and the distributions with their origins,
// behaviours, error pages, certificate and logging (docs/resources.md, "CloudFront").
//
//   "For both PUBLIC and PROTECTED distributions: ELB origin for no-host requests; Static
//   error file mpf-root origin to PUBLIC S3 _static/mpf-root folder; Default origin to
//   corresponding S3 bucket." "Custom SSL: Set to SNI"; "ACM CERT FOR CF MUST BE REGISTERED
//   IN North Virgina region"; "Logging: Log to separate S3 bucket"; "Return 403 for bad URLS
//   -> map to 404 error"; "Protected files use signed URLs".
#include <algorithm>
#include <cctype>
#include <set>

#include "graph/build.h"
#include "graph/cdn_buckets.h"
#include "graph/network_references.h"

namespace vueops::graph {
namespace {

using resources::MakeAddress;
using resources::Reference;

// The signing key's and key group's address name (docs/resources.md).
constexpr const char* kSigningName = "signing";
// CloudFront Developer Guide, "Values that you specify when you create or update a
// distribution": the cache's default TTL (one day) and maximum TTL (one year) when the origin
// sends no Cache-Control; a behaviour that caches nothing has all three at 0.
constexpr int kDefaultTtlSeconds = 86400;
constexpr int kMaxTtlSeconds = 31536000;
// HTTP/2 and HTTP/3 to viewers, and IPv6: CloudFront's recommended settings for new
// distributions (CloudFront Developer Guide, "Supported HTTP versions", "Enable IPv6").
constexpr const char* kHttpVersion = "http2and3";
constexpr bool kIpv6Enabled = true;
// The custom (load balancer) origin's ports and the TLS versions CloudFront may use to it
// (CloudFront Developer Guide, "Origin settings": TLSv1.2 is the recommended minimum).
constexpr int kHttpPort = 80;
constexpr int kHttpsPort = 443;
constexpr const char* kOriginSslProtocol = "TLSv1.2";
// Forwarding "*" forwards every query string (or cookie), so CloudFront's list is empty.
constexpr const char* kEverything = "*";

Json Sorted(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return Json(values);
}

// CloudFront takes methods in upper case, the spec in any case.
Json Methods(std::vector<std::string> methods) {
  for (std::string& method : methods) {
    for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return Sorted(std::move(methods));
}

bool Contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

// The PEM as cloudfront_public_key.cc reads it back: without trailing whitespace.
std::string TrimTrailingSpace(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  return text;
}

class CdnPass {
 public:
  CdnPass(BuildContext& context, const spec::Environment& env, const spec::Cdn& cdn)
      : context_(context), env_(env), cdn_(cdn), account_(context.AccountOf(env.account)) {}

  void Run() {
    if (cdn_.origin_access == spec::OriginAccess::kIdentity) {
      // moto lacks origin access identities and AWS calls them legacy: vueops makes origin
      // access controls only (docs/spec.md, "cdn").
      context_.Fail(FormatLocation(cdn_.At("origin_access")) + ": " + env_.name +
                    " cdn: origin_access: identity (OAI) is not built by vueops; use control");
      return;
    }
    OriginAccessControls();
    if (!cdn_.key_group.empty() && !cdn_.public_key.empty()) KeyGroup();
    for (const spec::Distribution& distribution : cdn_.distributions) Distribution(distribution);
  }

 private:
  std::string Address(std::string_view type, const std::string& name) const {
    return MakeAddress(env_.name, type, name);
  }

  resources::DesiredResource& Add(std::string_view type, const std::string& name, Json attributes,
                                  Location source) {
    resources::DesiredResource& resource = context_.Add(Address(type, name), type, account_,
                                                        env_.region, std::move(attributes), source);
    resource.tags = context_.EnvironmentTags(env_);
    return resource;
  }

  // One per bucket a distribution reads (the notes' FUTURE "use different OAIs for different
  // behaviors/buckets"), or one for them all.
  void OriginAccessControls() {
    std::set<std::string> added;
    for (const auto& [bucket_key, distributions] : DistributionsByBucket(env_)) {
      std::string address = OriginAccessControlAddress(env_, bucket_key);
      if (!added.insert(address).second) continue;
      std::string name = cdn_.origin_access_per_bucket ? bucket_key : kSharedOriginAccessControl;
      const spec::Bucket* bucket = env_.FindBucket(bucket_key);
      std::string description =
          cdn_.origin_access_per_bucket && bucket != nullptr
              ? "CloudFront signs its requests to bucket " + bucket->name
              : "CloudFront signs its requests to the " + env_.name + " buckets";
      context_.Add(address, "origin_access_control", account_, "",
                   {{"name", context_.Name(env_, name)},
                    {"description", description},
                    {"origin_type", "s3"},
                    {"signing_behavior", "always"},
                    {"signing_protocol", "sigv4"}},
                   cdn_.At("origin_access"));
    }
  }

  void KeyGroup() {
    Add("cloudfront_public_key", kSigningName,
        {{"name", cdn_.key_group},
         {"encoded_key", TrimTrailingSpace(cdn_.public_key)},
         {"comment",
          "Signs " + env_.name + " CloudFront URLs and cookies (" + cdn_.public_key_file + ")"}},
        cdn_.At("public_key_file"));
    Add("cloudfront_key_group", kSigningName,
        {{"name", cdn_.key_group},
         {"public_key_ids",
          Json::array({Reference(Address("cloudfront_public_key", kSigningName))})},
         {"comment", "Trusted by the " + env_.name + " behaviours that need signed URLs"}},
        cdn_.At("key_group"));
  }

  Json ViewerCertificate(const spec::Distribution& distribution) {
    if (distribution.certificate.empty()) return {{"cloudfront_default_certificate", true}};
    const spec::Certificate* certificate = env_.FindCertificate(distribution.certificate);
    if (certificate == nullptr) {
      context_.Fail(FormatLocation(distribution.At("certificate")) + ": " + env_.name +
                    " distribution " + distribution.name + ": no certificate named '" +
                    distribution.certificate + "'");
      return {{"cloudfront_default_certificate", true}};
    }
    // Through its validation, so that the distribution waits for the issued certificate.
    Json arn = certificate->arn.empty()
                   ? Reference(Address("certificate_validation", certificate->name), "arn")
                   : Json(certificate->arn);
    return {{"acm_certificate_arn", arn},
            {"ssl_support_method", distribution.ssl_support},
            {"minimum_protocol_version", distribution.minimum_tls}};
  }

  Json Origin(const spec::Origin& origin) {
    if (origin.load_balancer) {
      return {{"id", origin.name},
              {"domain_name", Reference(Address("load_balancer", "main"), "dns_name")},
              {"origin_path", origin.path},
              {"protocol_policy", origin.protocol_policy},
              {"http_port", kHttpPort},
              {"https_port", kHttpsPort},
              {"ssl_protocols", Json::array({kOriginSslProtocol})}};
    }
    // OAC signs for the bucket's regional name (CloudFront Developer Guide, "Restricting
    // access to an Amazon S3 origin").
    return {
        {"id", origin.name},
        {"domain_name", Reference(Address("bucket", origin.bucket), "regional_domain_name")},
        {"origin_path", origin.path},
        {"origin_access_control_id", Reference(OriginAccessControlAddress(env_, origin.bucket))}};
  }

  // A behaviour in distribution_config.h's flat vocabulary: the legacy cache settings
  // (ForwardedValues), the lists sorted.
  Json Behavior(const spec::Behavior& behavior, bool with_path) {
    Json out = Json::object();
    if (with_path) out["path_pattern"] = behavior.path_pattern;
    out["target_origin_id"] = behavior.origin;
    out["viewer_protocol_policy"] = behavior.viewer_protocol;
    out["allowed_methods"] = Methods(behavior.allowed_methods);
    out["cached_methods"] = Methods(behavior.cached_methods);
    out["compress"] = behavior.compress;
    const std::vector<std::string>& query = behavior.forward_query_strings;
    out["query_string"] = !query.empty();
    out["query_string_cache_keys"] = Contains(query, kEverything) ? Json::array() : Sorted(query);
    const std::vector<std::string>& cookies = behavior.forward_cookies;
    if (cookies.empty()) {
      out["cookies"] = "none";
      out["cookie_names"] = Json::array();
    } else if (Contains(cookies, kEverything)) {
      out["cookies"] = "all";
      out["cookie_names"] = Json::array();
    } else {
      out["cookies"] = "whitelist";
      out["cookie_names"] = Sorted(cookies);
    }
    out["headers"] = Sorted(behavior.forward_headers);
    out["min_ttl"] = 0;
    out["default_ttl"] = behavior.cached ? kDefaultTtlSeconds : 0;
    out["max_ttl"] = behavior.cached ? kMaxTtlSeconds : 0;
    Json key_groups = Json::array();
    if (behavior.signed_urls) {
      if (cdn_.key_group.empty() || cdn_.public_key.empty()) {
        context_.Fail(FormatLocation(behavior.At("signed")) + ": " + env_.name +
                      " cdn: a behaviour needs signed URLs, but there is no key group");
      } else {
        key_groups.push_back(Reference(Address("cloudfront_key_group", kSigningName)));
      }
    }
    out["trusted_key_groups"] = key_groups;
    return out;
  }

  void Distribution(const spec::Distribution& distribution) {
    std::vector<std::string> aliases = distribution.aliases;
    aliases.insert(aliases.end(), distribution.secondary_aliases.begin(),
                   distribution.secondary_aliases.end());
    Json logging;  // null: off
    if (!distribution.logging_bucket.empty()) {
      logging = {
          {"bucket", Reference(Address("bucket", distribution.logging_bucket), "domain_name")},
          {"prefix", distribution.logging_prefix},
          {"include_cookies", false}};
    }
    Json origins = Json::array();
    for (const spec::Origin& origin : distribution.origins) origins.push_back(Origin(origin));
    std::sort(origins.begin(), origins.end(),
              [](const Json& a, const Json& b) { return a["id"] < b["id"]; });
    // In the spec's order, which is CloudFront's precedence.
    Json behaviors = Json::array();
    for (const spec::Behavior& behavior : distribution.behaviors) {
      behaviors.push_back(Behavior(behavior, true));
    }
    Json errors = Json::array();
    for (const spec::ErrorPage& page : distribution.error_pages) {
      errors.push_back({{"error_code", page.error_code},
                        {"response_code", page.response_code},
                        {"response_page_path", page.response_page},
                        {"error_caching_min_ttl", page.min_ttl_seconds}});
    }
    std::stable_sort(errors.begin(), errors.end(), [](const Json& a, const Json& b) {
      return a["error_code"] < b["error_code"];
    });
    resources::DesiredResource& resource =
        Add("distribution", distribution.name,
            {{"comment", distribution.comment},
             {"enabled", distribution.enabled},
             {"aliases", Sorted(aliases)},
             {"price_class", distribution.price_class},
             {"http_version", kHttpVersion},
             {"ipv6_enabled", kIpv6Enabled},
             {"default_root_object", distribution.default_root_object},
             {"viewer_certificate", ViewerCertificate(distribution)},
             {"logging", logging},
             {"origins", origins},
             {"default_cache_behavior", Behavior(distribution.default_behavior, false)},
             {"cache_behaviors", behaviors},
             {"custom_error_responses", errors},
             {"tags", TagsAttribute(env_)}},
            distribution.location);
    // CloudFront's standard logging writes through the logs bucket's ACL, which its Object
    // Ownership must allow before the distribution names the bucket (CloudFront Developer
    // Guide, "Configure standard logging (legacy)").
    if (!distribution.logging_bucket.empty()) {
      resource.depends_on.push_back(Address("bucket_ownership", distribution.logging_bucket));
    }
  }

  BuildContext& context_;
  const spec::Environment& env_;
  const spec::Cdn& cdn_;
  const std::string account_;
};

}  // namespace

void BuildCdn(BuildContext& context, const spec::Environment& env) {
  if (!env.cdn) return;
  CdnPass(context, env, *env.cdn).Run();
}

}  // namespace vueops::graph

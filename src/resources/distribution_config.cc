#include "resources/distribution_config.h"

#include <algorithm>
#include <string>

#include "resources/cloudfront_support.h"

namespace vueops::resources {
namespace {

Json Sorted(Json list) {
  if (!list.is_array()) return Json::array();
  std::sort(list.begin(), list.end());
  return list;
}

Json SortedBy(Json list, const char* key) {
  if (!list.is_array()) return Json::array();
  std::stable_sort(list.begin(), list.end(),
                   [key](const Json& a, const Json& b) { return a[key] < b[key]; });
  return list;
}

const Json& Member(const Json& object, const char* key) {
  static const Json* empty = new Json(Json::object());
  if (!object.is_object() || !object.contains(key) || !object[key].is_object()) return *empty;
  return object[key];
}

// ---- from a live DistributionConfig ------------------------------------------------------

Json BehaviorAttributes(const Json& behavior, bool with_path) {
  Json out = Json::object();
  if (with_path) out["path_pattern"] = behavior.value("PathPattern", "");
  out["target_origin_id"] = behavior.value("TargetOriginId", "");
  out["viewer_protocol_policy"] = behavior.value("ViewerProtocolPolicy", "");
  const Json& methods = Member(behavior, "AllowedMethods");
  out["allowed_methods"] = Sorted(CloudFrontItems(methods));
  out["cached_methods"] = Sorted(CloudFrontItems(Member(methods, "CachedMethods")));
  out["compress"] = behavior.value("Compress", false);
  const Json& forwarded = Member(behavior, "ForwardedValues");
  out["query_string"] = forwarded.value("QueryString", false);
  out["query_string_cache_keys"] =
      Sorted(CloudFrontItems(Member(forwarded, "QueryStringCacheKeys")));
  const Json& cookies = Member(forwarded, "Cookies");
  out["cookies"] = cookies.value("Forward", "none");
  out["cookie_names"] = Sorted(CloudFrontItems(Member(cookies, "WhitelistedNames")));
  out["headers"] = Sorted(CloudFrontItems(Member(forwarded, "Headers")));
  out["min_ttl"] = behavior.value("MinTTL", 0);
  out["default_ttl"] = behavior.value("DefaultTTL", 0);
  out["max_ttl"] = behavior.value("MaxTTL", 0);
  const Json& key_groups = Member(behavior, "TrustedKeyGroups");
  out["trusted_key_groups"] =
      key_groups.value("Enabled", false) ? Sorted(CloudFrontItems(key_groups)) : Json::array();
  // Set by hand instead of the legacy settings: shown so that the plan puts them back.
  if (!behavior.value("CachePolicyId", "").empty()) {
    out["cache_policy_id"] = behavior["CachePolicyId"];
  }
  return out;
}

Json OriginAttributes(const Json& origin, const Json& recorded) {
  Json out = {{"id", origin.value("Id", "")},
              {"domain_name", origin.value("DomainName", "")},
              {"origin_path", origin.value("OriginPath", "")}};
  const Json& custom = Member(origin, "CustomOriginConfig");
  if (!custom.empty()) {
    out["protocol_policy"] = custom.value("OriginProtocolPolicy", "");
    out["http_port"] = custom.value("HTTPPort", 0);
    out["https_port"] = custom.value("HTTPSPort", 0);
    out["ssl_protocols"] = Sorted(CloudFrontItems(Member(custom, "OriginSslProtocols")));
    return out;
  }
  out["origin_access_control_id"] = ReportedOr(
      origin, "OriginAccessControlId", recorded.value("origin_access_control_id", Json()));
  std::string identity = Member(origin, "S3OriginConfig").value("OriginAccessIdentity", "");
  if (!identity.empty()) out["origin_access_identity"] = identity;
  return out;
}

Json ViewerCertificateAttributes(const Json& certificate) {
  if (certificate.value("CloudFrontDefaultCertificate", false) ||
      certificate.value("ACMCertificateArn", "").empty()) {
    return {{"cloudfront_default_certificate", true}};
  }
  return {{"acm_certificate_arn", certificate.value("ACMCertificateArn", "")},
          {"ssl_support_method", certificate.value("SSLSupportMethod", "")},
          {"minimum_protocol_version", certificate.value("MinimumProtocolVersion", "")}};
}

Json ErrorResponseAttributes(const Json& response) {
  Json out = {{"error_code", response.value("ErrorCode", 0)}};
  std::string code = response.value("ResponseCode", "");
  out["response_code"] = code.empty() ? Json() : Json(std::stoi(code));
  out["response_page_path"] = response.value("ResponsePagePath", "");
  out["error_caching_min_ttl"] = response.value("ErrorCachingMinTTL", 0);
  return out;
}

// ---- to a DistributionConfig --------------------------------------------------------------

Json StringList(const Json& values) { return CloudFrontList(Sorted(values)); }

Json Behavior(const Json& attributes) {
  Json behavior = Json::object();
  if (attributes.contains("path_pattern")) behavior["PathPattern"] = attributes["path_pattern"];
  behavior["TargetOriginId"] = attributes.value("target_origin_id", "");
  behavior["TrustedSigners"] = {{"Enabled", false}, {"Quantity", 0}};
  Json key_groups = CloudFrontList(Sorted(attributes.value("trusted_key_groups", Json::array())));
  key_groups["Enabled"] = key_groups["Quantity"].get<size_t>() > 0;
  behavior["TrustedKeyGroups"] = key_groups;
  behavior["ViewerProtocolPolicy"] = attributes.value("viewer_protocol_policy", "");
  Json methods = StringList(attributes.value("allowed_methods", Json::array()));
  methods["CachedMethods"] = StringList(attributes.value("cached_methods", Json::array()));
  behavior["AllowedMethods"] = methods;
  behavior["SmoothStreaming"] = false;
  behavior["Compress"] = attributes.value("compress", false);
  behavior["LambdaFunctionAssociations"] = {{"Quantity", 0}};
  behavior["FunctionAssociations"] = {{"Quantity", 0}};
  behavior["FieldLevelEncryptionId"] = "";
  Json cookies = {{"Forward", attributes.value("cookies", "none")}};
  if (cookies["Forward"] == "whitelist") {
    cookies["WhitelistedNames"] = StringList(attributes.value("cookie_names", Json::array()));
  }
  behavior["ForwardedValues"] = {
      {"QueryString", attributes.value("query_string", false)},
      {"Cookies", cookies},
      {"Headers", StringList(attributes.value("headers", Json::array()))},
      {"QueryStringCacheKeys",
       StringList(attributes.value("query_string_cache_keys", Json::array()))},
  };
  behavior["MinTTL"] = attributes.value("min_ttl", 0);
  behavior["DefaultTTL"] = attributes.value("default_ttl", 0);
  behavior["MaxTTL"] = attributes.value("max_ttl", 0);
  return behavior;
}

// CloudFront's defaults for a custom origin (CloudFront Developer Guide, "Origin settings").
constexpr int kOriginReadTimeoutSeconds = 30;
constexpr int kOriginKeepaliveTimeoutSeconds = 5;

Json Origin(const Json& attributes) {
  Json origin = {{"Id", attributes.value("id", "")},
                 {"DomainName", attributes.value("domain_name", "")},
                 {"OriginPath", attributes.value("origin_path", "")},
                 {"CustomHeaders", {{"Quantity", 0}}}};
  if (attributes.contains("protocol_policy")) {
    origin["CustomOriginConfig"] = {
        {"HTTPPort", attributes.value("http_port", 80)},
        {"HTTPSPort", attributes.value("https_port", 443)},
        {"OriginProtocolPolicy", attributes["protocol_policy"]},
        {"OriginSslProtocols", StringList(attributes.value("ssl_protocols", Json::array()))},
        {"OriginReadTimeout", kOriginReadTimeoutSeconds},
        {"OriginKeepaliveTimeout", kOriginKeepaliveTimeoutSeconds},
    };
  } else {
    // With origin access control the legacy identity stays empty (CloudFront Developer Guide,
    // "Restricting access to an Amazon S3 origin").
    origin["S3OriginConfig"] = {
        {"OriginAccessIdentity", attributes.value("origin_access_identity", "")}};
    origin["OriginAccessControlId"] = attributes.value("origin_access_control_id", "");
  }
  return origin;
}

Json ViewerCertificate(const Json& attributes) {
  if (attributes.value("cloudfront_default_certificate", false)) {
    return {{"CloudFrontDefaultCertificate", true}};
  }
  return {{"CloudFrontDefaultCertificate", false},
          {"ACMCertificateArn", attributes.value("acm_certificate_arn", "")},
          {"SSLSupportMethod", attributes.value("ssl_support_method", "sni-only")},
          {"MinimumProtocolVersion", attributes.value("minimum_protocol_version", "")}};
}

Json ErrorResponse(const Json& attributes) {
  Json response = {{"ErrorCode", attributes.value("error_code", 0)}};
  if (attributes.contains("response_code") && attributes["response_code"].is_number()) {
    response["ResponseCode"] = std::to_string(attributes["response_code"].get<int>());
  }
  response["ResponsePagePath"] = attributes.value("response_page_path", "");
  response["ErrorCachingMinTTL"] = attributes.value("error_caching_min_ttl", 0);
  return response;
}

}  // namespace

Json DistributionAttributes(const Json& config, const Json& recorded) {
  Json out = Json::object();
  out["comment"] = config.value("Comment", "");
  out["enabled"] = config.value("Enabled", false);
  out["aliases"] = Sorted(CloudFrontItems(Member(config, "Aliases")));
  out["price_class"] = config.value("PriceClass", "");
  out["http_version"] = config.value("HttpVersion", "");
  out["ipv6_enabled"] = config.value("IsIPV6Enabled", false);
  out["default_root_object"] = config.value("DefaultRootObject", "");
  out["viewer_certificate"] = ViewerCertificateAttributes(Member(config, "ViewerCertificate"));
  const Json& logging = Member(config, "Logging");
  out["logging"] = logging.value("Enabled", false)
                       ? Json{{"bucket", logging.value("Bucket", "")},
                              {"prefix", logging.value("Prefix", "")},
                              {"include_cookies", logging.value("IncludeCookies", false)}}
                       : Json();
  Json origins = Json::array();
  for (const Json& origin : CloudFrontItems(Member(config, "Origins"))) {
    Json recorded_origin = Json::object();
    if (recorded.is_object()) {
      for (const Json& item : recorded.value("origins", Json::array())) {
        if (item.value("id", "") == origin.value("Id", "")) recorded_origin = item;
      }
    }
    origins.push_back(OriginAttributes(origin, recorded_origin));
  }
  out["origins"] = SortedBy(std::move(origins), "id");
  out["default_cache_behavior"] = BehaviorAttributes(Member(config, "DefaultCacheBehavior"), false);
  Json behaviors = Json::array();
  for (const Json& behavior : CloudFrontItems(Member(config, "CacheBehaviors"))) {
    behaviors.push_back(BehaviorAttributes(behavior, true));
  }
  out["cache_behaviors"] = std::move(behaviors);
  Json responses = Json::array();
  for (const Json& response : CloudFrontItems(Member(config, "CustomErrorResponses"))) {
    responses.push_back(ErrorResponseAttributes(response));
  }
  out["custom_error_responses"] = SortedBy(std::move(responses), "error_code");
  return out;
}

void ApplyDistributionAttributes(const Json& desired, Json* config) {
  Json& out = *config;
  if (desired.contains("comment")) out["Comment"] = desired["comment"];
  if (desired.contains("enabled")) out["Enabled"] = desired["enabled"];
  if (desired.contains("aliases")) out["Aliases"] = StringList(desired["aliases"]);
  if (desired.contains("price_class")) out["PriceClass"] = desired["price_class"];
  if (desired.contains("http_version")) out["HttpVersion"] = desired["http_version"];
  if (desired.contains("ipv6_enabled")) out["IsIPV6Enabled"] = desired["ipv6_enabled"];
  if (desired.contains("default_root_object")) {
    out["DefaultRootObject"] = desired["default_root_object"];
  }
  if (desired.contains("viewer_certificate")) {
    out["ViewerCertificate"] = ViewerCertificate(desired["viewer_certificate"]);
  }
  if (desired.contains("logging")) {
    const Json& logging = desired["logging"];
    out["Logging"] =
        logging.is_object()
            ? Json{{"Enabled", true},
                   {"IncludeCookies", logging.value("include_cookies", false)},
                   {"Bucket", logging.value("bucket", "")},
                   {"Prefix", logging.value("prefix", "")}}
            : Json{{"Enabled", false}, {"IncludeCookies", false}, {"Bucket", ""}, {"Prefix", ""}};
  }
  if (desired.contains("origins")) {
    Json origins = Json::array();
    for (const Json& origin : desired["origins"]) origins.push_back(Origin(origin));
    out["Origins"] = CloudFrontList(origins);
  }
  if (desired.contains("default_cache_behavior")) {
    out["DefaultCacheBehavior"] = Behavior(desired["default_cache_behavior"]);
  }
  if (desired.contains("cache_behaviors")) {
    Json behaviors = Json::array();
    for (const Json& behavior : desired["cache_behaviors"]) behaviors.push_back(Behavior(behavior));
    out["CacheBehaviors"] = CloudFrontList(behaviors);
  }
  if (desired.contains("custom_error_responses")) {
    Json responses = Json::array();
    for (const Json& response : desired["custom_error_responses"]) {
      responses.push_back(ErrorResponse(response));
    }
    out["CustomErrorResponses"] = CloudFrontList(responses);
  }
}

}  // namespace vueops::resources

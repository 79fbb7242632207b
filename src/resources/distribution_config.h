// A CloudFront DistributionConfig and the distribution type's attributes, both ways
// (distribution.cc). The attributes are the parts of the configuration the spec decides, in a
// flat vocabulary that reads well in a plan; everything else in a live configuration (origin
// groups, geo restrictions, a web ACL, ...) is left as it is by an update.
//
//   comment, enabled, price_class, http_version, ipv6_enabled, default_root_object
//   aliases               sorted
//   viewer_certificate    {acm_certificate_arn, ssl_support_method, minimum_protocol_version}
//                         or {cloudfront_default_certificate: true}
//   logging               {bucket (the logs bucket's domain name), prefix, include_cookies},
//                         or null when off
//   origins               sorted by id; S3: {id, domain_name, origin_path,
//                         origin_access_control_id}; custom (the load balancer): {id,
//                         domain_name, origin_path, protocol_policy, http_port, https_port,
//                         ssl_protocols}
//   default_cache_behavior, cache_behaviors (in precedence order): {path_pattern (not in the
//                         default), target_origin_id, viewer_protocol_policy, allowed_methods,
//                         cached_methods (sorted), compress, min_ttl, default_ttl, max_ttl,
//                         trusted_key_groups (sorted key group ids), and the legacy cache
//                         settings (ForwardedValues) flattened: query_string (bool),
//                         query_string_cache_keys, cookies (none | whitelist | all),
//                         cookie_names, headers (each sorted)}
//   custom_error_responses  sorted by error_code: {error_code, response_code,
//                         response_page_path, error_caching_min_ttl}
#ifndef VUEOPS_RESOURCES_DISTRIBUTION_CONFIG_H_
#define VUEOPS_RESOURCES_DISTRIBUTION_CONFIG_H_

#include "base/json.h"

namespace vueops::resources {

// The attributes (above) of a live DistributionConfig. `recorded` (the attributes last
// applied) stands in for what the answer leaves out (cloudfront_support.h, ReportedOr).
Json DistributionAttributes(const Json& config, const Json& recorded = Json());

// Writes the attributes in `desired` over the matching parts of `config` (a live
// DistributionConfig, or {"CallerReference": token} for a new one), leaving the rest.
void ApplyDistributionAttributes(const Json& desired, Json* config);

}  // namespace vueops::resources

#endif  // VUEOPS_RESOURCES_DISTRIBUTION_CONFIG_H_

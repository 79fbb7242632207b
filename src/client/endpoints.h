// Where a call goes and how it is signed: (service, region, overrides) -> URL, signing region
// and signing name, as the AWS SDKs resolve them.
//
// Sources: botocore's data/partitions.json (partitions, DNS suffixes, region patterns) and
// data/endpoints.json (global services' hostnames and credential scopes), and the AWS SDKs and
// Tools Reference Guide, "Service-specific endpoints" (the override precedence and the
// AWS_ENDPOINT_URL_<SERVICE> naming).
#ifndef VUEOPS_CLIENT_ENDPOINTS_H_
#define VUEOPS_CLIENT_ENDPOINTS_H_

#include <optional>
#include <string>
#include <string_view>

#include "base/environment.h"
#include "base/status.h"

namespace vueops::client {

// What endpoint resolution needs from a service's botocore metadata (service-2.json).
struct ServiceEndpointInfo {
  std::string service_id;       // metadata.serviceId, e.g. "Elastic Load Balancing v2"
  std::string endpoint_prefix;  // metadata.endpointPrefix, e.g. "elasticloadbalancing"
  std::string signing_name;     // metadata.signingName; empty means the endpoint prefix
};

// Endpoint settings of the active profile in the shared config file, never the environment
// (ConfiguredEndpointsFor in configured_settings.h fills it from auth::AwsConfig). Everything
// is optional.
struct ConfiguredEndpoints {
  // endpoint_url under this service's key (ServiceConfigKey) in the profile's services section.
  std::optional<std::string> service_endpoint_url;
  // endpoint_url set directly in the profile: every service's default.
  std::optional<std::string> profile_endpoint_url;
  // ignore_configured_endpoint_urls in the profile.
  std::optional<bool> ignore_configured_endpoint_urls;
};

struct EndpointOverrides {
  std::string endpoint_url;  // --endpoint-url; empty when not given
  ConfiguredEndpoints config;
};

struct Partition {
  std::string_view name;        // "aws", "aws-cn", "aws-us-gov", ...
  std::string_view dns_suffix;  // "amazonaws.com", "amazonaws.com.cn", ...
  // The region global services are signed for in this partition ("us-east-1" in aws).
  std::string_view global_region;
};

// The partition a region belongs to, by its prefix ("cn-" -> aws-cn, "us-gov-" -> aws-us-gov,
// "us-iso-" -> aws-iso, "us-isob-" -> aws-iso-b, ...); regions of no known pattern, like AWS's
// own fallback, belong to aws. The pseudo-regions "aws-global", "aws-cn-global", ... map to
// their partition.
const Partition& PartitionOfRegion(std::string_view region);

struct Endpoint {
  std::string url;  // scheme://host[:port][/base-path], without a trailing slash
  std::string signing_region;
  std::string signing_name;
  std::string partition;  // the region's partition name
  // True when an override chose the URL (a local emulator, a proxy, a VPC endpoint): S3 then
  // uses path-style addressing.
  bool custom = false;
  // Which setting chose the URL, for `vueops whoami` and error messages: "default",
  // "--endpoint-url", "AWS_ENDPOINT_URL_S3", "services section of the config file",
  // "AWS_ENDPOINT_URL", "endpoint_url of the config profile".
  std::string source;
};

// Resolves the endpoint of `service` in `region`. Overrides apply in this order, the first
// present winning: `overrides.endpoint_url`; AWS_ENDPOINT_URL_<SERVICE>; the services
// section's endpoint_url; AWS_ENDPOINT_URL; the profile's endpoint_url; then AWS's own
// endpoint. AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true (or the profile's
// ignore_configured_endpoint_urls, which the variable overrides) skips every override but
// --endpoint-url.
//
// Global services (IAM, Organizations, Route 53, CloudFront) go to their partition's single
// endpoint, signed for its global region, whatever region is asked; STS is regional; S3 in
// us-east-1 (and "aws-global") is s3.amazonaws.com. A custom URL is signed for `region` (for a
// global service, the partition's global region).
//
// Fails with kInvalidArgument when the region is not a valid host label, when it is empty for
// a regional service without a custom URL, or when an override is not an http(s) URL.
Result<Endpoint> ResolveEndpoint(const ServiceEndpointInfo& service, std::string_view region,
                                 const EndpointOverrides& overrides,
                                 const Environment& environment);

// "Elastic Load Balancing v2" -> "ELASTIC_LOAD_BALANCING_V2", the suffix of
// AWS_ENDPOINT_URL_<SERVICE>.
std::string ServiceEnvironmentSuffix(std::string_view service_id);
// "Elastic Load Balancing v2" -> "elastic_load_balancing_v2", the service's key in a services
// section of the shared config file.
std::string ServiceConfigKey(std::string_view service_id);

// How S3 requests name their bucket: in the host (virtual-hosted) or in the path.
enum class S3AddressingStyle {
  kAuto,     // virtual-hosted when the bucket allows and the endpoint is AWS's, else path
  kVirtual,  // always virtual-hosted (fails for buckets that cannot be a host label)
  kPath,     // always path-style
};

// True when `bucket` can be the first label of an HTTPS host name: 3 to 63 lowercase letters,
// digits and hyphens, starting and ending with a letter or digit. Names with dots are not:
// the certificate *.s3.<region>.amazonaws.com covers one label only.
bool IsVirtualHostableBucket(std::string_view bucket);

// The URL of `bucket` at `endpoint`, without a trailing slash; object keys are appended as
// "/" + key. Virtual-hosted: https://bucket.s3.eu-west-1.amazonaws.com; path-style:
// https://s3.eu-west-1.amazonaws.com/bucket. kAuto chooses path-style for custom endpoints
// (moto, proxies) and for buckets that cannot be a host label.
Result<std::string> S3BucketUrl(const Endpoint& endpoint, std::string_view bucket,
                                S3AddressingStyle style = S3AddressingStyle::kAuto);

}  // namespace vueops::client

#endif  // VUEOPS_CLIENT_ENDPOINTS_H_

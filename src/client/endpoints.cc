#include "client/endpoints.h"

#include <array>
#include <cctype>

namespace vueops::client {
namespace {

// botocore data/partitions.json: each partition's region pattern (reduced to its prefix), DNS
// suffix and implicitGlobalRegion. aws, the fallback, comes last.
constexpr std::array<std::pair<std::string_view, Partition>, 8> kPartitions = {{
    {"us-gov-", {"aws-us-gov", "amazonaws.com", "us-gov-west-1"}},
    {"us-iso-", {"aws-iso", "c2s.ic.gov", "us-iso-east-1"}},
    {"us-isob-", {"aws-iso-b", "sc2s.sgov.gov", "us-isob-east-1"}},
    {"us-isof-", {"aws-iso-f", "csp.hci.ic.gov", "us-isof-south-1"}},
    {"eu-isoe-", {"aws-iso-e", "cloud.adc-e.uk", "eu-isoe-west-1"}},
    {"eusc-", {"aws-eusc", "amazonaws.eu", "eusc-de-east-1"}},
    {"cn-", {"aws-cn", "amazonaws.com.cn", "cn-northwest-1"}},
    {"", {"aws", "amazonaws.com", "us-east-1"}},
}};

// botocore data/endpoints.json: the partitionEndpoint ("aws-global", "aws-cn-global", ...) of
// the services that have one endpoint per partition, with its hostname and credentialScope.
struct GlobalEndpoint {
  std::string_view endpoint_prefix;
  std::string_view partition;
  std::string_view hostname;
  std::string_view signing_region;
};
constexpr GlobalEndpoint kGlobalEndpoints[] = {
    {"iam", "aws", "iam.amazonaws.com", "us-east-1"},
    {"iam", "aws-cn", "iam.cn-north-1.amazonaws.com.cn", "cn-north-1"},
    {"iam", "aws-us-gov", "iam.us-gov.amazonaws.com", "us-gov-west-1"},
    {"iam", "aws-iso", "iam.us-iso-east-1.c2s.ic.gov", "us-iso-east-1"},
    {"iam", "aws-iso-b", "iam.us-isob-east-1.sc2s.sgov.gov", "us-isob-east-1"},
    {"iam", "aws-iso-f", "iam.us-isof-south-1.csp.hci.ic.gov", "us-isof-south-1"},
    {"organizations", "aws", "organizations.us-east-1.amazonaws.com", "us-east-1"},
    {"organizations", "aws-cn", "organizations.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1"},
    {"organizations", "aws-us-gov", "organizations.us-gov-west-1.amazonaws.com", "us-gov-west-1"},
    {"organizations", "aws-iso", "organizations.us-iso-east-1.c2s.ic.gov", "us-iso-east-1"},
    {"organizations", "aws-iso-b", "organizations.us-isob-east-1.sc2s.sgov.gov", "us-isob-east-1"},
    {"organizations", "aws-iso-e", "organizations.eu-isoe-west-1.cloud.adc-e.uk", "eu-isoe-west-1"},
    {"organizations", "aws-iso-f", "organizations.us-isof-south-1.csp.hci.ic.gov",
     "us-isof-south-1"},
    {"route53", "aws", "route53.amazonaws.com", "us-east-1"},
    {"route53", "aws-cn", "route53.amazonaws.com.cn", "cn-northwest-1"},
    {"route53", "aws-us-gov", "route53.us-gov.amazonaws.com", "us-gov-west-1"},
    {"route53", "aws-iso", "route53.c2s.ic.gov", "us-iso-east-1"},
    {"route53", "aws-iso-b", "route53.sc2s.sgov.gov", "us-isob-east-1"},
    {"route53", "aws-iso-e", "route53.cloud.adc-e.uk", "eu-isoe-west-1"},
    {"route53", "aws-iso-f", "route53.csp.hci.ic.gov", "us-isof-south-1"},
    {"cloudfront", "aws", "cloudfront.amazonaws.com", "us-east-1"},
    {"cloudfront", "aws-cn", "cloudfront.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1"},
};

bool IsGlobalService(std::string_view endpoint_prefix) {
  for (const GlobalEndpoint& global : kGlobalEndpoints) {
    if (global.endpoint_prefix == endpoint_prefix) return true;
  }
  return false;
}

const GlobalEndpoint* FindGlobalEndpoint(std::string_view endpoint_prefix,
                                         std::string_view partition) {
  for (const GlobalEndpoint& global : kGlobalEndpoints) {
    if (global.endpoint_prefix == endpoint_prefix && global.partition == partition) return &global;
  }
  return nullptr;
}

// botocore's region check: one DNS label of letters, digits and hyphens.
bool IsValidRegion(std::string_view region) {
  if (region.empty() || region.size() > 63) return false;
  if (region.front() == '-' || region.back() == '-') return false;
  for (char c : region) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
  }
  return true;
}

// Checks an endpoint URL given by the user and drops a trailing slash.
Result<std::string> NormalizeCustomUrl(std::string_view url, std::string_view source) {
  std::string_view rest;
  if (url.starts_with("https://")) {
    rest = url.substr(8);
  } else if (url.starts_with("http://")) {
    rest = url.substr(7);
  } else {
    return InvalidArgumentError("endpoint URL '" + std::string(url) + "' from " +
                                std::string(source) + " must start with https:// or http://");
  }
  std::string_view host = rest.substr(0, rest.find_first_of("/?#"));
  bool has_space = url.find_first_of(" \t\r\n") != url.npos;
  if (host.empty() || host.front() == ':' || has_space) {
    return InvalidArgumentError("endpoint URL '" + std::string(url) + "' from " +
                                std::string(source) + " names no usable host");
  }
  std::string normalized(url);
  while (normalized.back() == '/') normalized.pop_back();
  return normalized;
}

struct ChosenUrl {
  std::string url;
  std::string source;
};

// The first override present, in the documented precedence; nullopt for AWS's own endpoint.
std::optional<ChosenUrl> ChooseOverride(const ServiceEndpointInfo& service,
                                        const EndpointOverrides& overrides,
                                        const Environment& environment) {
  if (!overrides.endpoint_url.empty()) return ChosenUrl{overrides.endpoint_url, "--endpoint-url"};
  bool ignore_configured = overrides.config.ignore_configured_endpoint_urls.value_or(false);
  // botocore's ensure_boolean: a set variable overrides the profile, and only "true" is true.
  if (std::optional<std::string> value = environment.Get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")) {
    ignore_configured = ParseBoolean(*value).value_or(false);
  }
  if (ignore_configured) return std::nullopt;
  std::string service_variable = "AWS_ENDPOINT_URL_" + ServiceEnvironmentSuffix(service.service_id);
  if (std::optional<std::string> value = environment.Get(service_variable);
      value && !value->empty()) {
    return ChosenUrl{*value, service_variable};
  }
  if (const auto& value = overrides.config.service_endpoint_url; value && !value->empty()) {
    return ChosenUrl{*value, "services section of the config file (" +
                                 ServiceConfigKey(service.service_id) + ")"};
  }
  if (std::optional<std::string> value = environment.Get("AWS_ENDPOINT_URL");
      value && !value->empty()) {
    return ChosenUrl{*value, "AWS_ENDPOINT_URL"};
  }
  if (const auto& value = overrides.config.profile_endpoint_url; value && !value->empty()) {
    return ChosenUrl{*value, "endpoint_url of the config profile"};
  }
  return std::nullopt;
}

std::string Transform(std::string_view service_id, bool upper) {
  std::string result;
  result.reserve(service_id.size());
  for (char c : service_id) {
    unsigned char byte = static_cast<unsigned char>(c);
    result += c == ' ' ? '_' : static_cast<char>(upper ? std::toupper(byte) : std::tolower(byte));
  }
  return result;
}

}  // namespace

const Partition& PartitionOfRegion(std::string_view region) {
  for (const auto& [prefix, partition] : kPartitions) {
    if (region.size() == partition.name.size() + 7 && region.starts_with(partition.name) &&
        region.ends_with("-global")) {
      return partition;
    }
  }
  for (const auto& [prefix, partition] : kPartitions) {
    if (region.starts_with(prefix)) return partition;
  }
  return kPartitions.back().second;
}

std::string ServiceEnvironmentSuffix(std::string_view service_id) {
  return Transform(service_id, /*upper=*/true);
}

std::string ServiceConfigKey(std::string_view service_id) {
  return Transform(service_id, /*upper=*/false);
}

Result<Endpoint> ResolveEndpoint(const ServiceEndpointInfo& service, std::string_view region,
                                 const EndpointOverrides& overrides,
                                 const Environment& environment) {
  if (!region.empty() && !IsValidRegion(region)) {
    return InvalidArgumentError("region '" + std::string(region) +
                                "' is not a valid region name (letters, digits and hyphens)");
  }
  const std::string& prefix = service.endpoint_prefix;
  const bool global = IsGlobalService(prefix);
  // Without a region a global service still has its aws endpoint (as botocore gives IAM).
  const Partition& partition = PartitionOfRegion(region.empty() ? "us-east-1" : region);
  const GlobalEndpoint* global_endpoint =
      global ? FindGlobalEndpoint(prefix, partition.name) : nullptr;

  Endpoint endpoint;
  endpoint.signing_name = service.signing_name.empty() ? prefix : service.signing_name;
  endpoint.partition = std::string(partition.name);

  if (std::optional<ChosenUrl> chosen = ChooseOverride(service, overrides, environment)) {
    ASSIGN_OR_RETURN(endpoint.url, NormalizeCustomUrl(chosen->url, chosen->source));
    endpoint.custom = true;
    endpoint.source = std::move(chosen->source);
    if (global_endpoint != nullptr) {
      endpoint.signing_region = std::string(global_endpoint->signing_region);
    } else {
      // A custom endpoint without a region (a local emulator) is signed as AWS's first region.
      endpoint.signing_region =
          region.empty() ? std::string(partition.global_region) : std::string(region);
    }
    return endpoint;
  }

  endpoint.source = "default";
  if (global_endpoint != nullptr) {
    endpoint.url = "https://" + std::string(global_endpoint->hostname);
    endpoint.signing_region = std::string(global_endpoint->signing_region);
    return endpoint;
  }
  if (region.empty()) {
    return InvalidArgumentError("no AWS region for " + service.service_id +
                                ": set AWS_REGION, the profile's region, or --region");
  }
  // endpoints.json: S3's "aws-global" and legacy us-east-1 endpoint (the SDKs' default
  // s3_us_east_1_regional_endpoint = legacy), signed for us-east-1.
  if (prefix == "s3" && (region == "us-east-1" || region == "aws-global")) {
    endpoint.url = "https://s3.amazonaws.com";
    endpoint.signing_region = "us-east-1";
    return endpoint;
  }
  // endpoints.json: "aws-global" is STS's pseudo-region for the legacy global endpoint.
  if (prefix == "sts" && region == "aws-global") {
    endpoint.url = "https://sts.amazonaws.com";
    endpoint.signing_region = "us-east-1";
    return endpoint;
  }
  // The partitions' default hostname template: {service}.{region}.{dnsSuffix}.
  endpoint.url =
      "https://" + prefix + "." + std::string(region) + "." + std::string(partition.dns_suffix);
  endpoint.signing_region = std::string(region);
  return endpoint;
}

bool IsVirtualHostableBucket(std::string_view bucket) {
  if (bucket.size() < 3 || bucket.size() > 63) return false;
  auto lower_alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!lower_alnum(bucket.front()) || !lower_alnum(bucket.back())) return false;
  for (char c : bucket) {
    if (!lower_alnum(c) && c != '-') return false;
  }
  return true;
}

Result<std::string> S3BucketUrl(const Endpoint& endpoint, std::string_view bucket,
                                S3AddressingStyle style) {
  if (bucket.empty() || bucket.find_first_of("/?#% \t\r\n") != bucket.npos) {
    return InvalidArgumentError("'" + std::string(bucket) + "' is not a valid S3 bucket name");
  }
  bool virtual_hosted = false;
  switch (style) {
    case S3AddressingStyle::kAuto:
      virtual_hosted = !endpoint.custom && IsVirtualHostableBucket(bucket);
      break;
    case S3AddressingStyle::kVirtual:
      if (!IsVirtualHostableBucket(bucket)) {
        return InvalidArgumentError("bucket '" + std::string(bucket) +
                                    "' cannot be addressed virtual-hosted style (it is not a "
                                    "lowercase DNS label of 3 to 63 characters without dots)");
      }
      virtual_hosted = true;
      break;
    case S3AddressingStyle::kPath: break;
  }
  if (!virtual_hosted) return endpoint.url + "/" + std::string(bucket);
  size_t host_start = endpoint.url.find("://");
  if (host_start == std::string::npos) {
    return InvalidArgumentError("endpoint URL '" + endpoint.url + "' has no scheme");
  }
  host_start += 3;
  return endpoint.url.substr(0, host_start) + std::string(bucket) + "." +
         endpoint.url.substr(host_start);
}

}  // namespace vueops::client

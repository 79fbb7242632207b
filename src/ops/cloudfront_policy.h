// The policy statement a CloudFront signed URL or cookie carries (notes: "CloudFront":
// "Protected files use signed URLs"), written byte for byte as botocore's
// CloudFrontSigner.build_policy writes it, since the signature covers these exact bytes and a
// canned policy is rebuilt by CloudFront from the URL (CloudFront Developer Guide, "Create a
// signed URL using a canned policy" and "... using a custom policy").
#ifndef VUEOPS_OPS_CLOUDFRONT_POLICY_H_
#define VUEOPS_OPS_CLOUDFRONT_POLICY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace vueops::ops {

// What a signature grants: the resource, until when, from when, from where.
struct CloudFrontGrant {
  std::string resource;                      // the URL, or a pattern with * and ? (custom only)
  int64_t date_less_than = 0;                // epoch seconds: the grant ends before this
  std::optional<int64_t> date_greater_than;  // epoch seconds: the grant starts after this
  std::string source_ip;                     // IPv4 CIDR ("192.0.2.0/24"); "" for any address
};

// A canned policy when only an expiry limits the grant, a custom policy otherwise: a start
// time, a source address, or a wildcard resource (a canned policy's resource is the URL
// itself, so it cannot cover several) need the custom form.
bool NeedsCustomPolicy(const CloudFrontGrant& grant);

// {"Statement":[{"Resource":R,"Condition":{"DateLessThan":{"AWS:EpochTime":N}}}]}
std::string CannedPolicy(std::string_view resource, int64_t date_less_than);

// The same statement with IpAddress (AWS:SourceIp) and DateGreaterThan conditions after
// DateLessThan, in botocore's order, when the grant has them.
std::string CustomPolicy(const CloudFrontGrant& grant);

// Checks a grant before it is signed: an ASCII resource without CloudFront's own signing
// parameters, an expiry after `now` (epoch seconds) and after the start, an IPv4 source
// (CloudFront matches IpAddress against IPv4 viewers only). Returns the grant with a bare
// address written as a /32, as botocore writes it.
Result<CloudFrontGrant> CheckGrant(CloudFrontGrant grant, int64_t now);

// CloudFront's URL-safe base64: standard base64 with + as -, = as _ and / as ~ (CloudFront
// Developer Guide, "Create a signature for a signed URL that uses a canned policy").
std::string CloudFrontBase64(std::string_view bytes);

}  // namespace vueops::ops

#endif  // VUEOPS_OPS_CLOUDFRONT_POLICY_H_

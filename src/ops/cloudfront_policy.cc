#include "ops/cloudfront_policy.h"

#include <array>

#include "auth/crypto.h"
#include "spec/cidr.h"

namespace vueops::ops {
namespace {

// The query parameters CloudFront reads as the signature's own (CloudFront Developer Guide,
// "Create a signed URL using a canned policy"): a URL that already has one would be read
// wrongly once they are appended.
constexpr std::array<std::string_view, 5> kSigningParameters = {"Expires", "Policy", "Signature",
                                                                "Key-Pair-Id", "Hash-Algorithm"};

// The resource as a JSON string. CheckGrant lets through printable ASCII only, where Python's
// json.dumps (botocore) escapes nothing but the quote and the backslash.
std::string JsonString(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string EpochCondition(std::string_view name, int64_t seconds) {
  return "\"" + std::string(name) + "\":{\"AWS:EpochTime\":" + std::to_string(seconds) + "}";
}

std::string Statement(std::string_view resource, const std::string& conditions) {
  return "{\"Statement\":[{\"Resource\":" + JsonString(resource) + ",\"Condition\":{" + conditions +
         "}}]}";
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

Status CheckResource(std::string_view resource) {
  if (!StartsWith(resource, "https://") && !StartsWith(resource, "http://") &&
      !StartsWith(resource, "http*://")) {
    return InvalidArgumentError("'" + std::string(resource) +
                                "' is not an http:// or https:// URL (a pattern may start with "
                                "http*://)");
  }
  for (char c : resource) {
    auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte >= 0x7f) {
      return InvalidArgumentError(
          "the URL has a space, a control or a non-ASCII character; percent-encode it first "
          "(CloudFront compares the URL byte for byte)");
    }
  }
  if (resource.find('#') != std::string_view::npos) {
    return InvalidArgumentError("the URL has a fragment (#...); sign the URL without it");
  }
  size_t query = resource.find('?', resource.find("://") + 3);
  // A pattern's ? is a wildcard: only a URL without * has a query string to check.
  if (query == std::string_view::npos || resource.find('*') != std::string_view::npos) {
    return Status::Ok();
  }
  std::string_view rest = resource.substr(query + 1);
  while (!rest.empty()) {
    size_t end = rest.find('&');
    std::string_view parameter = rest.substr(0, end);
    std::string_view name = parameter.substr(0, parameter.find('='));
    for (std::string_view reserved : kSigningParameters) {
      if (name == reserved) {
        return InvalidArgumentError("the URL already has CloudFront's '" + std::string(name) +
                                    "' parameter; sign the URL without Expires, Policy, "
                                    "Signature, Key-Pair-Id and Hash-Algorithm");
      }
    }
    if (end == std::string_view::npos) break;
    rest = rest.substr(end + 1);
  }
  return Status::Ok();
}

}  // namespace

bool NeedsCustomPolicy(const CloudFrontGrant& grant) {
  return grant.date_greater_than.has_value() || !grant.source_ip.empty() ||
         grant.resource.find('*') != std::string::npos;
}

std::string CannedPolicy(std::string_view resource, int64_t date_less_than) {
  return Statement(resource, EpochCondition("DateLessThan", date_less_than));
}

std::string CustomPolicy(const CloudFrontGrant& grant) {
  std::string conditions = EpochCondition("DateLessThan", grant.date_less_than);
  if (!grant.source_ip.empty()) {
    conditions += ",\"IpAddress\":{\"AWS:SourceIp\":" + JsonString(grant.source_ip) + "}";
  }
  if (grant.date_greater_than.has_value()) {
    conditions += "," + EpochCondition("DateGreaterThan", *grant.date_greater_than);
  }
  return Statement(grant.resource, conditions);
}

Result<CloudFrontGrant> CheckGrant(CloudFrontGrant grant, int64_t now) {
  RETURN_IF_ERROR(CheckResource(grant.resource));
  if (grant.date_less_than <= now) {
    return InvalidArgumentError("the expiry (" + std::to_string(grant.date_less_than) +
                                ") is not in the future (now is " + std::to_string(now) + ")");
  }
  if (grant.date_greater_than.has_value() && *grant.date_greater_than >= grant.date_less_than) {
    return InvalidArgumentError("the start (" + std::to_string(*grant.date_greater_than) +
                                ") is not before the expiry (" +
                                std::to_string(grant.date_less_than) + ")");
  }
  if (!grant.source_ip.empty()) {
    Result<spec::Cidr> cidr = spec::ParseCidr(grant.source_ip, /*allow_bare_address=*/true);
    if (!cidr.ok()) return InvalidArgumentError("source IP: " + cidr.status().message());
    if (cidr->ipv6) {
      return InvalidArgumentError("source IP " + grant.source_ip +
                                  " is IPv6; CloudFront matches IpAddress against IPv4 viewers "
                                  "only (a distribution restricting by IP should not enable "
                                  "IPv6)");
    }
    grant.source_ip = cidr->ToString();
  }
  return grant;
}

std::string CloudFrontBase64(std::string_view bytes) {
  std::string text = auth::Base64Encode(bytes);
  for (char& c : text) {
    if (c == '+') c = '-';
    if (c == '=') c = '_';
    if (c == '/') c = '~';
  }
  return text;
}

}  // namespace vueops::ops

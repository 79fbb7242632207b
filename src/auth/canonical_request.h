// SigV4 task 1, "Create a canonical request", one function per part (as botocore's auth.py
// splits it). Reference: AWS Signature Version 4, "Create a canonical request"
// (docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html) and, for S3, "Signature
// Calculations for the Authorization Header" (AmazonS3/latest/API/sig-v4-header-based-auth.html).
#ifndef VUEOPS_AUTH_CANONICAL_REQUEST_H_
#define VUEOPS_AUTH_CANONICAL_REQUEST_H_

#include <string>
#include <string_view>

#include "http/http.h"

namespace vueops::auth {

// The canonical URI of a URL path, which arrives as it is sent on the wire (already
// percent-encoded by the protocol serializer).
//   normalize: remove "." and ".." segments and empty segments ("//"), as every service but
//     S3 expects (an S3 key "a//b" is a different object from "a/b").
//   encode: URI-encode the path once more ('/' kept), so "%20" on the wire is signed as
//     "%2520". Every service but S3 expects this double encoding.
// An empty path is "/".
std::string CanonicalUri(std::string_view path, bool normalize, bool encode);

// The canonical query string of a URL query ("b=2&a=1&c"): each name and value decoded then
// URI-encoded again (so raw and encoded input canonicalize the same way), pairs sorted by
// name then value, an absent value written "name=".
std::string CanonicalQueryString(std::string_view query);

// Headers that are never signed: they are set or changed by HTTP clients and proxies after
// signing (botocore's SIGNED_HEADERS_BLACKLIST, plus the hop-by-hop "connection").
bool IsUnsignedHeader(std::string_view lowercase_name);

struct CanonicalHeaders {
  std::string canonical;       // "host:example.com\nx-amz-date:20150830T123600Z\n"
  std::string signed_headers;  // "host;x-amz-date"
};

// Canonical headers and the signed-header list: names lowercased and sorted, values trimmed
// with inner runs of whitespace collapsed to one space, the values of a repeated header
// joined with ',' in the order they were given. `host` is added as the host header when the
// request carries none (HTTP clients derive it from the URL the same way).
CanonicalHeaders BuildCanonicalHeaders(const http::Headers& headers, std::string_view host);

// The canonical request: method, URI, query, headers, signed headers and payload hash, one
// per line.
std::string CanonicalRequest(std::string_view method, std::string_view canonical_uri,
                             std::string_view canonical_query,
                             const CanonicalHeaders& canonical_headers,
                             std::string_view payload_hash);

}  // namespace vueops::auth

#endif  // VUEOPS_AUTH_CANONICAL_REQUEST_H_

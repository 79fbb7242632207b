// Request and response checksums the services require or offer.
#ifndef VUEOPS_CLIENT_CHECKSUMS_H_
#define VUEOPS_CLIENT_CHECKSUMS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "http/http.h"
#include "model/service_model.h"
#include "protocol/request.h"

namespace vueops::client {

// base64(MD5(body)): the Content-MD5 header (RFC 1864).
std::string ContentMd5(std::string_view body);

// Adds Content-MD5 when the operation requires a checksum — httpChecksumRequired, or
// httpChecksum.requestChecksumRequired (S3 PutBucketLifecycleConfiguration, PutBucketCors,
// DeleteObjects, PutObjectLockConfiguration, ...: "Content-MD5 or x-amz-checksum-* header is
// required for this request", S3 API Reference) — and the request carries neither
// Content-MD5 nor an x-amz-checksum-* header already. S3 accepts Content-MD5 for every such
// operation, so no flexible-checksum algorithm needs choosing.
void AddRequiredChecksum(const model::Operation& operation, protocol::Request& request);

// DynamoDB's response integrity check: false when the response carries an x-amz-crc32 header
// that is not the CRC32 of its body (the SDKs then retry: the body was damaged in transit).
bool ResponseCrc32Matches(const http::Response& response);

}  // namespace vueops::client

#endif  // VUEOPS_CLIENT_CHECKSUMS_H_

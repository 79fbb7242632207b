#include "client/checksums.h"

#include <openssl/evp.h>
#include <strings.h>
#include <zlib.h>

#include <array>
#include <charconv>

#include "model/base64.h"

namespace vueops::client {
namespace {

constexpr std::string_view kContentMd5Header = "Content-MD5";
// Flexible checksums travel as x-amz-checksum-crc32, -crc32c, -sha1, -sha256, ...
constexpr std::string_view kChecksumHeaderPrefix = "x-amz-checksum-";
constexpr std::string_view kCrc32Header = "x-amz-crc32";

bool HasChecksumHeader(const http::Headers& headers) {
  for (const auto& [name, value] : headers) {
    if (name.size() > kChecksumHeaderPrefix.size() &&
        ::strncasecmp(name.data(), kChecksumHeaderPrefix.data(), kChecksumHeaderPrefix.size()) ==
            0) {
      return true;
    }
  }
  return http::FindHeader(headers, kContentMd5Header) != nullptr;
}

}  // namespace

std::string ContentMd5(std::string_view body) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  // EVP_Digest is a one-shot: MD5 here is an integrity check S3 asks for, not security.
  if (EVP_Digest(body.data(), body.size(), digest.data(), &size, EVP_md5(), nullptr) != 1) {
    return "";
  }
  return model::Base64Encode(std::string_view(reinterpret_cast<const char*>(digest.data()), size));
}

void AddRequiredChecksum(const model::Operation& operation, protocol::Request& request) {
  if (!operation.http_checksum_required && !operation.http_checksum.request_checksum_required) {
    return;
  }
  if (HasChecksumHeader(request.headers)) return;
  request.headers.emplace_back(std::string(kContentMd5Header), ContentMd5(request.body));
}

bool ResponseCrc32Matches(const http::Response& response) {
  const std::string* expected_text = http::FindHeader(response.headers, kCrc32Header);
  if (expected_text == nullptr) return true;
  uint64_t expected = 0;
  auto [end, error] = std::from_chars(expected_text->data(),
                                      expected_text->data() + expected_text->size(), expected);
  if (error != std::errc() || end != expected_text->data() + expected_text->size()) return false;
  uLong actual = ::crc32(0L, Z_NULL, 0);
  // zlib takes uInt lengths: feed large bodies in pieces.
  std::string_view rest = response.body;
  while (!rest.empty()) {
    uInt piece = static_cast<uInt>(std::min<size_t>(rest.size(), 1u << 30));
    actual = ::crc32(actual, reinterpret_cast<const Bytef*>(rest.data()), piece);
    rest.remove_prefix(piece);
  }
  return actual == expected;
}

}  // namespace vueops::client

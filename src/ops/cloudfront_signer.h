// CloudFront signed URLs and signed cookies (notes: "CloudFront": "Protected files use signed
// URLs"; "Keys and SSL certificates": the private key is "stored in AWS Secrets"). Output is
// byte-identical to botocore's CloudFrontSigner for the same key and inputs; SHA-256
// signatures add the Hash-Algorithm parameter (or cookie) as the CloudFront Developer Guide
// describes ("Code examples for creating a signature for a signed URL").
#ifndef VUEOPS_OPS_CLOUDFRONT_SIGNER_H_
#define VUEOPS_OPS_CLOUDFRONT_SIGNER_H_

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "ops/cloudfront_policy.h"

namespace vueops::ops {

// The digest the RSA signature is made over. CloudFront's default is SHA-1.
enum class SignatureHash { kSha1, kSha256 };

// "sha1" / "sha256" (any case); kInvalidArgument naming the accepted values otherwise.
Result<SignatureHash> ParseSignatureHash(std::string_view name);

// The cookies that carry a signature, in the order CloudFront's guide lists them:
// CloudFront-Expires (canned) or CloudFront-Policy (custom), CloudFront-Signature,
// CloudFront-Key-Pair-Id, and CloudFront-Hash-Algorithm for SHA-256.
using SignedCookies = std::vector<std::pair<std::string, std::string>>;

class CloudFrontSigner {
 public:
  // `private_key_pem`: an RSA private key, PKCS#1 ("BEGIN RSA PRIVATE KEY") or PKCS#8
  // ("BEGIN PRIVATE KEY"), unencrypted. `key_pair_id`: the id of the CloudFront public key
  // that holds its public half (a key group trusts that key). Errors never quote the key.
  static Result<CloudFrontSigner> FromPem(std::string_view private_key_pem,
                                          std::string key_pair_id);

  CloudFrontSigner(CloudFrontSigner&&) noexcept;
  CloudFrontSigner& operator=(CloudFrontSigner&&) noexcept;
  ~CloudFrontSigner();

  // The RSA PKCS #1 v1.5 signature of `policy`, in CloudFront's base64.
  Result<std::string> Sign(std::string_view policy, SignatureHash hash) const;

  // `url` with Expires (canned) or Policy (custom), Signature, Key-Pair-Id and, for SHA-256,
  // Hash-Algorithm appended after ? or &. REQUIRES: `grant` passed CheckGrant and its
  // resource is the URL.
  Result<std::string> SignUrl(const CloudFrontGrant& grant, SignatureHash hash) const;

  // The cookies granting `grant` (whose resource may be a pattern).
  // REQUIRES: `grant` passed CheckGrant.
  Result<SignedCookies> SignCookies(const CloudFrontGrant& grant, SignatureHash hash) const;

  const std::string& key_pair_id() const { return key_pair_id_; }

 private:
  struct Key;
  CloudFrontSigner(std::unique_ptr<Key> key, std::string key_pair_id);

  std::unique_ptr<Key> key_;
  std::string key_pair_id_;
};

}  // namespace vueops::ops

#endif  // VUEOPS_OPS_CLOUDFRONT_SIGNER_H_

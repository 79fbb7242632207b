#include "ops/cloudfront_signer.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cctype>

namespace vueops::ops {
namespace {

// CloudFront Developer Guide, "Code examples for creating a signature for a signed URL": with
// SHA-256 the URL carries Hash-Algorithm=SHA256 (and a cookie CloudFront-Hash-Algorithm).
constexpr std::string_view kSha256Name = "SHA256";

struct BioDeleter {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct KeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct DigestContextDeleter {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};

// OpenSSL would otherwise ask on the terminal for an encrypted key's pass phrase.
int NoPassphrase(char*, int, int, void*) { return -1; }

bool IsKeyPairId(std::string_view id) {
  if (id.empty()) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

struct CloudFrontSigner::Key {
  std::unique_ptr<EVP_PKEY, KeyDeleter> pkey;
};

Result<SignatureHash> ParseSignatureHash(std::string_view name) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "sha1") return SignatureHash::kSha1;
  if (lower == "sha256") return SignatureHash::kSha256;
  return InvalidArgumentError("unknown hash '" + std::string(name) +
                              "'; use sha1 (CloudFront's default) or sha256");
}

CloudFrontSigner::CloudFrontSigner(std::unique_ptr<Key> key, std::string key_pair_id)
    : key_(std::move(key)), key_pair_id_(std::move(key_pair_id)) {}
CloudFrontSigner::CloudFrontSigner(CloudFrontSigner&&) noexcept = default;
CloudFrontSigner& CloudFrontSigner::operator=(CloudFrontSigner&&) noexcept = default;
CloudFrontSigner::~CloudFrontSigner() = default;

Result<CloudFrontSigner> CloudFrontSigner::FromPem(std::string_view private_key_pem,
                                                   std::string key_pair_id) {
  if (!IsKeyPairId(key_pair_id)) {
    return InvalidArgumentError("'" + key_pair_id +
                                "' is not a CloudFront public key id (letters and digits, e.g. "
                                "K2JCJMDEHXQW5F)");
  }
  if (private_key_pem.find("ENCRYPTED") != std::string_view::npos) {
    return InvalidArgumentError(
        "the private key is encrypted with a pass phrase; vueops signs with an unencrypted key "
        "kept in Secrets Manager or a mode-0600 file (openssl rsa -in KEY -out PLAIN)");
  }
  std::unique_ptr<BIO, BioDeleter> bio(
      BIO_new_mem_buf(private_key_pem.data(), static_cast<int>(private_key_pem.size())));
  if (bio == nullptr) return InternalError("OpenSSL could not allocate a buffer");
  auto key = std::make_unique<Key>();
  key->pkey.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, NoPassphrase, nullptr));
  ERR_clear_error();
  if (key->pkey == nullptr) {
    return InvalidArgumentError(
        "no PEM private key ('-----BEGIN RSA PRIVATE KEY-----' or '-----BEGIN PRIVATE "
        "KEY-----') could be read");
  }
  if (EVP_PKEY_get_base_id(key->pkey.get()) != EVP_PKEY_RSA) {
    return InvalidArgumentError(
        "the private key is not an RSA key; CloudFront key groups hold RSA 2048-bit keys");
  }
  return CloudFrontSigner(std::move(key), std::move(key_pair_id));
}

Result<std::string> CloudFrontSigner::Sign(std::string_view policy, SignatureHash hash) const {
  std::unique_ptr<EVP_MD_CTX, DigestContextDeleter> context(EVP_MD_CTX_new());
  if (context == nullptr) return InternalError("OpenSSL could not allocate a digest context");
  const EVP_MD* digest = hash == SignatureHash::kSha256 ? EVP_sha256() : EVP_sha1();
  size_t size = 0;
  if (EVP_DigestSignInit(context.get(), nullptr, digest, nullptr, key_->pkey.get()) != 1 ||
      EVP_DigestSign(context.get(), nullptr, &size,
                     reinterpret_cast<const unsigned char*>(policy.data()), policy.size()) != 1) {
    ERR_clear_error();
    return InternalError("OpenSSL could not sign with the private key");
  }
  std::string signature(size, '\0');
  if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &size,
                     reinterpret_cast<const unsigned char*>(policy.data()), policy.size()) != 1) {
    ERR_clear_error();
    return InternalError("OpenSSL could not sign with the private key");
  }
  signature.resize(size);
  return CloudFrontBase64(signature);
}

Result<std::string> CloudFrontSigner::SignUrl(const CloudFrontGrant& grant,
                                              SignatureHash hash) const {
  ASSIGN_OR_RETURN(SignedCookies parts, SignCookies(grant, hash));
  // The cookies' values are the query parameters' values, in the same order, named without
  // the "CloudFront-" prefix (botocore's generate_presigned_url; the guide's URL examples).
  constexpr std::string_view kPrefix = "CloudFront-";
  std::string url = grant.resource;
  char separator = grant.resource.find('?') == std::string::npos ? '?' : '&';
  for (const auto& [cookie, value] : parts) {
    url += separator;
    url += cookie.substr(kPrefix.size()) + "=" + value;
    separator = '&';
  }
  return url;
}

Result<SignedCookies> CloudFrontSigner::SignCookies(const CloudFrontGrant& grant,
                                                    SignatureHash hash) const {
  SignedCookies cookies;
  std::string policy;
  if (NeedsCustomPolicy(grant)) {
    policy = CustomPolicy(grant);
    cookies.emplace_back("CloudFront-Policy", CloudFrontBase64(policy));
  } else {
    policy = CannedPolicy(grant.resource, grant.date_less_than);
    cookies.emplace_back("CloudFront-Expires", std::to_string(grant.date_less_than));
  }
  ASSIGN_OR_RETURN(std::string signature, Sign(policy, hash));
  cookies.emplace_back("CloudFront-Signature", std::move(signature));
  cookies.emplace_back("CloudFront-Key-Pair-Id", key_pair_id_);
  if (hash == SignatureHash::kSha256) {
    cookies.emplace_back("CloudFront-Hash-Algorithm", std::string(kSha256Name));
  }
  return cookies;
}

}  // namespace vueops::ops
